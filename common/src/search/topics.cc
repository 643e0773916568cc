/** @file
 *  @brief Batches of queries: reading a topics file, and answering it on several threads.
 */
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>

#include "fahras/error.h"
#include "fahras/search.h"
#include "util/lines.h"

namespace fahras {

std::vector<Topic> read_topics(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot read topics file");
    std::vector<Topic> topics;
    detail::for_each_content_line(in, [&](const std::string& line, std::size_t number) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0) {
            throw InputError(path, number, "expected 'qid<TAB>query'");
        }
        topics.push_back({line.substr(0, tab), line.substr(tab + 1)});
    });
    return topics;
}

namespace {

/** How many answers each thread may have ready beyond the one that `done` waits for. */
constexpr std::size_t kAheadPerThread = 64;

/** One topic's answer once a thread has it. */
struct Slot {
    bool ready = false;
    TopicAnswer answer;
    std::exception_ptr failure;  ///< what the search threw, other than a QueryError
};

/** @p topic searched on @p searcher, timed; a malformed query is an answer with its error. */
Slot answer(const Searcher& searcher, const Topic& topic, const SearchOptions& options) {
    using Clock = std::chrono::steady_clock;
    Slot slot;
    const auto started = Clock::now();
    try {
        slot.answer.result = searcher.search(topic.query, options);
    } catch (const QueryError& e) {
        slot.answer.error = e.what();
    } catch (...) {
        slot.failure = std::current_exception();
    }
    slot.answer.milliseconds =
        std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    slot.ready = true;
    return slot;
}

/** The topics of a batch, taken by the worker threads in order, and their answers, which
 *  wait in a ring of slots until the calling thread takes them, in order: topic i waits in
 *  slot i % ahead, which topic i + ahead can only take once topic i was taken. */
class Batch {
  public:
    Batch(const std::vector<Topic>& topics, const SearchOptions& options, std::size_t threads)
        : topics_(topics),
          options_(options),
          ahead_(kAheadPerThread * threads),
          slots_(std::min(ahead_, topics.size())) {}

    /** A worker thread: answers the next topic on @p searcher until none is left or the
     *  batch stops. */
    void work(const Searcher& searcher) {
        for (std::size_t i = 0; next_topic(i);) {
            Slot slot = answer(searcher, topics_[i], options_);
            {
                const std::lock_guard lock(mutex_);
                slots_[i % slots_.size()] = std::move(slot);
            }
            answered_.notify_one();  // only the calling thread waits for answers
        }
    }

    /** The answer to topic @p i, once a thread has it (topics are taken in order). */
    Slot take(std::size_t i) {
        Slot slot;
        {
            std::unique_lock lock(mutex_);
            Slot& waiting = slots_[i % slots_.size()];
            answered_.wait(lock, [&] { return waiting.ready; });
            slot = std::move(waiting);
            waiting = Slot{};
            handed_ = i + 1;
        }
        room_.notify_all();
        return slot;
    }

    /** Tells the threads to stop after the topic they are answering. */
    void stop() {
        {
            const std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        room_.notify_all();
    }

  private:
    /** Waits for a topic to answer and room for its answer: false if there is none left or
     *  the batch stops, else true with the topic in @p i. */
    bool next_topic(std::size_t& i) {
        std::unique_lock lock(mutex_);
        room_.wait(
            lock, [&] { return stopping_ || next_ == topics_.size() || next_ < handed_ + ahead_; });
        if (stopping_ || next_ == topics_.size()) return false;
        i = next_++;
        return true;
    }

    const std::vector<Topic>& topics_;
    const SearchOptions& options_;
    const std::size_t ahead_;
    // Shared under mutex_: the answers, the next topic to take, how many were handed over.
    std::mutex mutex_;
    std::condition_variable answered_;  // a slot is ready
    std::condition_variable room_;      // handed_ moved on, or the batch stops
    std::size_t next_ = 0;
    std::size_t handed_ = 0;
    bool stopping_ = false;
    std::vector<Slot> slots_;
};

}  // namespace

void search_topics(const std::string& path, const std::vector<Topic>& topics,
                   const SearchOptions& options, unsigned threads,
                   const std::function<void(Searcher&)>& prepare,
                   const std::function<void(const Topic&, TopicAnswer&&)>& done) {
    if (topics.empty()) return;
    const std::size_t thread_count =
        std::min<std::size_t>(std::clamp(threads, 1U, kMaxSearchThreads), topics.size());
    // Opened here, so that a missing index or a bad synonyms file fails before any search.
    std::vector<std::unique_ptr<Searcher>> searchers;
    for (std::size_t t = 0; t < thread_count; ++t) {
        searchers.push_back(std::make_unique<Searcher>(path));
        prepare(*searchers.back());
    }
    Batch batch(topics, options, thread_count);
    // Destroyed in reverse order: `stopper` tells the threads to stop (on return or on an
    // exception), then each jthread joins its thread.
    std::vector<std::jthread> workers;
    struct Stopper {
        Batch& batch;
        ~Stopper() { batch.stop(); }
    } const stopper{batch};
    for (const auto& searcher : searchers) {
        workers.emplace_back([&batch, &searcher = *searcher] { batch.work(searcher); });
    }
    for (std::size_t i = 0; i < topics.size(); ++i) {
        Slot slot = batch.take(i);
        if (slot.failure) std::rethrow_exception(slot.failure);
        done(topics[i], std::move(slot.answer));
    }
}

}  // namespace fahras
