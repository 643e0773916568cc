/** @file
 *  @brief Internal: what an update does first to an index an older fahras wrote.
 */
#pragma once

#include <xapian.h>

#include <cstddef>

namespace fahras::detail {

/** Moves every SOURCE that @p db records under another key than its path's
 *  (detail::source_path_key) to that key: its record (schema::kMetaSourcePrefix), and on
 *  each of its documents the term (schema::kPrefixSourcePathKey) and the value
 *  (schema::kSlotSourcePathKey). Indexes written before issue #16 key a SOURCE by libstdc++'s
 *  std::hash of its path, which another build may compute otherwise: under the old key, an update
 *  would neither find the SOURCE unchanged nor prune what it no longer holds. Commits after
 *  each SOURCE moved (a run killed in between moves the rest next time); costs one hash a
 *  recorded SOURCE when there is nothing to move.
 *  @return the SOURCEs moved. */
std::size_t upgrade_source_keys(Xapian::WritableDatabase& db);

}  // namespace fahras::detail
