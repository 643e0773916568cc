/** @file
 *  @brief Splitting normalized text into words: the one tokenizer for documents and queries.
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

/** Rewrites a user query into the form the query parser reads.
 *
 *  Words are tokenized exactly as in documents (see tokenize()). Between words only query
 *  syntax survives: double quotes (also “ ” « », which become '"'), parentheses, a '+' or
 *  '-' directly before a word, a '*' directly after one, and a ':' glued to the words on
 *  both sides (a field prefix: title:بوتين). A word with a '*' is put in the field
 *  schema::kStemWildcardField, so that the parser expands it over the index's stems. The operators
 * AND, OR, NOT and XOR are kept when written in capitals; any other word is case-folded.
 *
 *  **Example**: `«الرئيسُ الروسى» -بوت*` → `"الرييس الروسي" -fahrasstem:بوت*` (stemming is
 *  applied later, by the query parser through the analyzer's stemmer).
 *
 *  @param query  UTF-8.
 *  @return UTF-8, for Xapian::QueryParser.
 */
[[nodiscard]] std::string query_text(std::string_view query);

}  // namespace fahras
