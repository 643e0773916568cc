/** @file
 *  @brief Query preparation: the field syntax of a query string (`exact:`, `source:`), the
 *  text the query parser reads, and the one analysis of the query's words.
 */
#include "search/query_prep.h"

#include <algorithm>
#include <string>
#include <utility>

#include "analysis/utf8.h"
#include "fahras/error.h"
#include "fahras/fields.h"
#include "fahras/query.h"
#include "fahras/schema.h"
#include "fahras/search.h"

namespace fahras::detail {

namespace {

constexpr std::string_view kSourceField = "source:";
constexpr std::string_view kExactField = "exact:";

/** The query as the parser reads it: query_text() for the words, and each `source:NAME`
 *  (up to white space or ')') or `source:"NAME"` (with a '+' or '-' before it) passed
 *  through as `source:KEY` with the name's source_name_key(), which query_text() would
 *  split. */
std::string parser_text(std::string_view query) {
    std::string out;
    std::size_t text_start = 0;
    for (std::size_t i = query.find(kSourceField); i != std::string_view::npos;
         i = query.find(kSourceField, i + 1)) {
        if (!at_word_start(query, i)) continue;
        const FieldValue v = field_value(query, i + kSourceField.size());
        // The key as the index holds it (cut and hashed if too long for one term), so that
        // the parser's boolean prefix builds the term IndexWriter wrote.
        std::string key = source_name_key(query.substr(v.start, v.end - v.start));
        if (!key.empty()) key = schema::source_term(key).substr(schema::kPrefixSource.size());
        if (key.empty() || key.find('"') != std::string::npos) continue;
        std::size_t field_start = i;
        if (i > 0 && (query[i - 1] == '+' || query[i - 1] == '-') && i - 1 >= text_start) {
            --field_start;
        }
        out += query_text(query.substr(text_start, field_start - text_start));
        out += ' ';
        out += query.substr(field_start, i - field_start);  // the sign, if any
        out += kSourceField;
        const bool quote = key.find_first_of(" ()") != std::string::npos;
        out += quote ? '"' + key + '"' : key;
        out += ' ';
        text_start = v.next;
        i = v.next - 1;
    }
    out += query_text(query.substr(text_start));
    return out;
}

/** What take_exact() makes of a query. */
struct WithoutExact {
    std::string text;                ///< each exact: field a phrase
    std::vector<std::string> forms;  ///< their written forms, NFC
    std::vector<std::size_t> names;  ///< where each `exact:` taken out stood in the query
};

/** Takes each `exact:"WORDS"` or `exact:WORD` out of @p query: it becomes the phrase "WORDS"
 *  (matched like any phrase, by stem) and its written form, NFC, a form to hold. */
WithoutExact take_exact(std::string_view query) {
    WithoutExact out;
    std::size_t done = 0;
    for (std::size_t i = query.find(kExactField); i != std::string_view::npos;
         i = query.find(kExactField, i + 1)) {
        if (!at_word_start(query, i) || i < done) continue;
        const FieldValue v = field_value(query, i + kExactField.size());
        const std::string_view form = query.substr(v.start, v.end - v.start);
        // Nothing to look for: the field's name alone would be searched as a word.
        if (form.find_first_not_of(" \t\n") == std::string_view::npos) {
            throw QueryError("query '" + std::string(query) + "': exact: needs a word or phrase");
        }
        out.forms.push_back(nfc(form));
        out.names.push_back(i);
        out.text += query.substr(done, i - done);
        out.text += '"';
        out.text += form;
        out.text += '"';
        done = v.next;
        i = v.next - 1;
    }
    out.text += query.substr(done);
    return out;
}

/** True if @p token is the name of an exact: field that take_exact() took out (at one of
 *  @p names). */
bool is_taken_name(const Token& token, const std::vector<std::size_t>& names) {
    return std::any_of(names.begin(), names.end(), [&](std::size_t name) {
        return token.start >= name && token.start < name + kExactField.size();
    });
}

}  // namespace

bool at_word_start(std::string_view query, std::size_t i) {
    return i == 0 || query[i - 1] == ' ' || query[i - 1] == '\t' || query[i - 1] == '\n' ||
           query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-';
}

FieldValue field_value(std::string_view query, std::size_t start) {
    FieldValue v;
    v.start = start;
    if (start < query.size() && query[start] == '"') {
        ++v.start;
        v.end = query.find('"', v.start);
        if (v.end == std::string_view::npos) v.end = query.size();
        v.next = std::min(v.end + 1, query.size());
    } else {
        v.end = query.find_first_of(" \t\n)", start);
        if (v.end == std::string_view::npos) v.end = query.size();
        v.next = v.end;
    }
    return v;
}

bool is_field_name(std::string_view query, const Token& token) {
    return token.end < query.size() && query[token.end] == ':' &&
           at_word_start(query, token.start) &&
           (token.normalized == "title" || token.normalized == "source" ||
            token.normalized == "exact");
}

bool is_operator(const Token& token) {
    return token.surface == "AND" || token.surface == "OR" || token.surface == "NOT" ||
           token.surface == "XOR";
}

namespace {

/** @p query as words only (QuerySyntax::Plain): their normalized forms, lower case (so that
 *  AND, OR are words), are what the parser reads. */
PreparedQuery plain_query(std::string_view query, const Analyzer& analyzer) {
    PreparedQuery prepared;
    prepared.without_exact = std::string(query);
    prepared.tokens = analyzer.analyze(query);
    prepared.words = prepared.tokens;
    std::string words;
    for (const Token& token : prepared.tokens) (words += token.normalized) += ' ';
    prepared.parser_text = query_text(words);
    prepared.blank = query.find_first_not_of(" \t\r\n") == std::string_view::npos;
    return prepared;
}

}  // namespace

void check_query_length(std::string_view query) {
    // Bounds the work of one query (expanding each word into its forms, re-ranking, "did you
    // mean"): kMaxQueryBytes takes any real query, a pasted paragraph included.
    if (query.size() > kMaxQueryBytes) {
        throw QueryError("query is " + std::to_string(query.size()) +
                         " bytes long; the longest query is " + std::to_string(kMaxQueryBytes) +
                         " bytes");
    }
}

PreparedQuery prepare_query(std::string_view query, const Analyzer& analyzer, QuerySyntax syntax) {
    if (syntax == QuerySyntax::Plain) return plain_query(query, analyzer);
    WithoutExact taken = take_exact(query);
    PreparedQuery prepared;
    prepared.parser_text = parser_text(taken.text);
    prepared.without_exact = std::move(taken.text);
    prepared.exact_forms = std::move(taken.forms);
    // The words of the query as typed are those of without_exact but the exact: names: the
    // text of a field is copied, and what take_exact() puts around it ('"') breaks words as
    // the name's ':' and the white space or ')' after a value do.
    prepared.tokens = analyzer.analyze(query);
    for (const Token& token : prepared.tokens) {
        if (!is_taken_name(token, taken.names)) prepared.words.push_back(token);
    }
    prepared.blank = query.find_first_not_of(" \t\r\n") == std::string_view::npos;
    return prepared;
}

}  // namespace fahras::detail
