/** @file
 *  @brief The threads of an index_sources() run: the reader, and the writing loop of each
 *  writer.
 */
#include "index/pipeline.h"

#include <xapian.h>

#include <exception>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>

#include "fahras/batch.h"
#include "fahras/schema.h"
#include "index/prune.h"
#include "index/queue.h"
#include "schema/terms.h"

namespace fahras::detail {

namespace {

/** What @p e says is wrong, without the `'PATH': ` it begins with. */
std::string problem_of(const InputError& e) {
    const std::string_view what = e.what();
    const std::size_t prefix = e.path().size() + 4;  // 'PATH':<space>
    if (e.line() == 0 && what.size() >= prefix && what.substr(1, e.path().size()) == e.path()) {
        return std::string(what.substr(prefix));
    }
    return std::string(what);
}

/** Stores @p refresh's file state on its document, if the index still holds it. */
void refresh_file_state(Xapian::WritableDatabase& db, const FileStateRefresh& refresh) {
    const std::string id_term = schema::id_term(refresh.id);
    Xapian::PostingIterator p = db.postlist_begin(id_term);
    if (p == db.postlist_end(id_term)) return;
    Xapian::Document doc = db.get_document(*p);
    doc.add_value(schema::kSlotFileState, refresh.file_state);
    db.replace_document(*p, doc);
}

/** Analyzes @p item (if the reader did not) and writes it, committing when @p batch is full.
 *  With @p ids New (a new generation), a document the reader found Added is written without
 *  looking for its id. */
void write_document(DatabaseWriter& writer, NewDocument& item, Batch& batch, Run& run,
                    IdState ids) {
    if (!item.analyzed) {
        AnalyzedDocument analyzed = analyze(std::move(item.doc.doc));
        analyzed.content_hash = std::move(item.doc.content_hash);
        analyzed.source_path_key = std::move(item.doc.source_path_key);
        analyzed.file_state = std::move(item.doc.file_state);
        item.doc = std::move(analyzed);
    }
    // A document the writer refuses is skipped, named by its file (and line). Xapian's own
    // refusal of a document (InvalidArgumentError: a term too long) stays an error: glass
    // then throws away every document since the last commit, so going on would lose them
    // unsaid. Every term is bounded before it gets there (TermWriter, schema::bounded_term).
    try {
        // In a new generation an id the run has not seen is in no database yet (a repeated
        // id reaches the writer of its first copy, Updated); an update keeps the look-up.
        const bool added = ids == IdState::New && item.change == Change::Added;
        (void)writer.add(item.doc, added ? IdState::New : IdState::MayExist);
    } catch (const InputError& e) {
        const Document& doc = item.doc.doc;
        run.warn(InputError(item.source, doc.line,
                            "document '" + doc.id + "' skipped: " + problem_of(e)));
        return;
    }
    // Small batches keep Xapian's in-memory changes, and so memory and the cost of each
    // addition, bounded. Those grow with the text as much as with the count: 30 parts of a
    // 500 MB file, 16 MiB each, reached no commit of 1000 documents (1.1 GiB peak).
    if (batch.full_after(item.doc.doc.text.size() + item.doc.doc.title.size())) {
        writer.commit_documents();
    }
    run.indexed(item.doc.doc, item.change);
}

/** Writing thread: writes each item of @p queue until it is finished, then commits. @p ids:
 *  New if the database is a new generation (write_document). */
void write_all(DatabaseWriter& writer, Queue& queue, const IndexOptions& options, Run& run,
               IdState ids) {
    Batch batch(options);
    while (std::optional<Item> item = queue.pop()) {
        if (auto* end = std::get_if<SourceEnd>(&*item)) {
            end_source(writer.database(), *end, run, options);
        } else if (const auto* refresh = std::get_if<FileStateRefresh>(&*item)) {
            refresh_file_state(writer.database(), *refresh);
        } else {
            write_document(writer, std::get<NewDocument>(*item), batch, run, ids);
        }
    }
    writer.commit();
}

}  // namespace

void read_and_write(const std::vector<std::string>& sources,
                    const std::vector<DatabaseWriter*>& writers, const IndexOptions& options,
                    const ReadPlan& plan, Run& run) {
    std::vector<Queue> queues(writers.size());
    std::vector<std::exception_ptr> errors(writers.size() + 1);
    const IdState ids = plan.live.empty() ? IdState::New : IdState::MayExist;
    const auto stop_all = [&] {
        for (Queue& q : queues) q.stop();
    };
    const auto write = [&](std::size_t k) {
        try {
            write_all(*writers[k], queues[k], options, run, ids);
        } catch (...) {
            errors[k] = std::current_exception();
            stop_all();
        }
    };
    {
        std::vector<std::jthread> threads;
        threads.emplace_back([&] {
            try {
                SourceReader(sources, queues, plan, run).read_all();
            } catch (...) {
                errors.back() = std::current_exception();
                stop_all();
            }
            for (Queue& q : queues) q.finish();
        });
        for (std::size_t k = 1; k < writers.size(); ++k) threads.emplace_back(write, k);
        write(0);
    }  // joins every thread
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace fahras::detail
