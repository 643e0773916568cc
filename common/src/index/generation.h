/** @file
 *  @brief Internal: a new generation of an index directory, from its creation to the swap that
 *  makes it live (NewGeneration), and writing one from sources (build_generation).
 */
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/index_dir.h"
#include "index/run.h"

namespace fahras::detail {

/** What a generation holds once published. */
struct GenerationContents {
    std::size_t documents = 0;
    std::size_t undated = 0;  ///< documents without a day (schema::kSlotDay)
};

/** A generation being built: its directory and its parts' (`GEN.shard-K`), created marked
 *  unfinished (IndexDir), removed unless the generation is published; the parts are removed
 *  in any case. The one way a rebuild, a merge and a new IndexWriter make an index live. */
class NewGeneration {
  public:
    /** Creates the generation in @p dir, with @p parts parts for parallel writers. */
    explicit NewGeneration(const IndexDir& dir, std::size_t parts = 0);
    ~NewGeneration() { remove(); }
    NewGeneration(const NewGeneration&) = delete;
    NewGeneration& operator=(const NewGeneration&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& part(std::size_t k) const { return parts_[k]; }

    /** Merges the parts, written and closed, into the generation by compaction. */
    void compact_parts();

    /** Finishes the generation, written and closed, and makes it live: rewrites its
     *  spelling-variant groups, commits and closes it, then swaps the stub (IndexDir::publish);
     *  @p shown names the index in messages. Fault point `variants`, then IndexDir's.
     *  @return what it holds. */
    GenerationContents publish(const std::string& shown);

    /** Makes the generation live as its writer committed it, variant groups left marked stale
     *  for the next run (IndexWriter). */
    void publish_as_is();

  private:
    void remove() noexcept;

    const IndexDir& dir_;
    std::string path_;
    std::vector<std::string> parts_;
    bool published_ = false;
};

/** Writes every source into the new generation @p gen as one part per thread (@p gen made
 *  with as many parts), written in parallel and merged by compaction (Xapian writes with one
 *  thread per database; this is its way to use more cores; with one thread, compaction
 *  leaves a smaller database). @p options.stemmer is the one to write with; @p shown names
 *  the index. */
void build_generation(NewGeneration& gen, const std::vector<std::string>& sources,
                      const IndexOptions& options, std::size_t threads, Run& run,
                      const std::string& shown);

}  // namespace fahras::detail
