/** @file
 *  @brief Internal: the shortest span of a document's positions that holds each query word
 *  found there, which both the classic re-ranking (rerank.cc) and the learned ranker's
 *  features (features.cc) read.
 */
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

namespace fahras::detail {

/** The shortest run of positions in @p at, (position, word) sorted, that holds each of the
 *  @p present words found there once, of @p words words (two pointers); the largest termpos
 *  if @p at holds fewer than @p present words. */
inline Xapian::termpos shortest_span(const std::vector<std::pair<Xapian::termpos, std::size_t>>& at,
                                     std::size_t words, std::size_t present) {
    std::vector<std::size_t> in_window(words, 0);
    std::size_t covered = 0;
    Xapian::termpos span = std::numeric_limits<Xapian::termpos>::max();
    for (std::size_t lo = 0, hi = 0; hi < at.size(); ++hi) {
        if (in_window[at[hi].second]++ == 0) ++covered;
        while (covered == present) {
            span = std::min(span, at[hi].first - at[lo].first + 1);
            if (--in_window[at[lo].second] == 0) --covered;
            ++lo;
        }
    }
    return span;
}

}  // namespace fahras::detail
