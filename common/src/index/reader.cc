/** @file
 *  @brief The reading thread of an index_sources() run: sources to documents to the queues.
 */
#include "index/reader.h"

#include <filesystem>
#include <functional>
#include <system_error>
#include <utility>

#include "index/prune.h"

namespace fahras::detail {

namespace {

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

}  // namespace

/** The SOURCE being read. */
struct SourceReader::Current {
    explicit Current(const std::string& named)
        : source(named), where(source_path(named)), stream(is_stream(named)) {}

    const std::string& source;  ///< as named
    SourcePath where;
    // Standard input and pipes hold something else each run: never unchanged, never
    // recorded, never pruned.
    bool stream;
    std::size_t warnings_before = 0;  ///< the run's warnings before the SOURCE
    std::optional<SourceIds> ids;     ///< pruning: what the SOURCE holds
    // What the reading leaves unread, pruning keeps (a line that cannot be read: all).
    std::optional<std::size_t> unread_line;  ///< set: the whole source was not read
    // Files below a directory: one skipped while its size and times are those stored with
    // its document(s); otherwise its documents carry them, unless it warned.
    std::string file_state;         ///< of the file being read, see detail::file_state
    std::size_t file_warnings = 0;  ///< the run's warnings before that file
};

SourceReader::SourceReader(const std::vector<std::string>& sources, std::vector<Queue>& queues,
                           const ReadPlan& plan, Run& run)
    : sources_(sources),
      queues_(queues),
      plan_(plan),
      run_(run),
      analyze_here_(queues.size() == 1) {
    if (!plan.live.empty()) live_.emplace(plan.live);
}

void SourceReader::read_all() {
    // Sizes only for progress reports: adding them up costs a walk of every directory.
    std::vector<std::uintmax_t> sizes;
    if (run_.wants_progress()) {
        std::uintmax_t total = 0;
        for (const std::string& source : sources_) {
            total += sizes.emplace_back(source_size(source));
        }
        run_.expect(sources_.size(), total);
    }
    for (std::size_t index = 0; index < sources_.size() && open_; ++index) {
        read(sources_[index], sizes.empty() ? 0 : sizes[index]);
    }
}

/** Updating: true, with the SOURCE counted as unchanged and done, if it is a file whose
 *  size, mtime and ctime are those the last run recorded (and that gave no warnings then). */
bool SourceReader::skip_unchanged_source(const SourcePath& where, bool stream,
                                         std::uintmax_t size) {
    if (!live_ || stream) return false;
    const std::optional<std::string> now = source_state(where.path, false);
    if (!now || !now->starts_with("file ") || !live_->records(where.key, *now)) return false;
    const std::size_t count = live_->documents_of(where.key);
    run_.unchanged(count);
    run_.read(count, 0);
    run_.source_done(size);
    return true;
}

/** Reads SOURCE @p source (of @p size bytes, for progress), then ends it. */
void SourceReader::read(const std::string& source, std::uintmax_t size) {
    Current current(source);
    if (skip_unchanged_source(current.where, current.stream, size)) return;
    current.warnings_before = run_.warnings();
    if (plan_.prune && live_ && !current.stream) current.ids.emplace();
    ReadOptions read = plan_.read;
    read.skip_file = [&](const std::string& file, const std::string& id) {
        return skip_file(current, file, id);
    };
    read.on_unread = [&](const Unread& u) {
        if (u.scope == Unread::Scope::Source) {
            if (!current.unread_line || *current.unread_line == 0) current.unread_line = u.line;
        } else if (current.ids && u.scope == Unread::Scope::Id) {
            current.ids->unread_ids.insert(u.id);
        } else if (current.ids) {
            current.ids->unread_paths.push_back(u.id);
        }
    };
    read_source(
        source, read, [&](Document&& doc) { document(current, std::move(doc)); },
        [&](const InputError& e) { run_.warn(e); });
    if (!open_) return;
    end_source(current);
    run_.source_done(size);
}

/** ReadOptions::skip_file: true, with its documents counted as unchanged, if @p file (whose
 *  first document has id @p id) has the size and times stored with its documents. */
bool SourceReader::skip_file(Current& current, const std::string& file, const std::string& id) {
    current.file_state = file_state(file);
    current.file_warnings = run_.warnings();
    if (!live_ || current.file_state.empty()) return false;
    const std::vector<std::string> same =
        live_->unchanged_file(id, current.file_state, current.where.key);
    if (same.empty()) return false;
    for (const std::string& doc_id : same) {
        if (!ids_this_run_.insert(doc_id).second) return false;  // repeated: read it
    }
    if (current.ids) current.ids->read.insert(same.begin(), same.end());
    run_.unchanged(same.size());
    run_.read(same.size(), 0);
    return true;
}

/** Updating: true, with the document counted as unchanged, if the index holds @p doc as it
 *  is (content hash @p hash, the same SOURCE). */
bool SourceReader::skip_unchanged_document(const Current& current, const Document& doc,
                                           const std::string& hash) {
    const std::optional<std::string> stored =
        live_->unchanged_document(doc.id, hash, current.where.key);
    if (!stored) return false;
    run_.unchanged(1);
    // A file touched but not changed: store its new state, so that the next run skips it
    // (no analysis: a value changes).
    if (*stored != current.file_state && run_.warnings() == current.file_warnings) {
        push(0, FileStateRefresh{.id = doc.id, .file_state = current.file_state});
    }
    return true;
}

/** A document read: left out if this run does not index it or it is unchanged, else sent
 *  (analyzed, with one writer) to the writer of its id. */
void SourceReader::document(Current& current, Document&& doc) {
    if (!open_) return;
    run_.read(1, doc.text.size() + doc.title.size());
    if (!run_.wants(doc.id)) return;
    std::string hash = content_hash(doc);
    const bool repeated = !ids_this_run_.insert(doc.id).second;
    if (current.ids) current.ids->read.insert(doc.id);
    if (live_ && !repeated && skip_unchanged_document(current, doc, hash)) return;
    NewDocument item;
    item.analyzed = analyze_here_;
    item.source = current.source;
    if (live_) {
        item.change = repeated || live_->holds(doc.id) ? Change::Updated : Change::Added;
    } else {
        item.change = repeated ? Change::Updated : Change::Added;
    }
    const std::size_t writer = std::hash<std::string>{}(doc.id) % queues_.size();
    if (analyze_here_) {
        item.doc = analyze(std::move(doc));
    } else {
        item.doc.doc = std::move(doc);
    }
    item.doc.content_hash = std::move(hash);
    item.doc.source_path_key = current.where.key;
    if (run_.warnings() == current.file_warnings) item.doc.file_state = current.file_state;
    push(writer, std::move(item));
}

/** After the documents of the SOURCE, in the first writer's queue: what to record of it,
 *  and, pruning, what it holds. */
void SourceReader::end_source(Current& current) {
    const bool warned = run_.warnings() != current.warnings_before;
    SourceEnd end;
    end.source = current.source;
    end.state.key = current.where.key;
    if (!current.stream) end.state.value = source_state(current.where.path, warned).value_or("");
    if (current.ids && current.unread_line) {
        // A line whose id cannot be read may be any document's: prune none, and say so.
        if (live_->documents_of(current.where.key) != 0) {
            const std::size_t line = *current.unread_line;
            run_.not_pruned(InputError(
                current.source, 0,
                "not pruned: " + (line == 0
                                      ? std::string("it could not "
                                                    "be read whole")
                                      : "line " + std::to_string(line) + " could not be read")));
        }
    } else if (current.ids) {
        // Every document read (none if the source is gone), and what could not be read.
        end.ids = std::move(current.ids);
    }
    push(0, std::move(end));
}

void SourceReader::push(std::size_t writer, Item&& item) {
    open_ = queues_[writer].push(std::move(item));
}

}  // namespace fahras::detail
