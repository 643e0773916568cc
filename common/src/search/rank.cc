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

namespace {

/** The page of the match as the match ordered it, each hit's score its weight. */
std::vector<Candidate> in_match_order(const RankInput& in) {
    std::vector<Candidate> page;
    for (auto it = in.mset.begin(); it != in.mset.end(); ++it)
        page.push_back({it, it.get_weight()});
    return page;
}

}  // namespace

Ranker choose_ranker(const SearchOptions& options, const Expansion& expansion,
                     const LearnedModel* model) {
    if (learned_applies(options, expansion)) return learned_ranker(options, model);
    // Not when no hit is asked for (a count, facets), nor with feedback: a hit found through
    // the feedback terms alone holds none of the query's words.
    const bool rerank = options.rerank_depth > 0 && options.limit > 0 &&
                        options.expand_terms == 0 && options.sort == Sort::Relevance &&
                        expansion.groups.size() >= 2;
    if (!rerank) return {options.offset, options.limit, in_match_order};
    // Re-ranking reads the first rerank_depth documents, and those up to the page's end.
    const std::size_t wanted =
        options.offset +
        std::min(options.limit, std::numeric_limits<std::size_t>::max() - options.offset);
    return {0, std::max(wanted, options.rerank_depth), rerank_head};
}

}  // namespace fahras::detail
