/** @file
 *  @brief Internal: the reading thread of an index_sources() run (SourceReader).
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "fahras/corpus.h"
#include "index/incremental.h"
#include "index/queue.h"
#include "index/run.h"

namespace fahras::detail {

/** How the reading thread treats what it reads. */
struct ReadPlan {
    /** Updating: the live generation, read for the sources and documents the index already
     *  holds. Empty: a new generation, where everything is new. */
    std::string live;
    bool prune = false;
    ReadOptions read;  ///< how sources are read
};

/** The reading thread: reads every source and hands each document to a writer chosen by its
 *  id, so that a repeated id always reaches the writer holding the earlier copy, which it
 *  then replaces. With one writer, analysis happens here too, ahead of the Xapian writes.
 *  Updating, unchanged sources, files and documents are counted and left out. After the
 *  documents of each SOURCE comes its end (SourceEnd), in the first writer's queue. */
class SourceReader {
  public:
    /** Reads @p sources into @p queues (one a writer) as @p plan says; all must outlive it. */
    SourceReader(const std::vector<std::string>& sources, std::vector<Queue>& queues,
                 const ReadPlan& plan, Run& run);

    /** Reads every source, until the end or until a writer stops taking items. */
    void read_all();

  private:
    struct Current;

    [[nodiscard]] bool skip_unchanged_source(const SourcePath& where, bool stream,
                                             std::uintmax_t size);
    void read(const std::string& source, std::uintmax_t size);
    [[nodiscard]] bool skip_file(Current& current, const std::string& file, const std::string& id);
    void document(Current& current, Document&& doc);
    [[nodiscard]] bool skip_unchanged_document(const Current& current, const Document& doc,
                                               const std::string& hash);
    void end_source(Current& current);
    void push(std::size_t writer, Item&& item);

    const std::vector<std::string>& sources_;
    std::vector<Queue>& queues_;
    const ReadPlan& plan_;
    Run& run_;
    const bool analyze_here_;
    std::optional<LiveIndex> live_;
    std::unordered_set<std::string> ids_this_run_;  // a repeated id is never "unchanged"
    bool open_ = true;                              // false once a writer stopped taking items
};

}  // namespace fahras::detail
