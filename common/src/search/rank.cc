/** @file
 *  @brief The rank step: which ranker orders a query's candidates, and the plainest one, the
 *  order of the match.
 */
#include "search/rank.h"

#include <algorithm>
#include <limits>

#include "search/learned.h"
#include "search/rerank.h"

namespace fahras::detail {

std::vector<Candidate> in_match_order(const Xapian::MSet& mset) {
    std::vector<Candidate> all;
    for (auto it = mset.begin(); it != mset.end(); ++it) all.emplace_back(it, it.get_weight());
    return all;
}

std::size_t page_end(const SearchOptions& options) {
    return options.offset +
           std::min(options.limit, std::numeric_limits<std::size_t>::max() - options.offset);
}

std::vector<Candidate> page_of(std::vector<Candidate> ranked, const SearchOptions& options) {
    ranked.erase(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(
                                                      std::min(ranked.size(), options.offset)));
    if (ranked.size() > options.limit) ranked.resize(options.limit);
    return ranked;
}

Ranker choose_ranker(const SearchOptions& options, const Expansion& expansion,
                     const LearnedModel* model) {
    if (learned_applies(options, expansion)) return learned_ranker(options, model);
    // Not when no hit is asked for (a count, facets), nor with feedback: a hit found through
    // the feedback terms alone holds none of the query's words.
    const bool rerank = options.rerank_depth > 0 && options.limit > 0 &&
                        options.expand_terms == 0 && options.sort == Sort::Relevance &&
                        expansion.groups.size() >= 2;
    if (!rerank) {
        return {options.offset, options.limit,
                [](const RankInput& in) { return in_match_order(in.mset); }};
    }
    // Re-ranking reads the first rerank_depth documents, and those up to the page's end.
    return {0, std::max(page_end(options), options.rerank_depth), rerank_head};
}

}  // namespace fahras::detail
