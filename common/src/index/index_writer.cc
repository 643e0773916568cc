/** @file
 *  @brief The public index writer (IndexWriter): a façade over detail::DatabaseWriter that
 *  keeps the index directory's lock and makes a new generation live at its first commit.
 */
#include "fahras/index_writer.h"

#include <xapian.h>

#include <memory>
#include <optional>

#include "index/analyzed_document.h"
#include "index/database_writer.h"
#include "index/generation.h"
#include "index/index_dir.h"
#include "util/xapian_errors.h"

namespace fahras {

struct IndexWriter::Impl {
    // The index, as the user named it: what Xapian's errors name (detail::rethrow_index_error).
    std::string shown;
    // The directory's lock, held until the database is closed and a new generation that
    // never went live is removed (members are destroyed last to first).
    std::unique_ptr<detail::IndexDir> dir;
    // A new generation that the first commit() makes live; empty once it is (or in place).
    std::optional<detail::NewGeneration> generation;
    std::optional<detail::DatabaseWriter> writer;

    /** After a commit: a new generation becomes the live one. */
    void publish_new_generation() {
        if (!generation) return;
        generation->publish_as_is();
        generation.reset();
    }
};

IndexWriter::IndexWriter(const std::string& path, const IndexOptions& options) try
    : impl_(std::make_unique<Impl>()) {
    impl_->shown = path;
    // The layout fahras-index writes, under its lock: a Python writer and a cron run never
    // write at once, and neither swaps in a generation without the other's commits.
    impl_->dir = std::make_unique<detail::IndexDir>(path);
    const detail::IndexDir& dir = *impl_->dir;
    dir.clean();
    const std::string live = dir.current();
    if (dir.plain()) {
        const int flags =
            options.mode == OpenMode::Overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN;
        impl_->writer.emplace(path, flags, options.stemmer, path);
    } else if (options.mode == OpenMode::Update && !live.empty()) {
        impl_->writer.emplace(live, Xapian::DB_OPEN, options.stemmer, path);
    } else {
        // Without a stemmer asked for, a rebuild keeps the one the index records.
        const StemmerKind fallback = detail::live_stemmer(live);
        // Removed by its destructor if opening it fails, or no commit makes it live.
        impl_->generation.emplace(dir);
        impl_->writer.emplace(impl_->generation->path(), Xapian::DB_CREATE, options.stemmer, path,
                              fallback);
    }
} catch (...) {
    detail::rethrow_index_error(path);
}

// The database closes (Xapian commits what was added, swallowing any error), then a new
// generation no commit made live is removed, then the lock goes: Impl's members in turn.
IndexWriter::~IndexWriter() = default;

void IndexWriter::add(const Document& doc) try {
    detail::AnalyzedDocument analyzed = detail::analyze(doc);
    analyzed.content_hash = detail::content_hash(doc);
    // A commit of add()'s own is a commit() (see there): it makes a new generation live too.
    if (impl_->writer->add(analyzed)) impl_->publish_new_generation();
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

void IndexWriter::commit() try {
    impl_->writer->commit();
    impl_->publish_new_generation();
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

std::size_t IndexWriter::document_count() const try {
    return impl_->writer->database().get_doccount();
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

}  // namespace fahras
