/** @file
 *  @brief Internal: the learned ranker (Ranking::Learned, docs/ranking.md): a first stage
 *  Xapian can prune (BM25 over one unit per query word) and a second stage, an XGBoost
 *  model over features of the first stage's best hits.
 */
#pragma once

#include <xapian.h>

#include <memory>
#include <vector>

#include "fahras/search.h"
#include "search/expansion.h"
#include "search/features.h"
#include "search/learned_model.h"
#include "search/rank.h"

namespace fahras::detail {

/** True if @p options rank by the learned model a query whose free words are @p expansion's:
 *  Ranking::Learned, free words, sorted by relevance, no feedback, hits asked for. */
[[nodiscard]] bool learned_applies(const SearchOptions& options, const Expansion& expansion);

/** The first stage's query of @p expansion's free words: for each word one OP_SYNONYM of its
 *  written term, bare reading and other forms (their frequencies pooled, so that a rare form
 *  is not boosted), and its spelling variants and its pattern forms each as one OP_SYNONYM
 *  at 0.2 of a word's weight. Title terms are left to the second stage. */
[[nodiscard]] Xapian::Query first_stage_query(const Expansion& expansion);

/** The first stage's weighting: BM25, k1 1.2, b 0.9, no floor on document length. */
[[nodiscard]] std::unique_ptr<Xapian::Weight> first_stage_weighting();

/** @p expansion's words as the features read them. */
[[nodiscard]] std::vector<QueryWord> query_words(const Expansion& expansion);

/** The learned ranker: scores the first SearchOptions::learned_depth documents of the match
 *  with @p model (not applied with RankingFeatures::Yes, when it may be null), the rest after
 *  them in the match's order. @p model must outlive the ranker. */
[[nodiscard]] Ranker learned_ranker(const SearchOptions& options, const LearnedModel* model);

}  // namespace fahras::detail
