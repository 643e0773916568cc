/** @file
 *  @brief Internal: pruning (IndexOptions::prune): what a SOURCE no longer holds, SOURCEs that
 *  are gone, and the guard against removing more than half of a SOURCE.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "index/incremental.h"
#include "index/run.h"

namespace fahras::detail {

/** What a SOURCE read in full holds, for pruning: the ids read from it, and what the reading
 *  left unread (see fahras::Unread), which pruning keeps. */
struct SourceIds {
    std::unordered_set<std::string> read;
    std::unordered_set<std::string> unread_ids;  ///< Unread::Scope::Id
    std::vector<std::string> unread_paths;       ///< Unread::Scope::Path

    /** True if pruning keeps the document with id @p id: read, or left unread. */
    [[nodiscard]] bool keeps(const std::string& id) const;
};

/** The end of a SOURCE, after all its documents, in the first writer's queue: what to record
 *  of it commits with them (a run killed before that commit reads the SOURCE again). */
struct SourceEnd {
    std::string source;  ///< as named, for warnings
    SourceState state;   ///< to record (no value: nothing, e.g. a stream)
    /** Pruning: the SOURCE's documents not in it go. Nothing: no pruning. */
    std::optional<SourceIds> ids;
};

/** Writing thread, at the end of a SOURCE: records it, and prunes what it no longer holds
 *  (unless that is more than half of it: then a warning, through @p run). A SOURCE that is
 *  gone and pruned loses its record. Fault point `prune`. */
void end_source(Xapian::WritableDatabase& db, SourceEnd& end, Run& run,
                const IndexOptions& options);

/** Removes the documents of every SOURCE recorded in @p db that no longer exists, and its
 *  record, unless that is refused (all of its documents would go: IndexOptions::force_prune);
 *  SOURCEs named in this run (@p sources) were pruned at their end already. Commits; returns
 *  how many documents went. Fault point `prune`. */
std::size_t prune_vanished_sources(Xapian::WritableDatabase& db,
                                   const std::vector<std::string>& sources,
                                   const IndexOptions& options, Run& run);

}  // namespace fahras::detail
