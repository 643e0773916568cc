/** @file
 *  @brief Internal: the match step of a search: the weighting (DLH or BM25), pseudo-relevance
 *  feedback, the filters, the sort order and the facets around a query, and the MSet.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/search.h"

namespace fahras::detail {

/** The weighting scheme of @p options on @p db: the learned ranker's first stage (BM25, see
 *  first_stage_weighting()) for Ranking::Learned; BM25 for Ranking::Bm25, and for
 *  Ranking::Auto below kDlhMinDocuments documents; DLH otherwise. */
[[nodiscard]] std::unique_ptr<Xapian::Weight> weighting(const Xapian::Database& db,
                                                        const SearchOptions& options);

/** What the match runs. */
struct MatchRequest {
    std::string_view typed;                ///< the query as typed, for messages
    Xapian::Query query;                   ///< the query, expanded, not yet filtered
    Xapian::Query filter;                  ///< options_filter(); empty for none
    std::vector<std::string> exact_forms;  ///< written forms every document must hold (NFC)
    std::size_t first = 0;                 ///< the first document to return (0-based)
    std::size_t count = 0;                 ///< how many to return at most
};

/** A query's match: the Enquire that ran it (it names the terms each document matched) and
 *  the documents it returned. */
struct Match {
    Xapian::Enquire enquire;
    Xapian::MSet mset;
    std::vector<FacetCounts> facets;  ///< one per SearchOptions::facets, over every match
};

/** Runs @p request on @p db with the weighting, feedback, sort order and facets of
 *  @p options.
 *  @throws fahras::QueryError if the query has an exact: field and a shard is remote. */
[[nodiscard]] Match run_match(const Xapian::Database& db, const MatchRequest& request,
                              const SearchOptions& options);

}  // namespace fahras::detail
