/** @file
 *  @brief The learned ranker: the first stage's query and weighting, and the second stage that
 *  re-scores the first stage's best hits with the model (docs/ranking.md).
 */
#include "search/learned.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace fahras::detail {

namespace {

// The first stage's BM25 (docs/ranking.md, measured on the tune halves): b 0.9 rather than
// 0.75 finds more answers among the first 100 on arcd (Recall@100 0.899 -> 0.914) at no cost
// elsewhere; k1 as Lucene's.
constexpr double kFirstStageK1 = 1.2;
constexpr double kFirstStageB = 0.9;
// Pattern forms (قلب → قلوب) pooled with the word brought other words of the same letters to
// the top (arcd Recall@100 0.9138 -> 0.9262 without them); at 0.2 of a unit of their own they
// keep qqa23's broken plurals (Recall@100 0.6306 without them, 0.6497 so). Spelling variants
// (ترمب → ترامب) are a unit of their own at 0.2 too: found, but ranked below the spelling
// the user wrote (docs/query.md).
constexpr double kFirstStagePatternWeight = 0.2;
constexpr double kFirstStageVariantWeight = 0.2;
// The feature that says how much of the query a document holds as written (kFeatureNames).
constexpr std::size_t kWrittenShare = feature_index("written_idf_share");

/** The terms of @p word that count as the word itself in the first stage. */
std::vector<std::string> unit_terms(const ExpandedWord& word) {
    std::vector<std::string> terms{word.term};
    if (word.bare) terms.push_back(*word.bare);
    for (const Form& f : word.forms) terms.push_back(f.term);
    return terms;
}

std::vector<std::string> terms_of(const std::vector<Form>& forms) {
    std::vector<std::string> terms;
    for (const Form& f : forms) terms.push_back(f.term);
    return terms;
}

/** Each feature of @p row with its contribution, the largest first, then the bias. */
std::vector<RankingFeature> explained(const LearnedModel& model, const float* row) {
    const std::vector<float> values(row, row + kFeatureNames.size());
    const std::vector<float> contributions = model.contributions(values);
    std::vector<RankingFeature> out;
    for (std::size_t f = 0; f < kFeatureNames.size(); ++f) {
        out.push_back({std::string(kFeatureNames[f]), values[f], contributions[f]});
    }
    std::stable_sort(out.begin(), out.end(), [](const RankingFeature& a, const RankingFeature& b) {
        return std::abs(a.contribution) > std::abs(b.contribution);
    });
    out.push_back({"bias", 0, contributions.back()});
    return out;
}

/** Scores the first @p head of @p all with @p model and sorts them by it (ties: the first
 *  stage's order); the rest keep their order, below the lowest of them. */
void rescore(const LearnedModel& model, const std::vector<float>& features, std::size_t head,
             const SearchOptions& options, std::vector<Candidate>& all) {
    const std::vector<float> scores = model.predict(features, head);
    for (std::size_t i = 0; i < head; ++i) {
        all[i].score = scores[i];
        if (options.explain == Explain::Yes) {
            all[i].ranking = explained(model, features.data() + i * kFeatureNames.size());
        }
    }
    // Equal scores: the written form first (a document with more of the query's words as
    // written), then the first stage's order.
    std::vector<float> written(all.size(), 0);
    for (std::size_t i = 0; i < head; ++i)
        written[i] = features[i * kFeatureNames.size() + kWrittenShare];
    std::vector<std::size_t> order(head);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (all[a].score != all[b].score) return all[a].score > all[b].score;
        return written[a] > written[b];
    });
    std::vector<Candidate> sorted;
    for (const std::size_t i : order) sorted.push_back(std::move(all[i]));
    std::move(sorted.begin(), sorted.end(), all.begin());
    if (head == 0 || head == all.size()) return;
    // Below every re-scored hit, in the first stage's order, so that every page of a query
    // (SearchOptions::offset) is cut from the same list.
    const double floor = all[head - 1].score - 1;
    for (std::size_t i = head; i < all.size(); ++i) {
        all[i].score = floor - double(i - head) / double(all.size());
    }
}

/** The ranker's function: the page of hits of @p in. */
std::vector<Candidate> rank_learned(const RankInput& in, const LearnedModel* model) {
    std::vector<Candidate> all = in_match_order(in.mset);
    const std::size_t head = std::min(in.options.learned_depth, all.size());
    std::vector<Xapian::docid> ids;
    std::vector<double> weights;
    for (std::size_t i = 0; i < head; ++i) {
        ids.push_back(*all[i].it);
        weights.push_back(all[i].score);
    }
    const std::vector<float> features =
        compute_features(in.db, query_words(in.expansion), ids, weights);
    if (in.options.ranking_features == RankingFeatures::Yes) {
        for (std::size_t i = 0; i < head; ++i) {
            const auto row =
                features.begin() + static_cast<std::ptrdiff_t>(i * kFeatureNames.size());
            all[i].features.assign(row, row + static_cast<std::ptrdiff_t>(kFeatureNames.size()));
        }
    } else {
        rescore(*model, features, head, in.options, all);
    }
    return page_of(std::move(all), in.options);
}

}  // namespace

}  // namespace fahras::detail

namespace fahras {

std::vector<std::string> ranking_feature_names() {
    return {detail::kFeatureNames.begin(), detail::kFeatureNames.end()};
}

}  // namespace fahras

namespace fahras::detail {

bool learned_applies(const SearchOptions& options, const Expansion& expansion) {
    return options.ranking == Ranking::Learned && !expansion.words.empty() &&
           options.sort == Sort::Relevance && options.expand_terms == 0 && options.limit > 0 &&
           options.learned_depth > 0;
}

Xapian::Query first_stage_query(const Expansion& expansion) {
    std::vector<Xapian::Query> units;
    for (const ExpandedWord& word : expansion.words) {
        const std::vector<std::string> terms = unit_terms(word);
        units.emplace_back(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
        for (const auto& [kind, weight] : {std::pair{&word.variants, kFirstStageVariantWeight},
                                           std::pair{&word.patterns, kFirstStagePatternWeight}}) {
            if (kind->empty()) continue;
            const std::vector<std::string> others = terms_of(*kind);
            units.emplace_back(
                Xapian::Query::OP_SCALE_WEIGHT,
                Xapian::Query(Xapian::Query::OP_SYNONYM, others.begin(), others.end()), weight);
        }
    }
    return Xapian::Query(Xapian::Query::OP_OR, units.begin(), units.end());
}

std::unique_ptr<Xapian::Weight> first_stage_weighting() {
    // k2 = 0 and k3 = 1 as in Xapian; min_normlen 0: no floor on document length.
    return std::make_unique<Xapian::BM25Weight>(kFirstStageK1, 0, 1, kFirstStageB, 0.0);
}

std::vector<QueryWord> query_words(const Expansion& expansion) {
    std::vector<QueryWord> words;
    for (const ExpandedWord& word : expansion.words) {
        QueryWord q;
        q.exact.push_back(word.term);
        if (word.bare) q.exact.push_back(*word.bare);
        q.forms = terms_of(word.forms);
        const std::vector<std::string> variants = terms_of(word.variants);
        q.forms.insert(q.forms.end(), variants.begin(), variants.end());
        q.patterns = terms_of(word.patterns);
        q.title = word.title;
        // The same word twice is one word (its terms once).
        const bool seen = std::any_of(words.begin(), words.end(),
                                      [&](const QueryWord& w) { return w.exact == q.exact; });
        if (!seen) words.push_back(std::move(q));
    }
    return words;
}

Ranker learned_ranker(const SearchOptions& options, const LearnedModel* model) {
    return {0, std::max(page_end(options), options.learned_depth),
            [model](const RankInput& in) { return rank_learned(in, model); }};
}

}  // namespace fahras::detail
