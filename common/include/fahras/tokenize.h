/** @file
 *  @brief Splitting normalized text into words: the one tokenizer for documents and queries.
 *
 *  Rewriting a query for the query parser (fahras::query_text) is query preparation:
 *  <fahras/query.h>, which <fahras/search.h> includes.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** Splits text into normalized, case-folded words.
 *
 *  The text is normalized (fahras::normalize), broken into words with ICU's word break
 *  rules, and each word is split further into runs of letters and runs of digits
 *  (145مليون → 145, مليون). Punctuation of both scripts, hyphens, slashes and apostrophes
 *  separate words. Inside a number, ',' is dropped and '.' kept (300,000 → 300000; 2.5).
 *
 *  @param text  UTF-8 (invalid sequences become U+FFFD).
 *  @return the words, in order, UTF-8.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::vector<std::string> tokenize(std::string_view text);

/** The words of @p text joined by single spaces: what the index's term generator reads.
 *
 *  Equal to joining tokenize(text) with ' '.
 */
[[nodiscard]] std::string analysis_text(std::string_view text);

}  // namespace fahras
