/** @file
 *  @brief Reading sources into an index: the run (index_sources).
 */
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "fahras/batch.h"
#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "index/analyzed_document.h"
#include "index/database_writer.h"
#include "index/index_dir.h"
#include "index/upgrade.h"
#include "index/variants.h"
#include "schema/metadata.h"
#include "schema/source_keys.h"
#include "schema/terms.h"
#include "util/xapian_errors.h"

namespace fahras {

std::size_t IndexOptions::default_threads() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

namespace {

/** Whether a document is new to the index or replaces one. */
enum class Change { Added, Updated };

/** What the last run recorded of one SOURCE, or is to record of it
 *  (schema::kMetaSourcePrefix). */
struct SourceState {
    std::string key;    ///< the source key: 16 hex digits
    std::string value;  ///< `KIND SIZE MTIME_NS CTIME_NS\tPATH`
};

/** An item on its way from the reading thread to a writing thread: a document, or the end
 *  of a SOURCE (`end_of_source`), after all its documents. */
struct Item {
    detail::AnalyzedDocument doc;  ///< analyzed if `analyzed`, else only doc.doc is set
    bool analyzed = false;
    Change change = Change::Added;
    std::string source;
    bool end_of_source = false;
    /** Only store doc.file_state on the indexed document doc.doc.id (updating). */
    bool refresh_file_state = false;
    SourceState state;  ///< end_of_source: to record
    /** end_of_source, pruning: the ids read from the source; its other documents go, but
     *  those the reading left unread (keep_ids, keep_paths: see fahras::Unread). */
    std::optional<std::unordered_set<std::string>> ids;
    std::unordered_set<std::string> keep_ids;  ///< Unread::Scope::Id
    std::vector<std::string> keep_paths;       ///< Unread::Scope::Path
};

/** A bounded queue from the reading thread to one writing thread. */
class Queue {
  public:
    /** Reading thread: false once the writer has stopped taking items. */
    bool push(Item&& item) {
        std::unique_lock lock(mutex_);
        // Bounded in bytes too: a large file comes as many large parts (ReadOptions).
        not_full_.wait(lock, [&] {
            return (items_.size() < kCapacity && bytes_ < kCapacityBytes) || stopped_;
        });
        if (stopped_) return false;
        bytes_ += size_of(item);
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /** Reading thread: no more items. */
    void finish() {
        const std::lock_guard lock(mutex_);
        finished_ = true;
        not_empty_.notify_one();
    }

    /** Writing thread: the next item, or nullopt once the queue is finished or stopped. */
    std::optional<Item> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || finished_ || stopped_; });
        if (items_.empty() || stopped_) return std::nullopt;
        Item item = std::move(items_.front());
        items_.pop_front();
        bytes_ -= size_of(item);
        not_full_.notify_one();
        return item;
    }

    /** Either side, on an error: everybody stops waiting. */
    void stop() {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        not_full_.notify_all();
        not_empty_.notify_all();
    }

  private:
    static std::size_t size_of(const Item& item) {
        return item.doc.doc.text.size() + item.doc.text_words.size() + item.doc.data.size();
    }

    // Room for many documents: while one writer commits (seconds), the reading thread keeps
    // feeding the others. With 64, it waited on the committing writer's full queue and the
    // other writer ran dry (70,108 articles on 2 cores: 148 % CPU, 72 s; now 178 %, 62 s).
    // The bytes still bound the memory.
    static constexpr std::size_t kCapacity = 1024;
    static constexpr std::size_t kCapacityBytes = std::size_t{64} << 20;
    std::size_t bytes_ = 0;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<Item> items_;
    bool finished_ = false;
    bool stopped_ = false;
};

/** What the threads of one run share: the statistics and the caller's callbacks, which are
 *  called one at a time. */
class Run {
  public:
    Run(IndexStats& stats, const IndexCallbacks& callbacks, const ShardSpec& shard)
        : stats_(stats), callbacks_(callbacks), shard_(shard) {}

    /** True if this run indexes the document with id @p id (IndexOptions::shard). */
    [[nodiscard]] bool wants(const std::string& id) const { return shard_.holds(id); }

    void warn(const InputError& e) {
        const std::lock_guard lock(mutex_);
        ++stats_.warnings;
        if (callbacks_.on_warning) callbacks_.on_warning(e);
    }

    [[nodiscard]] std::size_t warnings() {
        const std::lock_guard lock(mutex_);
        return stats_.warnings;
    }

    void indexed(const Document& doc, Change change) {
        const std::lock_guard lock(mutex_);
        ++stats_.documents;
        ++(change == Change::Added ? stats_.added : stats_.updated);
        stats_.bytes += doc.text.size() + doc.title.size();
        if (callbacks_.on_document) callbacks_.on_document(doc);
    }

    void unchanged(std::size_t count) {
        const std::lock_guard lock(mutex_);
        stats_.unchanged += count;
    }

    void removed(std::size_t count) {
        const std::lock_guard lock(mutex_);
        stats_.removed += count;
    }

    /** A SOURCE not pruned, and why (a warning). */
    void not_pruned(const InputError& why) {
        const std::lock_guard lock(mutex_);
        ++stats_.warnings;
        ++stats_.not_pruned;
        if (callbacks_.on_warning) callbacks_.on_warning(why);
    }

    [[nodiscard]] bool wants_progress() const { return bool(callbacks_.on_progress); }

    /** Before reading: what there is to read. */
    void expect(std::size_t sources, std::uintmax_t bytes) {
        progress_.sources = sources;
        progress_.bytes = bytes;
    }

    /** Reading thread: @p documents more read, @p bytes of their text. */
    void read(std::size_t documents, std::uintmax_t bytes) {
        if (!callbacks_.on_progress) return;
        const std::lock_guard lock(mutex_);
        progress_.documents += documents;
        source_bytes_read_ += bytes;
        report_progress();
    }

    /** Reading thread: a source done, of @p size bytes (see source_size). */
    void source_done(std::uintmax_t size) {
        if (!callbacks_.on_progress) return;
        const std::lock_guard lock(mutex_);
        ++progress_.sources_done;
        sources_bytes_ += size;
        source_bytes_read_ = 0;
        report_progress();
    }

  private:
    void report_progress() {
        progress_.bytes_done = std::min(progress_.bytes, sources_bytes_ + source_bytes_read_);
        progress_.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        callbacks_.on_progress(progress_);
    }

    std::mutex mutex_;
    IndexStats& stats_;
    const IndexCallbacks& callbacks_;
    const ShardSpec shard_;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    IndexProgress progress_;
    std::uintmax_t sources_bytes_ = 0;      // sources done
    std::uintmax_t source_bytes_read_ = 0;  // documents of the source being read
};

/** The size of SOURCE @p path in bytes: a file's, or the sum of the files below a
 *  directory (hidden ones included: an estimate, for progress). */
std::uintmax_t source_size(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        return ec ? 0 : size;
    }
    std::uintmax_t total = 0;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const std::uintmax_t size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

/** How the reading thread treats what it reads. */
struct Plan {
    /** Updating: the live generation, read for the sources and documents the index already
     *  holds. Empty: a new generation, where everything is new. */
    std::string live;
    bool prune = false;
    ReadOptions read;  ///< how sources are read
};

/** The absolute path of SOURCE @p source, and its key (detail::source_path_key). */
std::pair<std::string, std::string> source_path_and_key(const std::string& source) {
    std::error_code ec;
    std::string path = std::filesystem::absolute(source, ec).lexically_normal().string();
    if (ec) path = source;
    std::string key = detail::source_path_key(path);
    return {std::move(path), std::move(key)};
}

/** What is recorded of SOURCE @p path now: `KIND SIZE MTIME_NS CTIME_NS\tPATH`, or nothing
 *  if it cannot be stat'ed. */
std::optional<std::string> source_state(const std::string& path, bool warned) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    const auto ns = [](const timespec& t) {
        return std::to_string(static_cast<long long>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec);
    };
    const char* kind = S_ISDIR(st.st_mode) ? "dir" : warned ? "warned" : "file";
    return std::string(kind) + ' ' + std::to_string(st.st_size) + ' ' + ns(st.st_mtim) + ' ' +
           ns(st.st_ctim) + '\t' + path;
}

/** True if SOURCE @p source is standard input or a file that is neither regular nor a
 *  directory (a pipe, `<(zcat a.jsonl.gz)`): what it holds changes from run to run. */
bool is_stream(const std::string& source) {
    if (source == kStandardInput) return true;
    struct stat st {};
    return ::stat(source.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode);
}

/** What @p e says is wrong, without the `'PATH': ` it begins with. */
std::string problem_of(const InputError& e) {
    const std::string_view what = e.what();
    const std::size_t prefix = e.path().size() + 4;  // 'PATH':<space>
    if (e.line() == 0 && what.size() >= prefix && what.substr(1, e.path().size()) == e.path()) {
        return std::string(what.substr(prefix));
    }
    return std::string(what);
}

/** The live generation, as the reading thread sees it: reopened whenever the writer's
 *  commits overtake it (Xapian::DatabaseModifiedError). */
class Snapshot {
  public:
    explicit Snapshot(const std::string& path) : db_(path) {}

    template <typename F>
    auto with(F&& f) {
        for (int attempt = 0;; ++attempt) {
            try {
                return f(db_);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 10) throw;
                db_.reopen();
            }
        }
    }

  private:
    Xapian::Database db_;
};

/** Reading thread: reads every source and hands each document to a writer chosen by its id,
 *  so that a repeated id always reaches the writer holding the earlier copy, which it then
 *  replaces. With one writer, analysis happens here too, ahead of the Xapian writes.
 *  Updating, unchanged sources and documents are counted and left out. */
void read_all(const std::vector<std::string>& sources, std::vector<Queue>& queues, const Plan& plan,
              Run& run) {
    const bool analyze_here = queues.size() == 1;
    std::optional<Snapshot> live;
    if (!plan.live.empty()) live.emplace(plan.live);
    std::unordered_set<std::string> ids_this_run;  // a repeated id is never "unchanged"
    // Sizes only for progress reports: adding them up costs a walk of every directory.
    std::vector<std::uintmax_t> sizes;
    if (run.wants_progress()) {
        std::uintmax_t total = 0;
        for (const std::string& source : sources) total += sizes.emplace_back(source_size(source));
        run.expect(sources.size(), total);
    }
    bool open = true;
    for (std::size_t index = 0; index < sources.size(); ++index) {
        if (!open) break;
        const std::string& source = sources[index];
        // Not a structured binding: clang 14 (the fuzzing build) cannot capture one.
        const std::pair<std::string, std::string> path_key = source_path_and_key(source);
        const std::string& path = path_key.first;
        const std::string& key = path_key.second;
        const std::string source_term = std::string(schema::kPrefixSourcePathKey) + key;
        const std::string meta_key = std::string(schema::kMetaSourcePrefix) + key;
        // Standard input and pipes hold something else each run: never unchanged, never
        // recorded, never pruned.
        const bool stream = is_stream(source);
        if (live && !stream) {
            const std::optional<std::string> now = source_state(path, false);
            const bool same =
                now && now->starts_with("file ") &&
                live->with([&](Xapian::Database& db) { return db.get_metadata(meta_key); }) == *now;
            if (same) {
                const std::size_t count =
                    live->with([&](Xapian::Database& db) { return db.get_termfreq(source_term); });
                run.unchanged(count);
                run.read(count, 0);
                run.source_done(sizes.empty() ? 0 : sizes[index]);
                continue;
            }
        }
        const std::size_t warnings_before = run.warnings();
        std::optional<std::unordered_set<std::string>> ids;
        if (plan.prune && live && !stream) ids.emplace();
        // Files below a directory: one skipped while its size and times are those stored
        // with its document(s); otherwise its documents carry them, unless it warned.
        std::string file_state;
        std::size_t file_warnings = 0;
        ReadOptions read = plan.read;
        read.skip_file = [&](const std::string& file, const std::string& id) {
            file_state = source_state(file, false).value_or("");
            if (const auto tab = file_state.find('\t'); tab != std::string::npos) {
                file_state = file_state.substr(0, tab).substr(file_state.find(' ') + 1);
            }
            file_warnings = run.warnings();
            if (!live || file_state.empty()) return false;
            // The file's documents: `id`, then the parts of a long file `id#2`, `id#3`...
            const std::vector<std::string> same = live->with([&](Xapian::Database& db) {
                std::vector<std::string> found;
                for (std::size_t part = 1;; ++part) {
                    const std::string doc_id = part == 1 ? id : id + "#" + std::to_string(part);
                    const std::string term = schema::id_term(doc_id);
                    Xapian::PostingIterator p = db.postlist_begin(term);
                    if (p == db.postlist_end(term)) break;
                    const Xapian::Document old = db.get_document(*p);
                    if (old.get_value(schema::kSlotFileState) != file_state ||
                        old.get_value(schema::kSlotSourcePathKey) != key) {
                        return std::vector<std::string>{};
                    }
                    found.push_back(doc_id);
                }
                return found;
            });
            if (same.empty()) return false;
            for (const std::string& doc_id : same) {
                if (!ids_this_run.insert(doc_id).second) return false;  // repeated: read it
            }
            if (ids) ids->insert(same.begin(), same.end());
            run.unchanged(same.size());
            run.read(same.size(), 0);
            return true;
        };
        // What the reading leaves unread, pruning keeps (a line that cannot be read: all).
        std::optional<std::size_t> unread_line;  // set: the whole source was not read
        std::unordered_set<std::string> keep_ids;
        std::vector<std::string> keep_paths;
        read.on_unread = [&](const Unread& u) {
            if (u.scope == Unread::Scope::Source) {
                if (!unread_line || *unread_line == 0) unread_line = u.line;
            } else if (u.scope == Unread::Scope::Id) {
                keep_ids.insert(u.id);
            } else {
                keep_paths.push_back(u.id);
            }
        };
        read_source(
            source, read,
            [&](Document&& doc) {
                if (!open) return;
                run.read(1, doc.text.size() + doc.title.size());
                if (!run.wants(doc.id)) return;
                Item item;
                item.source = source;
                std::string hash = detail::content_hash(doc);
                const bool repeated = !ids_this_run.insert(doc.id).second;
                if (ids) ids->insert(doc.id);
                if (live && !repeated) {
                    const std::string id_term = schema::id_term(doc.id);
                    // The stored file state, if the document is the same.
                    const std::optional<std::string> same =
                        live->with([&](Xapian::Database& db) -> std::optional<std::string> {
                            Xapian::PostingIterator p = db.postlist_begin(id_term);
                            if (p == db.postlist_end(id_term)) return std::nullopt;
                            const Xapian::Document old = db.get_document(*p);
                            if (old.get_value(schema::kSlotContentHash) != hash ||
                                old.get_value(schema::kSlotSourcePathKey) != key) {
                                return std::nullopt;
                            }
                            return old.get_value(schema::kSlotFileState);
                        });
                    if (same) {
                        run.unchanged(1);
                        // A file touched but not changed: store its new state, so that the
                        // next run skips it (no analysis: a value changes).
                        if (*same != file_state && run.warnings() == file_warnings) {
                            Item refresh;
                            refresh.refresh_file_state = true;
                            refresh.doc.doc.id = doc.id;
                            refresh.doc.file_state = file_state;
                            open = queues[0].push(std::move(refresh));
                        }
                        return;
                    }
                }
                if (live) {
                    item.change = repeated || live->with([&](Xapian::Database& db) {
                        return db.term_exists(schema::id_term(doc.id));
                    })
                                      ? Change::Updated
                                      : Change::Added;
                } else {
                    item.change = repeated ? Change::Updated : Change::Added;
                }
                item.analyzed = analyze_here;
                const std::size_t shard = std::hash<std::string>{}(doc.id) % queues.size();
                if (analyze_here) {
                    item.doc = detail::analyze(std::move(doc));
                } else {
                    item.doc.doc = std::move(doc);
                }
                item.doc.content_hash = std::move(hash);
                item.doc.source_path_key = key;
                if (run.warnings() == file_warnings) item.doc.file_state = file_state;
                open = queues[shard].push(std::move(item));
            },
            [&](const InputError& e) { run.warn(e); });
        if (!open) break;
        // After its documents, in the first writer's queue: what to record of the source
        // commits with them (a run killed before that commit reads the source again).
        const bool warned = run.warnings() != warnings_before;
        Item end;
        end.end_of_source = true;
        end.source = source;
        end.state.key = key;
        if (!stream) end.state.value = source_state(path, warned).value_or("");
        if (ids && unread_line) {
            // A line whose id cannot be read may be any document's: prune none, and say so.
            if (live->with([&](Xapian::Database& db) { return db.get_termfreq(source_term); })) {
                run.not_pruned(InputError(
                    source, 0,
                    "not pruned: " + (*unread_line == 0 ? std::string("it could not "
                                                                      "be read whole")
                                                        : "line " + std::to_string(*unread_line) +
                                                              " could not be read")));
            }
        } else if (ids) {
            // Every document read (none if the source is gone), and what could not be read.
            end.ids = std::move(ids);
            end.keep_ids = std::move(keep_ids);
            end.keep_paths = std::move(keep_paths);
        }
        open = queues[0].push(std::move(end));
        run.source_done(sizes.empty() ? 0 : sizes[index]);
    }
}

/** True if pruning must keep the document with id @p id: the reading left it unread. */
bool kept(const Item& end, const std::string& id) {
    if (end.keep_ids.contains(id)) return true;
    return std::any_of(end.keep_paths.begin(), end.keep_paths.end(), [&](const std::string& p) {
        // The path itself, its parts (`p#2`) and everything below it (`p/...`).
        return id.starts_with(p) &&
               (id.size() == p.size() || id[p.size()] == '#' || id[p.size()] == '/');
    });
}

/** The warning that refuses to remove @p gone of the @p total documents of @p source. */
InputError too_much_to_prune(const std::string& source, std::size_t gone, std::size_t total) {
    return InputError(source, 0,
                      "not pruned: would remove " + std::to_string(gone) + " of " +
                          std::to_string(total) +
                          " documents (more than half); use --force-prune if that is intended");
}

/** True if removing @p gone of @p total documents of a SOURCE is refused without
 *  --force-prune: more than half of them (an unmounted mount point reads as empty). */
bool too_much(std::size_t gone, std::size_t total, const IndexOptions& options) {
    return !options.force_prune && gone > 0 && gone * 2 > total;
}

/** Writing thread, at the end of a source: records it, and prunes what it no longer holds. */
void end_source(Xapian::WritableDatabase& db, Item& end, Run& run, const IndexOptions& options) {
    const std::string meta_key = std::string(schema::kMetaSourcePrefix) + end.state.key;
    if (end.ids) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + end.state.key;
        std::vector<Xapian::docid> gone;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            const std::string id = db.get_document(*p).get_value(schema::kSlotId);
            if (!end.ids->contains(id) && !kept(end, id)) gone.push_back(*p);
        }
        const std::size_t total = db.get_termfreq(term);
        if (too_much(gone.size(), total, options)) {
            run.not_pruned(too_much_to_prune(end.source, gone.size(), total));
            end.ids.reset();  // a source that is gone keeps its record: the next run asks again
        } else {
            if (!gone.empty()) detail::fault_point("prune");
            for (const Xapian::docid id : gone) db.delete_document(id);
            run.removed(gone.size());
        }
    }
    if (!end.state.value.empty()) {
        db.set_metadata(meta_key, end.state.value);
    } else if (end.ids) {
        db.set_metadata(meta_key, "");  // a source that is gone, pruned: deletes the key
    }
}

/** Writing thread: analyzes (if not done) and adds each document, committing in batches. */
void write_all(detail::DatabaseWriter& writer, Queue& queue, const IndexOptions& options,
               Run& run) {
    Batch batch(options);
    while (std::optional<Item> item = queue.pop()) {
        if (item->end_of_source) {
            end_source(writer.database(), *item, run, options);
            continue;
        }
        if (item->refresh_file_state) {
            Xapian::WritableDatabase& db = writer.database();
            const std::string id_term = schema::id_term(item->doc.doc.id);
            Xapian::PostingIterator p = db.postlist_begin(id_term);
            if (p == db.postlist_end(id_term)) continue;
            Xapian::Document doc = db.get_document(*p);
            doc.add_value(schema::kSlotFileState, item->doc.file_state);
            db.replace_document(*p, doc);
            continue;
        }
        if (!item->analyzed) {
            detail::AnalyzedDocument analyzed = detail::analyze(std::move(item->doc.doc));
            analyzed.content_hash = std::move(item->doc.content_hash);
            analyzed.source_path_key = std::move(item->doc.source_path_key);
            analyzed.file_state = std::move(item->doc.file_state);
            item->doc = std::move(analyzed);
        }
        // A document IndexWriter refuses is skipped, named by its file (and line). Xapian's
        // own refusal of a document (InvalidArgumentError: a term too long) stays an error:
        // glass then throws away every document since the last commit, so going on would
        // lose them unsaid. Every term is bounded before it gets there (Impl::text_terms,
        // schema::bounded_term).
        try {
            (void)writer.add(item->doc);
        } catch (const InputError& e) {
            const Document& doc = item->doc.doc;
            run.warn(InputError(item->source, doc.line,
                                "document '" + doc.id + "' skipped: " + problem_of(e)));
            continue;
        }
        // Small batches keep Xapian's in-memory changes, and so memory and the cost of each
        // addition, bounded. Those grow with the text as much as with the count: 30 parts of
        // a 500 MB file, 16 MiB each, reached no commit of 1000 documents (1.1 GiB peak).
        if (batch.full_after(item->doc.doc.text.size() + item->doc.doc.title.size())) {
            writer.commit_documents();
        }
        run.indexed(item->doc.doc, item->change);
    }
    writer.commit();
}

/** Runs read_all in a thread of its own and write_all on each writer, in this thread for
 *  the first and in threads of their own for the others; rethrows the first error. */
void read_and_write(const std::vector<std::string>& sources,
                    const std::vector<detail::DatabaseWriter*>& writers,
                    const IndexOptions& options, const Plan& plan, Run& run) {
    std::vector<Queue> queues(writers.size());
    std::vector<std::exception_ptr> errors(writers.size() + 1);
    const auto stop_all = [&] {
        for (Queue& q : queues) q.stop();
    };
    {
        std::vector<std::jthread> threads;
        threads.emplace_back([&] {
            try {
                read_all(sources, queues, plan, run);
            } catch (...) {
                errors.back() = std::current_exception();
                stop_all();
            }
            for (Queue& q : queues) q.finish();
        });
        for (std::size_t k = 0; k < writers.size(); ++k) {
            auto write = [&, k] {
                try {
                    write_all(*writers[k], queues[k], options, run);
                } catch (...) {
                    errors[k] = std::current_exception();
                    stop_all();
                }
            };
            if (k == 0) continue;
            threads.emplace_back(write);
        }
        try {
            write_all(*writers[0], queues[0], options, run);
        } catch (...) {
            errors[0] = std::current_exception();
            stop_all();
        }
    }  // joins every thread
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

/** A generation being built: its directory and its parts' (`GEN.shard-K`), created marked
 *  unfinished (detail::IndexDir), removed unless the generation is published; the parts are
 *  removed in any case. */
class NewGeneration {
  public:
    NewGeneration(const detail::IndexDir& dir, std::size_t parts)
        : dir_(dir), path_(dir.create_generation()) {
        try {
            for (std::size_t k = 0; k < parts; ++k) parts_.push_back(dir.create_part(path_, k));
        } catch (...) {
            remove();
            throw;
        }
    }
    ~NewGeneration() { remove(); }
    NewGeneration(const NewGeneration&) = delete;
    NewGeneration& operator=(const NewGeneration&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& part(std::size_t k) const { return parts_[k]; }
    /** Makes the generation, committed and closed, the live one. */
    void publish() {
        dir_.publish(path_);
        published_ = true;
    }

  private:
    void remove() noexcept {
        for (const std::string& p : parts_) dir_.discard(p);
        if (!published_) dir_.discard(path_);
    }

    const detail::IndexDir& dir_;
    std::string path_;
    std::vector<std::string> parts_;
    bool published_ = false;
};

}  // namespace

namespace {

/** Writes every source into the new generation @p gen: with one thread directly, with more
 *  as one part per thread, written in parallel and merged by compaction (Xapian writes
 *  with one thread per database; this is its way to use more cores). */
void build_generation(const NewGeneration& gen, const std::vector<std::string>& sources,
                      const IndexOptions& options, std::size_t threads, Run& run,
                      const std::string& shown) {
    Plan plan;  // everything is new
    plan.read = options.read;
    if (threads == 1) {
        const auto writer = std::make_unique<detail::DatabaseWriter>(
            gen.path(), Xapian::DB_CREATE_OR_OVERWRITE, options.stemmer, shown);
        read_and_write(sources, {writer.get()}, options, plan, run);
        return;
    }
    {
        std::vector<std::unique_ptr<detail::DatabaseWriter>> parts;
        std::vector<detail::DatabaseWriter*> writers;
        for (std::size_t k = 0; k < threads; ++k) {
            parts.push_back(std::make_unique<detail::DatabaseWriter>(
                gen.part(k), Xapian::DB_CREATE_OR_OVERWRITE, options.stemmer, shown));
            writers.push_back(parts.back().get());
        }
        read_and_write(sources, writers, options, plan, run);
    }
    Xapian::Database all;
    for (std::size_t k = 0; k < threads; ++k) all.add_database(Xapian::Database(gen.part(k)));
    all.compact(gen.path());
}

/** Removes the documents of every SOURCE recorded in @p db that no longer exists, and its
 *  record, unless that is refused (too_much: all of its documents would go); SOURCEs named
 *  in this run (@p sources) were pruned at their end already. Commits; returns how many
 *  documents went. */
std::size_t prune_vanished_sources(Xapian::WritableDatabase& db,
                                   const std::vector<std::string>& sources,
                                   const IndexOptions& options, Run& run) {
    detail::fault_point("prune");
    const std::string prefix(schema::kMetaSourcePrefix);
    std::unordered_set<std::string> named;
    for (const std::string& source : sources) named.insert(source_path_and_key(source).second);
    std::vector<std::pair<std::string, std::string>> gone;  // key, path
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string key = (*k).substr(prefix.size());
        const std::string value = db.get_metadata(*k);
        const auto tab = value.find('\t');
        std::error_code ec;
        if (tab != std::string::npos && !named.contains(key) &&
            !std::filesystem::exists(value.substr(tab + 1), ec) && !ec) {
            gone.emplace_back(key, value.substr(tab + 1));
        }
    }
    std::size_t removed = 0;
    for (const auto& [key, path] : gone) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + key;
        const std::size_t count = db.get_termfreq(term);
        if (too_much(count, count, options)) {
            // An unmounted network path looks gone too: its record stays, asked again.
            run.not_pruned(too_much_to_prune(path, count, count));
            continue;
        }
        removed += count;
        db.delete_document(term);
        db.set_metadata(prefix + key, "");
    }
    if (removed != 0) db.set_metadata(std::string(schema::kMetaVariantsStale), "1");
    db.commit();
    return removed;
}

}  // namespace

IndexStats index_sources(const std::string& path, const std::vector<std::string>& sources,
                         const IndexOptions& options, const IndexCallbacks& callbacks) try {
    const auto started = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.sources = sources.size();
    Run run(stats, callbacks, options.shard);

    const detail::IndexDir dir(path);  // the lock, until the end of the run
    dir.clean();
    const std::string live = dir.current();
    const std::size_t threads = std::max<std::size_t>(options.threads, 1);
    IndexOptions resolved = options;
    if (options.mode == OpenMode::Update && !live.empty()) {
        // Updating the live generation in place: one writer, so that each id replaces its
        // earlier version; each batch commit is visible to searchers at once.
        resolved.stemmer = detail::check_version(Xapian::Database(live), path, options.stemmer);
        const auto target = std::make_unique<detail::DatabaseWriter>(
            live, Xapian::DB_CREATE_OR_OPEN, resolved.stemmer, path);
        // Before the reading thread opens the live generation: it compares source keys.
        (void)detail::upgrade_source_keys(target->database());
        Plan plan;
        plan.live = live;
        plan.prune = options.prune;
        plan.read = options.read;
        read_and_write(sources, {target.get()}, resolved, plan, run);
        Xapian::WritableDatabase& db = target->database();
        if (options.prune) run.removed(prune_vanished_sources(db, sources, resolved, run));
        // Set by this run's changes, or by those of a run killed before it got here.
        if (!db.get_metadata(std::string(schema::kMetaVariantsStale)).empty()) {
            target->update_variants();
        }
        stats.index_size = db.get_doccount();
        stats.undated = stats.index_size - db.get_value_freq(schema::kSlotDay);
    } else {
        if (dir.plain()) {
            throw IndexVersionError("index '" + path +
                                    "' is a plain Xapian database, which cannot be rebuilt "
                                    "atomically: move it away and index again");
        }
        // Without --stemmer, a rebuild keeps the stemmer the index records.
        if (!resolved.stemmer) {
            resolved.stemmer = detail::live_stemmer(live);
        }
        // A new or rebuilt index: a new generation beside the live one, put in its place
        // by one rename(2) once it is complete.
        NewGeneration gen(dir, threads == 1 ? 0 : threads);
        build_generation(gen, sources, resolved, threads, run, path);
        Xapian::WritableDatabase db = detail::open_writable(gen.path(), Xapian::DB_OPEN, path);
        detail::update_variants(db);
        db.commit();
        stats.index_size = db.get_doccount();
        stats.undated = stats.index_size - db.get_value_freq(schema::kSlotDay);
        db.close();
        gen.publish();
    }
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
} catch (...) {
    detail::rethrow_index_error(path);
}

}  // namespace fahras
