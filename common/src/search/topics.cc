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

    // Shared under `mutex`: the answers, the next topic to take, how many were handed over.
    std::mutex mutex;
    std::condition_variable answered;  // a slot is ready
    std::condition_variable room;      // `handed` moved on, or the batch stops
    std::size_t next = 0;
    std::size_t handed = 0;
    bool stopping = false;
    const std::size_t ahead = kAheadPerThread * thread_count;
    // A ring: topic i waits in slot i % ahead, which topic i + ahead can only take once
    // topic i was handed over (next < handed + ahead).
    std::vector<Slot> slots(std::min(ahead, topics.size()));

    const auto work = [&](const Searcher& searcher) {
        using Clock = std::chrono::steady_clock;
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] {
                    return stopping || next == topics.size() || next < handed + ahead;
                });
                if (stopping || next == topics.size()) return;
                i = next++;
            }
            Slot slot;
            const auto started = Clock::now();
            try {
                slot.answer.result = searcher.search(topics[i].query, options);
            } catch (const QueryError& e) {
                slot.answer.error = e.what();
            } catch (...) {
                slot.failure = std::current_exception();
            }
            slot.answer.milliseconds =
                std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            slot.ready = true;
            {
                const std::lock_guard lock(mutex);
                slots[i % slots.size()] = std::move(slot);
            }
            answered.notify_one();  // only the calling thread waits for answers
        }
    };

    // Destroyed in reverse order: `stopper` tells the threads to stop (on return or on an
    // exception), then each jthread joins its thread.
    std::vector<std::jthread> workers;
    const auto stop = [&] {
        {
            const std::lock_guard lock(mutex);
            stopping = true;
        }
        room.notify_all();
    };
    struct Stopper {
        const decltype(stop)& run;
        ~Stopper() { run(); }
    } const stopper{stop};
    for (const auto& searcher : searchers) workers.emplace_back(work, std::cref(*searcher));

    for (std::size_t i = 0; i < topics.size(); ++i) {
        Slot slot;
        {
            std::unique_lock lock(mutex);
            Slot& waiting = slots[i % slots.size()];
            answered.wait(lock, [&] { return waiting.ready; });
            slot = std::move(waiting);
            waiting = Slot{};
            handed = i + 1;
        }
        room.notify_all();
        if (slot.failure) std::rethrow_exception(slot.failure);
        done(topics[i], std::move(slot.answer));
    }
}

}  // namespace fahras
