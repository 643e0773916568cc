/** @file
 *  @brief Word breaking (ICU) and query preparation: one tokenizer for documents and queries.
 */
#include "fahras/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <memory>

#include "analysis/unicode_text.h"
#include "fahras/analyzer.h"
#include "fahras/schema.h"

namespace fahras {

namespace {

/** A word-break iterator per thread: creating one costs far more than breaking a text. */
icu::BreakIterator& word_breaker() {
    thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(
            icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        detail::check_icu(status, "createWordInstance");
        return made;
    }();
    return *breaker;
}

bool is_ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }

bool is_letter_like(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    // ARABIC LETTER HAMZA .. ARABIC LETTER YEH: the common case, all letters.
    if (c >= 0x0621 && c <= 0x064A) return true;
    if (u_isalpha(c)) return true;
    const auto mask = U_GET_GC_MASK(c);
    return (mask & U_GC_M_MASK) != 0;  // combining marks stay with their letter
}

/** True if text[start, limit) is written exactly AND, OR, NOT or XOR. */
bool is_operator(const icu::UnicodeString& text, int32_t start, int32_t limit) {
    const int32_t length = limit - start;
    if (length < 2 || length > 3) return false;
    const icu::UnicodeString word = text.tempSubStringBetween(start, limit);
    return word == u"AND" || word == u"OR" || word == u"NOT" || word == u"XOR";
}

/** True for the code points of the Arabic block (U+0600..U+06FF), which have no case. */
bool is_arabic_block(UChar32 c) { return c >= 0x0600 && c <= 0x06FF; }

/** Appends code point @p c to @p out as UTF-8. */
void append_utf8(std::string& out, UChar32 c) {
    char bytes[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(bytes, length, c);
    out.append(bytes, static_cast<std::size_t>(length));
}

/** Splits one ICU word segment into runs of letters and runs of digits.
 *
 *  Each word's UTF-8 is built as the segment is scanned: ASCII letters are lower-cased and
 *  Arabic-block letters copied (case folding leaves them alone); only a word with any other
 *  letter is case-folded by ICU. @p span is reused from word to word. */
void split_segment(const icu::UnicodeString& text, int32_t start, int32_t limit,
                   detail::WordSpan& span,
                   const std::function<void(const detail::WordSpan&)>& on_word) {
    enum class Run { None, Letters, Digits };
    Run run = Run::None;
    int32_t run_start = start;
    bool needs_folding = false;  // the letter run has letters outside ASCII and Arabic
    std::string& word = span.folded;
    word.clear();

    auto flush = [&](int32_t end) {
        if (run != Run::None && !word.empty()) {
            span.start = run_start;
            span.limit = end;
            span.is_operator = run == Run::Letters && is_operator(text, run_start, end);
            if (span.is_operator) {
                word.clear();
                text.tempSubStringBetween(run_start, end).toUTF8String(word);
            } else if (needs_folding) {
                icu::UnicodeString folded = text.tempSubStringBetween(run_start, end);
                folded.foldCase(U_FOLD_CASE_DEFAULT);
                word.clear();
                folded.toUTF8String(word);
            }
            on_word(span);
        }
        word.clear();
        needs_folding = false;
        run = Run::None;
    };

    for (int32_t i = start; i < limit;) {
        const UChar32 c = text.char32At(i);
        const int32_t next = i + U16_LENGTH(c);
        if (is_ascii_digit(c)) {
            if (run != Run::Digits) {
                flush(i);
                run = Run::Digits;
                run_start = i;
            }
            word += static_cast<char>(c);
        } else if (run == Run::Digits && (c == '.' || c == ',') && next < limit &&
                   is_ascii_digit(text.char32At(next))) {
            // Inside a number: keep the decimal point, drop the thousands separator.
            if (c == '.') word += '.';
        } else if (is_letter_like(c)) {
            if (run != Run::Letters) {
                flush(i);
                run = Run::Letters;
                run_start = i;
            }
            if (c < 0x80) {
                word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            } else {
                if (!is_arabic_block(c)) needs_folding = true;
                append_utf8(word, c);
            }
        } else {
            flush(i);
        }
        i = next;
    }
    flush(limit);
}

}  // namespace

namespace detail {

void for_each_word(const icu::UnicodeString& normalized,
                   const std::function<void(const WordSpan&)>& on_word) {
    icu::BreakIterator& breaker = word_breaker();
    breaker.setText(normalized);
    WordSpan span{0, 0, {}, false};  // one buffer for every word
    int32_t start = breaker.first();
    for (int32_t limit = breaker.next(); limit != icu::BreakIterator::DONE;
         start = limit, limit = breaker.next()) {
        if (breaker.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
        split_segment(normalized, start, limit, span, on_word);
    }
}

}  // namespace detail

std::vector<std::string> tokenize(std::string_view text) {
    std::vector<std::string> words;
    detail::for_each_word(detail::normalize_utf16(text),
                          [&](const detail::WordSpan& w) { words.push_back(w.folded); });
    return words;
}

std::string analysis_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    detail::for_each_word(detail::normalize_utf16(text), [&](const detail::WordSpan& w) {
        if (!out.empty()) out += ' ';
        out += w.folded;
    });
    return out;
}

namespace {

/** The query syntax kept from the characters between two words. */
std::string gap_syntax(const icu::UnicodeString& text, int32_t start, int32_t limit,
                       bool after_word, bool before_word) {
    std::string out;
    for (int32_t i = start; i < limit;) {
        const UChar32 c = text.char32At(i);
        const int32_t next = i + U16_LENGTH(c);
        switch (c) {
            case '"':
            case 0x201C:  // LEFT DOUBLE QUOTATION MARK
            case 0x201D:  // RIGHT DOUBLE QUOTATION MARK
            case 0x00AB:  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
            case 0x00BB:  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
                out += '"';
                break;
            case '(':
            case ')':
                out += static_cast<char>(c);
                break;
            case '+':
            case '-':
                // Only as a prefix of the next word (+must, -mustnot, or a hyphenated word).
                out += (before_word && next == limit) ? static_cast<char>(c) : ' ';
                break;
            case ':':
                // Only as a field prefix glued to both words (title:بوتين).
                out += (after_word && before_word && i == start && next == limit) ? ':' : ' ';
                break;
            case '*':
                // Only as a suffix of the previous word (prefix wildcard).
                out += (after_word && i == start) ? '*' : ' ';
                break;
            default:
                out += ' ';
                break;
        }
        i = next;
    }
    return out;
}

/** Field terms (title:) have no positions, so a hyphenated field word is not a phrase but
 *  its words, each in the field: title:الأمريكية-الروسية is title:الأمريكية title:الروسية. */
void split_field_chains(const std::vector<detail::WordSpan>& words,
                        std::vector<std::string>& gaps) {
    const std::vector<std::string> given = gaps;
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (given[i] != "-") continue;
        std::size_t start = i - 1;
        while (start > 0 && given[start] == "-") --start;
        if (start > 0 && given[start].ends_with(':')) gaps[i] = " " + words[start - 1].folded + ":";
    }
}

/** Phrases are matched without their stop words, which the index holds without positions
 *  (index_writer.cc): empties the folded form of each stop word in a phrase (between quotes
 *  in @p gaps, or joined to the word before by a hyphen) that has another word. A phrase of
 *  stop words alone loses its quotes instead: its words are searched as free words. */
void drop_phrase_stop_words(std::vector<detail::WordSpan>& words, std::vector<std::string>& gaps) {
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
            has_content = has_content || !is_stop_word(words[i].folded);
        }
        if (has_content) {
            for (std::size_t i = first; i <= last; ++i) {
                if (!is_stop_word(words[i].folded)) continue;
                words[i].folded.clear();
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
    const icu::UnicodeString text = detail::normalize_utf16(query);
    std::vector<detail::WordSpan> words;
    detail::for_each_word(text, [&](const detail::WordSpan& w) { words.push_back(w); });

    std::vector<std::string> gaps;  // gaps[i] comes before words[i]; the last one after all
    int32_t gap_start = 0;
    for (std::size_t i = 0; i <= words.size(); ++i) {
        const int32_t gap_limit = i < words.size() ? words[i].start : text.length();
        std::string gap = gap_syntax(text, gap_start, gap_limit, i > 0, i < words.size());
        // Words split out of one segment (145مليون) still need a separator.
        if (gap.empty() && i > 0 && i < words.size()) gap.push_back(' ');
        gaps.push_back(std::move(gap));
        if (i < words.size()) gap_start = words[i].limit;
    }

    split_field_chains(words, gaps);
    drop_phrase_stop_words(words, gaps);

    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].folded.empty()) {  // a stop word dropped from a phrase
            out += gaps[i];
            continue;
        }
        out += gaps[i];
        // The index holds stems only: a prefix wildcard is matched against the stems, through
        // a field whose term prefix is the stems' Z (fields themselves take no wildcard).
        const bool wildcard = gaps[i + 1].starts_with('*') && !gaps[i].ends_with(':');
        if (wildcard) out.append(schema::kStemWildcardField).append(":");
        out += words[i].folded;
    }
    out += gaps.back();
    return out;
}

}  // namespace fahras
