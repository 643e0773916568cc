/** @file
 *  @brief The match step: a query weighted (DLH or BM25), widened by feedback, filtered,
 *  sorted and counted, and the MSet it gives.
 */
#include "search/enquire.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/schema.h"
#include "schema/terms.h"
#include "search/filters.h"
#include "search/learned.h"

namespace fahras::detail {

namespace {

// Floor on BM25's normalized document length. Xapian's default, 0.5, treats every document
// shorter than half the average as half the average, so short passages lose their edge over
// long articles; standard BM25 has no floor (arcd MRR@10 0.5565 -> 0.6165, docs/query.md).
constexpr double kMinNormLen = 0.0;

// Pseudo-relevance feedback (SearchOptions::expand_terms): hits taken as relevant, and the
// weight of the terms added, relative to the query's own.
constexpr Xapian::doccount kFeedbackDocs = 5;
constexpr double kFeedbackWeight = 0.5;

/** Feedback adds word stems only: not ids, titles as fields, or the query's own stop words. */
class StemTermsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        const std::optional<std::string_view> stem = text_stem(term);
        return stem && !is_stop_word(*stem);
    }
};

/** Pseudo-relevance feedback: the best stems of the first hits of @p enquire's query join
 *  it, with less weight than the user's own words (SearchOptions::expand_terms). */
void add_feedback(Xapian::Enquire& enquire, const MatchRequest& request,
                  const SearchOptions& options) {
    const Xapian::MSet top = enquire.get_mset(0, kFeedbackDocs);
    Xapian::RSet feedback;
    for (auto it = top.begin(); it != top.end(); ++it) feedback.add_document(*it);
    if (feedback.empty()) return;
    const StemTermsOnly stems_only;
    const Xapian::ESet eset = enquire.get_eset(static_cast<Xapian::termcount>(options.expand_terms),
                                               feedback, &stems_only);
    std::vector<Xapian::Query> added;
    for (auto it = eset.begin(); it != eset.end(); ++it) added.emplace_back(*it);
    enquire.set_query(filtered(
        Xapian::Query(Xapian::Query::OP_OR, request.query,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                    Xapian::Query(Xapian::Query::OP_OR, added.begin(), added.end()),
                                    kFeedbackWeight)),
        request.filter));
}

/** The documents of @p request's window that @p enquire matches (and, for the spies, every
 *  match counted when @p every_match). */
Xapian::MSet fetch(const Xapian::Database& db, const Xapian::Enquire& enquire,
                   const MatchRequest& request, bool every_match) {
    // A search for no hit is a count: without this, Xapian estimates it without matching a
    // document (it said 0 for a phrase that documents hold).
    const Xapian::doccount check_at_least = every_match ? db.get_doccount() : 0;
    // exact:"…" keeps the documents whose original text holds the written form.
    const HoldsExactForms exact(request.exact_forms);
    const Xapian::MatchDecider* decider = request.exact_forms.empty() ? nullptr : &exact;
    // Counts past the index's size ask for every document (and would not fit a doccount).
    const auto at_most_all = [documents = db.get_doccount()](std::size_t n) {
        return static_cast<Xapian::doccount>(std::min<std::size_t>(n, documents));
    };
    try {
        return enquire.get_mset(at_most_all(request.first), at_most_all(request.count),
                                check_at_least, nullptr, decider);
    } catch (const Xapian::UnimplementedError&) {
        // Xapian's remote protocol cannot run a MatchDecider on a remote shard.
        if (decider == nullptr) throw;
        throw QueryError("query '" + std::string(request.typed) +
                         "': exact: needs every shard of the index to be local");
    }
}

}  // namespace

std::unique_ptr<Xapian::Weight> weighting(const Xapian::Database& db,
                                          const SearchOptions& options) {
    if (options.ranking == Ranking::Learned) return first_stage_weighting();
    const bool bm25 = options.ranking == Ranking::Bm25 ||
                      (options.ranking == Ranking::Auto && db.get_doccount() < kDlhMinDocuments);
    if (bm25) {
        // k2 = 0 and k3 = 1 as in Xapian; no floor on document length (kMinNormLen).
        return std::make_unique<Xapian::BM25Weight>(options.bm25_k1, 0, 1, options.bm25_b,
                                                    kMinNormLen);
    }
    return std::make_unique<Xapian::DLHWeight>();
}

Match run_match(const Xapian::Database& db, const MatchRequest& request,
                const SearchOptions& options) {
    Match match{Xapian::Enquire(db), {}, {}};
    Xapian::Enquire& enquire = match.enquire;
    enquire.set_query(filtered(request.query, request.filter));
    enquire.set_weighting_scheme(*weighting(db, options));
    if (options.expand_terms > 0) add_feedback(enquire, request, options);
    if (options.sort == Sort::Date) {
        // Newest first; an undated document has no value, which sorts below every day.
        enquire.set_sort_by_value_then_relevance(schema::kSlotDay, true);
    }
    // Facets count over every match, not only the page: the match must then check them all.
    const std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies =
        facet_spies(options.facets);
    for (const auto& spy : spies) enquire.add_matchspy(spy.get());
    match.mset = fetch(db, enquire, request, !spies.empty() || options.limit == 0);
    for (std::size_t i = 0; i < spies.size(); ++i) {
        match.facets.push_back(facet_counts(options.facets[i], *spies[i]));
    }
    enquire.clear_matchspies();  // the spies go with this function; the Enquire stays
    return match;
}

}  // namespace fahras::detail
