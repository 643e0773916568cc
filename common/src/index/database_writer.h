/** @file
 *  @brief Internal: the writer of one Xapian database of an index (DatabaseWriter), under
 *  the public IndexWriter and index_sources()'s writing threads alike.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>

#include "fahras/analyzer.h"
#include "index/analyzed_document.h"
#include "index/term_writer.h"

namespace fahras::detail {

/** The stemmer the live database @p live records: what a rebuild keeps unless told
 *  otherwise. Light if there is none, or none can be read (a rebuild is how a damaged
 *  index is replaced). */
[[nodiscard]] StemmerKind live_stemmer(const std::string& live);

/** The stemmer to write @p db with: @p wanted, or else the one @p db records (@p fallback if
 *  none). @throws IndexVersionError if @p db holds documents analyzed otherwise: by another
 *  analyzer version, or with another stemmer than @p wanted; @p shown names the index. */
[[nodiscard]] StemmerKind check_version(const Xapian::Database& db, const std::string& shown,
                                        std::optional<StemmerKind> wanted,
                                        StemmerKind fallback = StemmerKind::Light);

/** Whether the id of a document to write may be in the database already. New spares Xapian
 *  the look-up of the id term, on disk and in the changes not yet committed. */
enum class IdState {
    MayExist,  ///< replace any document with the id (Xapian's replace_document)
    New,       ///< the caller knows the id is not there: add the document (add_document)
};

/** Writes analyzed documents into one Xapian database: a generation, a part of one, or a
 *  plain database. It takes no lock and publishes nothing: its owner (IndexWriter, or an
 *  index_sources() run) does both. Xapian's errors pass through. */
class DatabaseWriter {
  public:
    /** Opens @p database (@p flags: Xapian's) for writing with the stemmer @p stemmer, or else
     *  the one it records (@p fallback if none), and records the analysis (analyzer version,
     *  stemmer); @p shown names the index in messages.
     *  @throws fahras::IndexLockedError if another writer holds the database.
     *  @throws fahras::IndexVersionError as check_version(). */
    DatabaseWriter(const std::string& database, int flags, std::optional<StemmerKind> stemmer,
                   const std::string& shown, StemmerKind fallback = StemmerKind::Light);

    /** Adds @p doc, replacing any document with the same id unless @p id says there is none
     *  (then a document with the same id would be there twice). Commits, spelling data and
     *  all, once the words counted for the spelling table since the last commit pass 100,000
     *  distinct words (IndexWriter::commit explains why).
     *  @return true if it committed.
     *  @throws fahras::InputError if the id is empty. */
    bool add(const AnalyzedDocument& doc, IdState id = IdState::MayExist);

    /** Commits the documents written since the last commit, and what
     *  schema::kMetaVariantsStale must say of them, but not the spelling data. */
    void commit_documents();

    /** Commits everything: the spelling data, then the documents. */
    void commit();

    /** Rewrites the spelling-variant groups and commits them (commit_documents). */
    void update_variants();

    /** Closes the database, as Xapian does: what was written since the last commit is
     *  committed, the spelling data excepted (then nothing can be written any more). Before,
     *  marks the variant groups stale if documents were removed since the last commit. */
    void close();
    /** Closes the database (close()) unless that was done; any error is swallowed: commit()
     *  before reporting success. */
    ~DatabaseWriter();
    DatabaseWriter(const DatabaseWriter&) = delete;
    DatabaseWriter& operator=(const DatabaseWriter&) = delete;

    /** The database, for what writes it directly (pruning, a file's state, upgrades);
     *  documents it removes are noticed at the next commit. */
    [[nodiscard]] Xapian::WritableDatabase& database() { return db_; }

    /** The index, as the user named it: what Xapian's errors name. */
    [[nodiscard]] const std::string& shown() const { return shown_; }

  private:
    void mark_removals();

    std::string shown_;
    Xapian::WritableDatabase db_;
    // Since the last commit: documents added (or replaced), and the count at that commit
    // (documents removed through database() change it): what schema::kMetaVariantsStale
    // must record in the next commit.
    bool changed_ = false;
    Xapian::doccount committed_count_ = 0;
    bool closed_ = false;
    // Set once the database is open: the stemmer is the one it records or is given.
    std::optional<TermWriter> terms_;
};

}  // namespace fahras::detail
