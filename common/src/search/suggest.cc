/** @file
 *  @brief "Did you mean": spelling suggestions for the free words of a query that the index
 *  lacks, from the index's spelling data.
 */
#include "search/suggest.h"

#include "schema/terms.h"
#include "search/query_prep.h"
#include "util/utf8.h"

namespace fahras::detail {

namespace {

// Words of this many letters or fewer get spelling suggestions one edit away, not two.
constexpr std::size_t kShortWord = 4;

// "Did you mean" looks up at most this many query words that the index lacks, or none: a
// lookup costs up to a tenth of a second (a word of 32 letters, 70,108 news articles), and a
// query with more unknown words is a pasted text or a list of names, not a typo (issue #15:
// 250 such words took 29 s).
constexpr std::size_t kMaxMisspeltWords = 8;

/** The free words of @p query (@p tokens) whose stem the index lacks, if there are at most
 *  kMaxMisspeltWords of them; none otherwise. Only words the index could hold (up to
 *  kMaxWordBytes) count: spelling correction is costly. */
std::vector<const Token*> missing_words(const Xapian::Database& db, std::string_view query,
                                        const std::vector<Token>& tokens) {
    std::vector<const Token*> missing;
    std::size_t field_end = 0;  // one past the value of the last field met
    for (const Token& token : tokens) {
        if (token.start < field_end) continue;
        if (is_field_name(query, token)) {
            field_end = field_value(query, token.end + 1).next;
            continue;
        }
        const bool wildcard = token.end < query.size() && query[token.end] == '*';
        if (wildcard || is_operator(token) || token.stop_word == StopWord::Yes ||
            token.normalized.size() > kMaxWordBytes || db.term_exists(text_term(token.stem))) {
            continue;
        }
        missing.push_back(&token);
        if (missing.size() > kMaxMisspeltWords) return {};
    }
    return missing;
}

}  // namespace

// Xapian's own correction would also rewrite words the index has, since its terms are stems
// (كاس → كان): only words missing altogether are corrected.
std::string suggestion(const Xapian::Database& db, const Analyzer& analyzer, std::string_view query,
                       const std::vector<Token>& tokens) {
    std::string out;
    std::size_t done = 0;  // bytes of the query copied to out
    bool changed = false;
    for (const Token* token : missing_words(db, query, tokens)) {
        // Two edits are too many for a short word: they reach unrelated words.
        const unsigned edits = utf8_length(token->normalized) <= kShortWord ? 1 : 2;
        const std::string fixed = db.get_spelling_suggestion(token->normalized, edits);
        if (fixed.empty() || !db.term_exists(text_term(analyzer.stem(fixed)))) continue;
        out.append(query.substr(done, token->start - done));
        out += fixed;
        done = token->end;
        changed = true;
    }
    if (!changed) return {};
    out.append(query.substr(done));
    return out;
}

}  // namespace fahras::detail
