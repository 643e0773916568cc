/** @file
 *  @brief Internal: "did you mean": a query as typed, its misspelt free words replaced by the
 *  nearest words of the index's spelling data.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "fahras/analyzer.h"

namespace fahras::detail {

/** "Did you mean": @p query as typed, with each free word whose stem the index lacks replaced
 *  by the nearest word of the index's spelling data whose stem it has (normalized); "" if
 *  none is replaced. Everything else stays as typed: words in a field (title:, source:,
 *  exact:) and words with a wildcard get no suggestion, and the operators, quotes, signs and
 *  parentheses between words are left alone.
 *  @param tokens    @p query analysed by @p analyzer (PreparedQuery::tokens)
 *  @param analyzer  with the index's stemmer */
[[nodiscard]] std::string suggestion(const Xapian::Database& db, const Analyzer& analyzer,
                                     std::string_view query, const std::vector<Token>& tokens);

}  // namespace fahras::detail
