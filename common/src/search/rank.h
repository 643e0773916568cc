/** @file
 *  @brief Internal: the rank step of a search, between the match and the hits: one
 *  replaceable function over the candidates that the match found.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "fahras/search.h"
#include "search/expansion.h"

namespace fahras::detail {
class LearnedModel;
}  // namespace fahras::detail

namespace fahras::detail {

/** A document of the match and its score, as the rank step orders them. */
struct Candidate {
    Candidate() = default;
    Candidate(Xapian::MSetIterator in_match, double weight) : it(in_match), score(weight) {}

    Xapian::MSetIterator it;      ///< in the match (its document, its weight, its matching terms)
    double score = 0;             ///< the hit's score
    std::vector<float> features;  ///< the learned ranker's, with RankingFeatures::Yes
    std::vector<RankingFeature> ranking;  ///< the learned model's explanation (Explain::Yes)
};

/** What the rank step reads. */
struct RankInput {
    const Xapian::Database& db;
    const Xapian::MSet& mset;      ///< the candidates, in the order of their weights
    const Expansion& expansion;    ///< the free words and their terms, by kind
    const SearchOptions& options;  ///< offset and limit: the page to return
};

/** A way to rank: the part of the match it reads, and the function that makes the page of
 *  hits of it (SearchOptions::offset, limit), best first. The weighting of the match itself
 *  (DLH or BM25, forms scaled by idf, title terms) comes before it and is the same for all. */
struct Ranker {
    std::size_t first = 0;  ///< the first document of the match it reads (0-based)
    std::size_t count = 0;  ///< how many it reads at most
    std::function<std::vector<Candidate>(const RankInput&)> rank;
};

/** The documents of @p mset in its order, each scored by its weight. */
[[nodiscard]] std::vector<Candidate> in_match_order(const Xapian::MSet& mset);

/** How far into the match the page of @p options reaches: offset + limit, saturating. */
[[nodiscard]] std::size_t page_end(const SearchOptions& options);

/** The page of @p ranked (the match in a ranker's order): SearchOptions::offset, limit. */
[[nodiscard]] std::vector<Candidate> page_of(std::vector<Candidate> ranked,
                                             const SearchOptions& options);

/** The ranker for @p options: the learned model (learned.h, with @p model) where
 *  learned_applies(); otherwise re-ranking by coordination and proximity (rerank.h) for a
 *  free-word query of two words or more (@p expansion's groups), else the match's order. */
[[nodiscard]] Ranker choose_ranker(const SearchOptions& options, const Expansion& expansion,
                                   const LearnedModel* model = nullptr);

}  // namespace fahras::detail
