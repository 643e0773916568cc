/** @file
 *  @brief Query preparation: a user's query rewritten for the query parser.
 */
#pragma once

#include <string>
#include <string_view>

namespace fahras {

/** Rewrites a user query into the form the query parser reads.
 *
 *  Words are tokenized exactly as in documents (see tokenize()). Between words only query
 *  syntax survives: double quotes (also “ ” « », which become '"'), parentheses, a '+' or
 *  '-' directly before a word, a '*' directly after one, and a ':' glued to the words on
 *  both sides (a field prefix: title:بوتين). A word with a '*' is put in the field
 *  schema::kStemWildcardField, so that the parser expands it over the index's stems. The operators
 * AND, OR, NOT and XOR are kept when written in capitals; any other word is case-folded.
 *
 *  **Example**: `«الرئيسُ الروسى» -بوت*` → `"الرءيس الروسي" -fahrasstem:بوت*` (stemming is
 *  applied later, by the query parser through the analyzer's stemmer).
 *
 *  @param query  UTF-8.
 *  @return UTF-8, for Xapian::QueryParser.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::string query_text(std::string_view query);

}  // namespace fahras
