/** @file
 *  @brief Word breaking (ICU): one tokenizer for documents and queries.
 */
#include "fahras/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <memory>

#include "analysis/unicode_text.h"
#include "analysis/words.h"

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

enum class RunKind { None, Letters, Digits };

/** The run of letters or of digits that split_segment is building. */
struct Run {
    RunKind kind = RunKind::None;
    int32_t start = 0;
    bool needs_folding = false;  // a letter run with letters outside ASCII and Arabic
};

/** Hands the word of @p run, text[run.start, end), built in span.folded, to @p on_word (if
 *  there is one), case-folded by ICU if it needs it, and ends the run. */
void end_run(const icu::UnicodeString& text, int32_t end, Run& run, detail::WordSpan& span,
             const std::function<void(const detail::WordSpan&)>& on_word) {
    std::string& word = span.folded;
    if (run.kind != RunKind::None && !word.empty()) {
        span.start = run.start;
        span.limit = end;
        span.is_operator = run.kind == RunKind::Letters && is_operator(text, run.start, end);
        if (span.is_operator) {
            word.clear();
            text.tempSubStringBetween(run.start, end).toUTF8String(word);
        } else if (run.needs_folding) {
            icu::UnicodeString folded = text.tempSubStringBetween(run.start, end);
            folded.foldCase(U_FOLD_CASE_DEFAULT);
            word.clear();
            folded.toUTF8String(word);
        }
        on_word(span);
    }
    word.clear();
    run.needs_folding = false;
    run.kind = RunKind::None;
}

/** Splits one ICU word segment into runs of letters and runs of digits.
 *
 *  Each word's UTF-8 is built as the segment is scanned: ASCII letters are lower-cased and
 *  Arabic-block letters copied (case folding leaves them alone); only a word with any other
 *  letter is case-folded by ICU. @p span is reused from word to word. */
void split_segment(const icu::UnicodeString& text, int32_t start, int32_t limit,
                   detail::WordSpan& span,
                   const std::function<void(const detail::WordSpan&)>& on_word) {
    Run run{RunKind::None, start, false};
    std::string& word = span.folded;
    word.clear();
    const auto begin_run = [&](RunKind kind, int32_t at) {
        if (run.kind == kind) return;
        end_run(text, at, run, span, on_word);
        run.kind = kind;
        run.start = at;
    };
    for (int32_t i = start; i < limit;) {
        const UChar32 c = text.char32At(i);
        const int32_t next = i + U16_LENGTH(c);
        if (is_ascii_digit(c)) {
            begin_run(RunKind::Digits, i);
            word += static_cast<char>(c);
        } else if (run.kind == RunKind::Digits && (c == '.' || c == ',') && next < limit &&
                   is_ascii_digit(text.char32At(next))) {
            // Inside a number: keep the decimal point, drop the thousands separator.
            if (c == '.') word += '.';
        } else if (is_letter_like(c)) {
            begin_run(RunKind::Letters, i);
            if (c < 0x80) {
                word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            } else {
                if (!is_arabic_block(c)) run.needs_folding = true;
                append_utf8(word, c);
            }
        } else {
            end_run(text, i, run, span, on_word);
        }
        i = next;
    }
    end_run(text, limit, run, span, on_word);
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

namespace detail {

WordList analysis_words(std::string_view text) {
    WordList out;
    out.reserve(text.size());
    for_each_word(normalize_utf16(text), [&](const WordSpan& w) { out.push_back(w.folded); });
    return out;
}

WordsAndGaps words_and_gaps(std::string_view text) {
    const icu::UnicodeString normalized = normalize_utf16(text);
    WordsAndGaps out;
    int32_t gap_start = 0;
    const auto add_gap = [&](int32_t limit) {
        normalized.tempSubStringBetween(gap_start, limit).toUTF8String(out.gaps.emplace_back());
    };
    for_each_word(normalized, [&](const WordSpan& w) {
        add_gap(w.start);
        out.words.push_back(w.folded);
        gap_start = w.limit;
    });
    add_gap(normalized.length());
    return out;
}

}  // namespace detail

}  // namespace fahras
