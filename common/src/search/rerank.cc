/** @file
 *  @brief Re-ranking by coordination × proximity: the first hits of a free-word query of two
 *  words or more, scored again by how many of its words they hold and how close together.
 */
#include "search/rerank.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <string>
#include <utility>

#include "search/span.h"

namespace fahras::detail {

namespace {

// Re-ranking of a free-word query of two words or more (docs/query.md, "Re-ranking"): the
// first SearchOptions::rerank_depth hits (50) are scored again, times
//   (matched / words)^kCoordinationPower      (a document with more of the query's words ranks
//                                              higher; a word counts when its stem, a form of
//                                              it or its title term matched)
//   × (1 + kProximityWeight × present / span) (the words it matched are close together: span is
//                                              the shortest run of positions holding one of
//                                              each, present the number of words it holds)
// and the best of them are kept. Only the order of those hits changes.
constexpr double kCoordinationPower = 0.5;
constexpr double kProximityWeight = 0.2;

/** For each of @p hits, the terms of @p groups the document holds. One skip through each
 *  term's posting list: Enquire::get_matching_terms reads each document's whole term list,
 *  which doubled the time of a search. */
std::map<Xapian::docid, std::vector<std::string>> held_terms(const Xapian::Database& db,
                                                             std::vector<Xapian::docid> hits,
                                                             const std::vector<WordGroup>& groups) {
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> all;
    for (const WordGroup& group : groups)
        all.insert(all.end(), group.terms.begin(), group.terms.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    std::map<Xapian::docid, std::vector<std::string>> held;
    for (const std::string& term : all) {
        auto post = db.postlist_begin(term);
        for (const Xapian::docid hit : hits) {
            post.skip_to(hit);
            if (post == db.postlist_end(term)) break;
            if (*post == hit) held[hit].push_back(term);
        }
    }
    return held;
}

/** The factor by which re-ranking multiplies the score of @p hit, which holds @p terms of
 *  @p groups (see kCoordinationPower). */
double rerank_factor(const Xapian::Database& db, Xapian::docid hit,
                     const std::vector<std::string>& terms, const std::vector<WordGroup>& groups) {
    // (position, word) of each text term of the query in the document; title terms have none.
    std::vector<std::pair<Xapian::termpos, std::size_t>> at;
    std::size_t matched = 0;
    std::size_t present = 0;
    for (std::size_t w = 0; w < groups.size(); ++w) {
        const std::vector<std::string>& group = groups[w].terms;
        bool match = false;
        bool placed = false;
        for (const std::string& t : terms) {
            if (!std::binary_search(group.begin(), group.end(), t)) continue;
            match = true;
            for (auto p = db.positionlist_begin(hit, t); p != db.positionlist_end(hit, t); ++p) {
                at.emplace_back(*p, w);
                placed = true;
            }
        }
        matched += match;
        present += placed;
    }
    double factor = std::pow(static_cast<double>(matched) / static_cast<double>(groups.size()),
                             kCoordinationPower);
    if (present < 2) return factor;
    std::sort(at.begin(), at.end());
    const Xapian::termpos span = shortest_span(at, groups.size(), present);
    factor *= 1 + kProximityWeight * static_cast<double>(present) / static_cast<double>(span);
    return factor;
}

}  // namespace

std::vector<Candidate> rerank_head(const RankInput& in) {
    const std::vector<WordGroup>& groups = in.expansion.groups;
    const std::size_t depth = std::min<std::size_t>(in.options.rerank_depth, in.mset.size());
    std::vector<Xapian::docid> head;
    for (auto it = in.mset.begin(); head.size() < depth; ++it) head.push_back(*it);
    std::map<Xapian::docid, std::vector<std::string>> held;
    if (depth > 0) held = held_terms(in.db, head, groups);
    std::vector<Candidate> ranked;
    for (auto it = in.mset.begin(); it != in.mset.end(); ++it) {
        const double factor =
            ranked.size() < depth ? rerank_factor(in.db, *it, held[*it], groups) : 1.0;
        ranked.push_back({it, it.get_weight() * factor});
    }
    const auto head_end = ranked.begin() + static_cast<std::ptrdiff_t>(depth);
    std::stable_sort(ranked.begin(), head_end,
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    if (head_end != ranked.end() && head_end->score >= std::prev(head_end)->score &&
        head_end->score > 0) {
        const double scale = std::nextafter(std::prev(head_end)->score, 0.0) / head_end->score;
        for (auto r = head_end; r != ranked.end(); ++r) r->score *= scale;
    }
    return page_of(std::move(ranked), in.options);
}

}  // namespace fahras::detail
