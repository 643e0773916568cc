/** @file
 *  @brief Internal: a query string as the search reads it: the syntax of its fields (`exact:`,
 *  `source:`, `title:`), the text the query parser reads, and the one analysis of its words
 *  that the later steps share.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/search.h"

namespace fahras::detail {

/** Where a field's value lies in a query: `FIELD"VALUE"` (to the closing quote, or the end)
 *  or `FIELDVALUE` (to white space or ')'). */
struct FieldValue {
    std::size_t start = 0;  ///< first byte of the value
    std::size_t end = 0;    ///< one past its last byte
    std::size_t next = 0;   ///< one past the field (after a closing quote)
};

/** True if the field name at @p i of @p query starts a word (after space, '(', '+' or '-'). */
[[nodiscard]] bool at_word_start(std::string_view query, std::size_t i);

/** The value of the field whose name ends at @p start of @p query. */
[[nodiscard]] FieldValue field_value(std::string_view query, std::size_t start);

/** True if @p token of @p query names a field: `title:`, `source:` or `exact:` (any case, as
 *  query_text() folds it) at the start of a word, the colon right after it. */
[[nodiscard]] bool is_field_name(std::string_view query, const Token& token);

/** True if @p token is the boolean operator AND, OR, NOT or XOR (in capitals only). */
[[nodiscard]] bool is_operator(const Token& token);

/** @throws fahras::QueryError if @p query is longer than kMaxQueryBytes. */
void check_query_length(std::string_view query);

/** A query as typed, prepared for the search: what the parser reads, the written forms of
 *  its `exact:` fields, and its words, analysed once (Analyzer::analyze of the query as
 *  typed), for the checks, "did you mean" and --explain. All strings UTF-8. */
struct PreparedQuery {
    /** The query with each `exact:"WORDS"` or `exact:WORD` made the phrase "WORDS". */
    std::string without_exact;
    /** The written forms of the exact: fields, NFC, that a document must hold. */
    std::vector<std::string> exact_forms;
    /** What Xapian::QueryParser reads: query_text() of the words, each `source:NAME` as
     *  `source:KEY`. */
    std::string parser_text;
    /** Every word of the query as typed, its offsets in it: what "did you mean" rewrites. */
    std::vector<Token> tokens;
    /** The words searched for: those of `tokens` but the names of the exact: fields (the
     *  words of without_exact). */
    std::vector<Token> words;
    /** True if the query is nothing but white space. */
    bool blank = false;
};

/** Takes the exact: fields out of @p query, rewrites it for the parser and analyses its
 *  words with @p analyzer. With QuerySyntax::Plain the query is words only: the parser reads
 *  them (normalized), and nothing is a field, an operator, a phrase or a wildcard.
 *  @throws fahras::QueryError if an `exact:` has nothing after it.
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] PreparedQuery prepare_query(std::string_view query, const Analyzer& analyzer,
                                          QuerySyntax syntax = QuerySyntax::Full);

}  // namespace fahras::detail
