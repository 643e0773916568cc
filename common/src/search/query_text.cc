/** @file
 *  @brief Query preparation: a user's query rewritten for the query parser, its words broken
 *  and normalized as the analyzer breaks a document's, query syntax alone between them.
 */
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/words.h"
#include "fahras/analyzer.h"
#include "fahras/query.h"
#include "fahras/schema.h"
#include "util/utf8.h"

namespace fahras {

namespace {

/** The quotation marks that the query syntax reads as '"'. */
constexpr std::string_view kQuotes[] = {
    "\"",
    "\u201C",  // LEFT DOUBLE QUOTATION MARK
    "\u201D",  // RIGHT DOUBLE QUOTATION MARK
    "\u00AB",  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
    "\u00BB",  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
};

/** The query syntax kept of code point @p c of the text between two words: itself (or '"'),
 *  or a space. @p first, @p last: it begins, ends the text between the words. */
char gap_char(std::string_view c, bool first, bool last, bool after_word, bool before_word) {
    if (std::find(std::begin(kQuotes), std::end(kQuotes), c) != std::end(kQuotes)) return '"';
    if (c.size() != 1) return ' ';
    switch (c.front()) {
        case '(':
        case ')':
            return c.front();
        case '+':
        case '-':
            // Only as a prefix of the next word (+must, -mustnot, or a hyphenated word).
            return before_word && last ? c.front() : ' ';
        case ':':
            // Only as a field prefix glued to both words (title:بوتين).
            return after_word && before_word && first && last ? ':' : ' ';
        case '*':
            // Only as a suffix of the previous word (prefix wildcard).
            return after_word && first ? '*' : ' ';
        default:
            return ' ';
    }
}

/** The query syntax kept from @p gap, the text between two words: a character for each of
 *  its code points. */
std::string gap_syntax(std::string_view gap, bool after_word, bool before_word) {
    const std::vector<std::string_view> chars = detail::utf8_code_points(gap);
    std::string out;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        out += gap_char(chars[i], i == 0, i + 1 == chars.size(), after_word, before_word);
    }
    return out;
}

/** Field terms (title:) have no positions, so a hyphenated field word is not a phrase but
 *  its words, each in the field: title:الأمريكية-الروسية is title:الأمريكية title:الروسية. */
void split_field_chains(const std::vector<std::string>& words, std::vector<std::string>& gaps) {
    const std::vector<std::string> given = gaps;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (given[i] != "-") continue;
        std::size_t start = i - 1;
        while (start > 0 && given[start] == "-") --start;
        if (start > 0 && given[start].ends_with(':')) gaps[i] = " " + words[start - 1] + ":";
    }
}

/** Phrases are matched without their stop words, which the index holds without positions
 *  (index_writer.cc): empties each stop word in a phrase (between quotes
 *  in @p gaps, or joined to the word before by a hyphen) that has another word. A phrase of
 *  stop words alone loses its quotes instead: its words are searched as free words. */
void drop_phrase_stop_words(std::vector<std::string>& words, std::vector<std::string>& gaps) {
    // Which phrase each word belongs to: the count of phrases begun so far, or 0 for none.
    std::vector<std::size_t> phrase(words.size(), 0);
    std::size_t phrases = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool was_quoted = quoted;
        for (const char c : gaps[i]) quoted = c == '"' ? !quoted : quoted;
        if (quoted) {
            phrase[i] = was_quoted && gaps[i].find('"') == std::string::npos ? phrases : ++phrases;
        } else if (i > 0 && gaps[i] == "-") {
            phrase[i] = phrase[i - 1] != 0 ? phrase[i - 1] : (phrase[i - 1] = ++phrases);
        }
    }
    for (std::size_t p = 1; p <= phrases; ++p) {
        std::size_t first = words.size();
        std::size_t last = 0;
        bool has_content = false;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (phrase[i] != p) continue;
            first = std::min(first, i);
            last = i;
            has_content = has_content || !is_stop_word(words[i]);
        }
        if (has_content) {
            for (std::size_t i = first; i <= last; ++i) {
                if (!is_stop_word(words[i])) continue;
                words[i].clear();
                // Keep hyphen chains joined (A-في-B is A-B) and never leave a hyphen before a
                // word where it would read as "must not" (في-غزة is غزة).
                const bool joined = gaps[i] == "-";
                if (joined) gaps[i].clear();
                if (!joined && gaps[i + 1] == "-") gaps[i + 1] = " ";
            }
            continue;
        }
        // Stop words alone: the opening quote is the last one before the first word, the
        // closing one the first after the last word; hyphens become spaces.
        if (const auto open = gaps[first].rfind('"'); open != std::string::npos) {
            gaps[first][open] = ' ';
        }
        if (const auto close = gaps[last + 1].find('"'); close != std::string::npos) {
            gaps[last + 1][close] = ' ';
        }
        for (std::size_t i = first + 1; i <= last; ++i) {
            if (gaps[i] == "-") gaps[i] = " ";
        }
    }
}

}  // namespace

std::string query_text(std::string_view query) {
    detail::WordsAndGaps text = detail::words_and_gaps(query);
    std::vector<std::string>& words = text.words;
    std::vector<std::string> gaps;  // gaps[i] comes before words[i]; the last one after all
    for (std::size_t i = 0; i <= words.size(); ++i) {
        std::string gap = gap_syntax(text.gaps[i], i > 0, i < words.size());
        // Words split out of one segment (145مليون) still need a separator.
        if (gap.empty() && i > 0 && i < words.size()) gap.push_back(' ');
        gaps.push_back(std::move(gap));
    }

    split_field_chains(words, gaps);
    drop_phrase_stop_words(words, gaps);

    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].empty()) {  // a stop word dropped from a phrase
            out += gaps[i];
            continue;
        }
        out += gaps[i];
        // The index holds stems only: a prefix wildcard is matched against the stems, through
        // a field whose term prefix is the stems' Z (fields themselves take no wildcard).
        const bool wildcard = gaps[i + 1].starts_with('*') && !gaps[i].ends_with(':');
        if (wildcard) out.append(schema::kStemWildcardField).append(":");
        out += words[i];
    }
    out += gaps.back();
    return out;
}

}  // namespace fahras
