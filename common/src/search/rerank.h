/** @file
 *  @brief Internal: re-ranking the first hits of a free-word query of two words or more by
 *  coordination (how many of its words a document holds) and proximity (how close together).
 */
#pragma once

#include <vector>

#include "search/rank.h"

namespace fahras::detail {

/** Scores the first SearchOptions::rerank_depth documents of the match again, times
 *  (matched / words)^0.5 × (1 + 0.2 × present / span) (docs/query.md, "Re-ranking"), and
 *  sorts them by it; the rest follow in the weights' order, their scores scaled to stay below
 *  the last re-ranked one's, so that every page of a query is cut from the same list. Reads
 *  @p in's match from its first document.
 *  @return the page (SearchOptions::offset, limit). */
[[nodiscard]] std::vector<Candidate> rerank_head(const RankInput& in);

}  // namespace fahras::detail
