/** @file
 *  @brief The Arabic analyzer: stemmer choice and the per-word entry point.
 */
#include "fahras/analyzer.h"

#include <xapian.h>

#include "analysis/unicode_text.h"
#include "analysis/words.h"
#include "fahras/error.h"
#include "fahras/tokenize.h"

namespace fahras {

namespace {

/** True if @p word is already what tokenize() returns: ASCII lower-case letters and digits,
 *  '.', or Arabic letters that normalization leaves alone. Most words are, and skip ICU. */
bool is_normalized_word(std::string_view word) {
    for (std::size_t i = 0; i < word.size();) {
        const auto b = static_cast<unsigned char>(word[i]);
        if (b < 0x80) {
            if (!detail::is_ascii_word_byte(b)) return false;
            ++i;
            continue;
        }
        if ((b != 0xD8 && b != 0xD9) || i + 1 >= word.size()) return false;
        const unsigned cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(word[i + 1]) & 0x3Fu);
        switch (cp) {
            case 0x0622:  // ARABIC LETTER ALEF WITH MADDA ABOVE
            case 0x0623:  // ARABIC LETTER ALEF WITH HAMZA ABOVE
            case 0x0624:  // ARABIC LETTER WAW WITH HAMZA ABOVE
            case 0x0625:  // ARABIC LETTER ALEF WITH HAMZA BELOW
            case 0x0626:  // ARABIC LETTER YEH WITH HAMZA ABOVE
            case 0x0629:  // ARABIC LETTER TEH MARBUTA
            case 0x0640:  // ARABIC TATWEEL
            case 0x0649:  // ARABIC LETTER ALEF MAKSURA
                return false;
            default:
                break;
        }
        // ARABIC LETTER HAMZA .. ARABIC LETTER YEH; everything else may need normalizing.
        if (cp < 0x0621 || cp > 0x064A) return false;
        i += 2;
    }
    return true;
}

std::string snowball_stem(const std::string& word) {
    // Xapian::Stem keeps per-call state: one per thread.
    thread_local Xapian::Stem snowball("arabic");
    return snowball(word);
}

}  // namespace

StemmerKind parse_stemmer_kind(std::string_view name) {
    if (name == "light") return StemmerKind::Light;
    if (name == "snowball") return StemmerKind::Snowball;
    if (name == "none") return StemmerKind::None;
    throw Error("unknown stemmer '" + std::string(name) + "' (use light, snowball or none)");
}

std::string_view to_string(StemmerKind kind) noexcept {
    switch (kind) {
        case StemmerKind::Light:
            return "light";
        case StemmerKind::Snowball:
            return "snowball";
        case StemmerKind::None:
            break;
    }
    return "none";
}

std::string Analyzer::stem(std::string_view word) const {
    std::string normalized;
    if (is_normalized_word(word)) {
        normalized = word;
    } else {
        // A raw word, e.g. from MSet::snippet reading the original text.
        std::vector<std::string> words = tokenize(word);
        if (words.empty()) return {};
        normalized = std::move(words.front());
    }
    switch (kind_) {
        case StemmerKind::Light:
            return light_stem(normalized);
        case StemmerKind::Snowball:
            return snowball_stem(normalized);
        case StemmerKind::None:
            break;
    }
    return normalized;
}

std::vector<std::string> Analyzer::terms(std::string_view text) const {
    std::vector<std::string> out;
    for (const std::string& word : tokenize(text)) {
        if (!is_stop_word(word)) out.push_back(stem(word));
    }
    return out;
}

std::vector<Token> Analyzer::analyze(std::string_view text) const {
    std::vector<detail::ByteSpan> source;
    const icu::UnicodeString normalized = detail::normalize_utf16(text, source);
    // Words first, stems after: stemming and the stop-word list may break words themselves,
    // with the same (per-thread) break iterator.
    std::vector<detail::WordSpan> words;
    detail::for_each_word(normalized, [&](const detail::WordSpan& w) { words.push_back(w); });
    std::vector<Token> tokens;
    tokens.reserve(words.size());
    for (detail::WordSpan& word : words) {
        Token token;
        token.start = source[static_cast<std::size_t>(word.start)].begin;
        token.end = source[static_cast<std::size_t>(word.limit - 1)].end;
        token.surface = text.substr(token.start, token.end - token.start);
        token.stem = stem(word.folded);
        token.stop_word = is_stop_word(word.folded) ? StopWord::Yes : StopWord::No;
        token.normalized = std::move(word.folded);
        tokens.push_back(std::move(token));
    }
    return tokens;
}

}  // namespace fahras
