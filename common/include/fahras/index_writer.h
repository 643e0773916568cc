/** @file
 *  @brief Building and updating a fahras index.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/corpus.h"
#include "fahras/shard.h"

namespace fahras {

/** What to do with an index that already exists. */
enum class OpenMode {
    Update,     ///< keep its documents; documents with the same id are replaced
    Overwrite,  ///< start from an empty index (index_sources: a new generation, swapped in)
};

/** How an index is built. */
struct IndexOptions {
    /** The stemmer; empty: the one the live index records (Light if there is none). An
     *  index that holds documents is never updated with another stemmer: only a rebuild
     *  (OpenMode::Overwrite) switches it. */
    std::optional<StemmerKind> stemmer;
    OpenMode mode = OpenMode::Update;
    /** index_sources() commits after every this many documents (0: only at the end). Xapian
     *  adds each document to its changes held until the commit, and the bigger they are the
     *  more each addition costs: 500 was faster than 1000 and than any larger batch
     *  (bench/results/indexing.md). */
    std::size_t batch_size = 500;
    /** index_sources() also commits once this many bytes of document text (and titles) have
     *  been added since the last commit (0: no byte limit), in each writer: Xapian holds
     *  every uncommitted document in memory, and that grows with the text, not the count. */
    std::size_t batch_bytes = std::size_t{64} << 20;
    /** Threads that write a new (empty) index in parallel, each a part of it, the parts
     *  merged at the end. An index that already holds documents is updated by one thread. */
    std::size_t threads = default_threads();
    /** index_sources(), updating: also remove documents whose SOURCE vanished, and
     *  documents no longer in a SOURCE read in this run, except those it left unread (a file
     *  or line that gave a warning: see fahras::Unread). A SOURCE with a line whose id cannot
     *  be read is not pruned at all, nor is one of which more than half the documents would
     *  go (see force_prune); each time with a warning (IndexStats::not_pruned). */
    bool prune = false;
    /** With prune: prune a SOURCE even when more than half its documents (all of them, for a
     *  SOURCE that is gone) would go. Without it that is refused: an unmounted mount point or
     *  network path reads as an empty or missing SOURCE. */
    bool force_prune = false;
    /** How index_sources() reads its sources (encoding, largest document). */
    ReadOptions read{};
    /** index_sources() indexes only the documents of this shard (shard_of their id), so that
     *  N machines or jobs can each build one part; the default is every document. */
    ShardSpec shard;

    /** The number of cores, at most 4 (at least 1). */
    [[nodiscard]] static std::size_t default_threads();
};

/** Adds documents to a fahras index directory, as `fahras-index` lays it out
 *  (docs/index-layout.md).
 *
 *  Holds the directory's lock (`fahras.lock`, the one `fahras-index` takes) from
 *  construction to destruction, and first removes what earlier runs left, as a run of
 *  `fahras-index` does. With OpenMode::Update and a live generation, documents go into that
 *  generation in place: each commit() is visible to searchers. With no index yet, or with
 *  OpenMode::Overwrite, they go into a new generation, which the first commit() makes live
 *  (a rename(2) of the stub: searchers see the old index or the new one); later commits go
 *  into it in place. A directory holding a plain Xapian database (no stub) is written in
 *  place. Nothing is visible to searchers, nor safe from a crash, until commit() returns
 *  (or add() commits: see commit()).
 *
 *  It writes documents as index_sources() does (the same terms, values and spelling data),
 *  with one thread, and leaves one thing to the next `fahras-index` run: the
 *  spelling-variant groups, which each commit marks stale for that run to rewrite
 *  (docs/index-layout.md, "Spelling variants"). Documents it adds belong to no SOURCE:
 *  `--prune` never removes them.
 *
 *  **Example**
 *  @code
 *  fahras::IndexWriter writer("/var/lib/fahras/index", {});
 *  writer.add({.id = "a1", .title = "…", .text = "…"});
 *  writer.commit();
 *  @endcode
 */
class IndexWriter {
  public:
    /** Opens (creating if needed) the index directory @p path.
     *  @throws fahras::IndexLockedError if another writer (a `fahras-index` run, another
     *          IndexWriter) holds the index.
     *  @throws fahras::IndexVersionError if the index holds documents analyzed with another
     *          analyzer version or stemmer (use OpenMode::Overwrite to start again).
     *  @throws fahras::Error if @p path is not empty and holds no fahras index, or its
     *          layout is damaged (docs/index-layout.md, "A damaged layout"; nothing is
     *          deleted then).
     *  @throws fahras::IndexDamagedError if Xapian finds the index damaged; fahras::Error
     *          `index 'PATH': ...` on any other of Xapian's errors (here and in every method).
     */
    IndexWriter(const std::string& path, const IndexOptions& options);
    /** Closes the index. A new generation that no commit() made live is discarded; in
     *  place, Xapian commits what was added when the database closes, but swallows any
     *  error doing so: commit() before reporting success. */
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /** Analyzes and adds @p doc, replacing any document with the same id (of any length:
     *  see schema::id_term). May commit: see commit().
     *  @throws fahras::InputError if the id is empty.
     */
    void add(const Document& doc);

    /** Makes everything added so far durable and visible, spelling data included: the words
     *  seen at least three times since the last commit. The first commit of a new generation
     *  makes it live. Call it before reporting success.
     *
     *  add() also commits by itself, as this does, once the words counted for the spelling
     *  table since the last commit pass 100,000 distinct words (a long run with many
     *  commits of documents, as index_sources() makes, would otherwise count every word of
     *  the run in memory): a word then enters the spelling table if seen three times
     *  between two such commits; a word seen fewer times is forgotten at the commit. */
    void commit();

    /** Number of documents in the index, committed or not. */
    [[nodiscard]] std::size_t document_count() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/** What one indexing run did. */
struct IndexStats {
    std::size_t sources = 0;     ///< sources named
    std::size_t documents = 0;   ///< documents analyzed and written: added + updated
    std::size_t added = 0;       ///< documents with an id new to the index
    std::size_t updated = 0;     ///< documents that replaced a different one with their id
    std::size_t removed = 0;     ///< documents removed (IndexOptions::prune)
    std::size_t unchanged = 0;   ///< documents found unchanged, not analyzed again
    std::size_t bytes = 0;       ///< bytes of document text analyzed
    std::size_t warnings = 0;    ///< files or lines reported and skipped or repaired
    std::size_t index_size = 0;  ///< documents in the index after the run
    double seconds = 0.0;        ///< reading, analysis and commit
    /** Documents in the index after the run without a day (no date, or one document_day
     *  cannot read): --since/--until, date sorting and the month facet miss them. */
    std::size_t undated = 0;
    /** SOURCEs IndexOptions::prune left unpruned: a line whose id could not be read, or more
     *  than half their documents would have gone (each also a warning). */
    std::size_t not_pruned = 0;
};

/** How far an index_sources() run is. */
struct IndexProgress {
    std::size_t sources_done = 0;   ///< SOURCEs read to the end (or skipped as unchanged)
    std::size_t sources = 0;        ///< SOURCEs named
    std::uintmax_t bytes_done = 0;  ///< of `bytes`: the sources done, and documents read since
    std::uintmax_t bytes = 0;       ///< size of the SOURCE files (directories: files below)
    std::size_t documents = 0;      ///< documents read: new, changed or unchanged
    double seconds = 0.0;           ///< since the run began
};

/** Callbacks of index_sources(); any may be empty. */
struct IndexCallbacks {
    WarningSink on_warning;                            ///< a bad file or line
    std::function<void(const Document&)> on_document;  ///< after each document is added
    /** After each document read and each SOURCE done (often: throttle any drawing). With it
     *  set, index_sources() first adds up the sizes of the SOURCE files. */
    std::function<void(const IndexProgress&)> on_progress;
};

/** Reads every source (see read_source) into the fahras index directory @p path.
 *
 *  @p path holds a Xapian stub file (`XAPIANDB`) naming the live generation, a Xapian
 *  database in a subdirectory `gen-NNNNNN` (docs/index-layout.md); Xapian::Database(path)
 *  and fahras::Searcher open it. The run holds the directory's lock (`fahras.lock`) from
 *  start to end, and first removes what earlier runs left and it can prove its own:
 *  unfinished generations of killed runs, generations the live one replaced.
 *
 *  With OpenMode::Update and a live generation, the generation is updated in place by one
 *  writer, committing every IndexOptions::batch_size documents or batch_bytes bytes of text,
 *  and at the end: each commit is durable and visible to searchers. Otherwise
 *  (OpenMode::Overwrite, or no index yet) a new generation is written beside the live one —
 *  by IndexOptions::threads writers in parallel, each into a part of it (a database
 *  `gen-NNNNNN.shard-K`), merged by compaction — and made live by rename(2) of a new stub
 *  over the old one once complete: searchers see the old index or the new one, never a mix.
 *  If the run fails, the live index is left as it was.
 *
 *  A bad file or line is reported through @p callbacks and skipped; everything else is
 *  indexed. Reading runs in a thread of its own. Callbacks may come from any of the
 *  threads, but never two at once; warnings about files and lines come in source order.
 *
 *  Updates are incremental. A SOURCE file whose size, mtime and ctime are those the last
 *  run recorded (and that gave no warnings then) is not read again; a document whose
 *  stored fields hash to the value stored with its id is not analyzed again
 *  (IndexStats::unchanged). With IndexOptions::prune, documents of a SOURCE that no longer
 *  exists are removed, and so are those of a SOURCE read in this run that no longer holds
 *  their id, but those a warning left unread, and never more than half of a SOURCE's
 *  without IndexOptions::force_prune. Standard input and pipes are never pruned, nor
 *  skipped as unchanged. A rebuild analyzes everything.
 *
 *  A directory holding a plain Xapian database (from fahras before generations) is updated
 *  in place; OpenMode::Overwrite refuses it (fahras::IndexVersionError).
 *
 *  @throws fahras::IndexLockedError if another writer holds the index.
 *  @throws fahras::IndexVersionError, fahras::IndexDamagedError as IndexWriter does.
 *  @throws fahras::Error if the directory cannot be created or written, or as IndexWriter
 *          does on a directory that is not an index or a damaged layout.
 */
[[nodiscard]] IndexStats index_sources(const std::string& path,
                                       const std::vector<std::string>& sources,
                                       const IndexOptions& options,
                                       const IndexCallbacks& callbacks);

}  // namespace fahras
