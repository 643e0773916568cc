/** @file
 *  @brief Character-level normalization of Arabic text (ICU NFKC plus Arabic folding).
 */
#include "fahras/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "analysis/unicode_text.h"
#include "fahras/error.h"

namespace fahras {

namespace {

constexpr UChar32 kDelete = U_SENTINEL;

/** What one code point of NFKC text becomes: itself, another code point, or nothing. */
UChar32 fold_code_point(UChar32 c) {
    switch (c) {
        case 0x0640:  // ARABIC TATWEEL
        case 0x0670:  // ARABIC LETTER SUPERSCRIPT ALEF
            return kDelete;
        case 0x0622:        // ARABIC LETTER ALEF WITH MADDA ABOVE
        case 0x0623:        // ARABIC LETTER ALEF WITH HAMZA ABOVE
        case 0x0625:        // ARABIC LETTER ALEF WITH HAMZA BELOW
        case 0x0671:        // ARABIC LETTER ALEF WASLA
        case 0x0672:        // ARABIC LETTER ALEF WITH WAVY HAMZA ABOVE
        case 0x0673:        // ARABIC LETTER ALEF WITH WAVY HAMZA BELOW
            return 0x0627;  // ARABIC LETTER ALEF
        case 0x0649:        // ARABIC LETTER ALEF MAKSURA
        case 0x06CC:        // ARABIC LETTER FARSI YEH
        case 0x06D0:        // ARABIC LETTER E
        case 0x06D2:        // ARABIC LETTER YEH BARREE
        case 0x06D3:        // ARABIC LETTER YEH BARREE WITH HAMZA ABOVE
            return 0x064A;  // ARABIC LETTER YEH
        case 0x0629:        // ARABIC LETTER TEH MARBUTA
        case 0x06C3:        // ARABIC LETTER TEH MARBUTA GOAL
        case 0x06C0:        // ARABIC LETTER HEH WITH YEH ABOVE
        case 0x06C1:        // ARABIC LETTER HEH GOAL
        case 0x06C2:        // ARABIC LETTER HEH GOAL WITH HAMZA ABOVE
        case 0x06BE:        // ARABIC LETTER HEH DOACHASHMEE
        case 0x06D5:        // ARABIC LETTER AE
            return 0x0647;  // ARABIC LETTER HEH
        case 0x0624:        // ARABIC LETTER WAW WITH HAMZA ABOVE
        case 0x0626:        // ARABIC LETTER YEH WITH HAMZA ABOVE
            return 0x0621;  // ARABIC LETTER HAMZA: the seat is spelling, the hamza the letter
        case 0x06A9:        // ARABIC LETTER KEHEH
        case 0x06AA:        // ARABIC LETTER SWASH KAF
            return 0x0643;  // ARABIC LETTER KAF
        case 0x066B:        // ARABIC DECIMAL SEPARATOR
            return '.';
        case 0x066C:  // ARABIC THOUSANDS SEPARATOR
            return ',';
        default:
            break;
    }
    // The common cases first: ASCII, and ARABIC LETTER HAMZA .. ARABIC LETTER YEH.
    if (c < 0x80 || (c >= 0x0621 && c <= 0x064A)) return c;
    // ARABIC FATHATAN .. ARABIC WAVY HAMZA BELOW: the harakat and other combining marks.
    if (c >= 0x064B && c <= 0x065F) return kDelete;
    // ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF MAKSURA .. ARABIC SMALL LOW MEEM:
    // Qur'anic annotation signs.
    if (c >= 0x06D6 && c <= 0x06ED) return kDelete;
    // ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK,
    // ARABIC LETTER MARK, SOFT HYPHEN, ZERO WIDTH NO-BREAK SPACE and the rest: invisible.
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return kDelete;
    if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
        return '0' + u_charDigitValue(c);  // any script's digits become ASCII
    }
    return c;
}

/** True if the marks that follow position @p i include ARABIC LETTER SUPERSCRIPT ALEF.
 *  In Qur'anic spelling a waw carrying it is read, and written in modern spelling, as alef:
 *  ٱلصَّلَوٰة is الصلاة, ٱلزَّكَوٰة is الزكاة. */
bool carries_superscript_alef(const icu::UnicodeString& text, int32_t i) {
    for (; i < text.length(); ++i) {
        const char16_t mark = text.charAt(i);
        if (mark == 0x0670) return true;                   // ARABIC LETTER SUPERSCRIPT ALEF
        if (mark < 0x064B || mark > 0x065F) return false;  // past the harakat
    }
    return false;
}

/** True if the next letter after position @p i, past any harakat, is ARABIC LETTER HAMZA.
 *  Old print and keyboards write the seat ئ as a dotless yeh followed by the hamza
 *  (الطوارىء, شاطىء, لاجىء for الطوارئ, شاطئ, لاجئ): that yeh is the seat, not a letter. */
bool hamza_follows(const icu::UnicodeString& text, int32_t i) {
    for (; i < text.length(); ++i) {
        const char16_t next = text.charAt(i);
        if (next == 0x0621) return true;                   // ARABIC LETTER HAMZA
        if (next < 0x064B || next > 0x065F) return false;  // past the harakat
    }
    return false;
}

}  // namespace

namespace detail {

namespace {

/** Appends the Arabic folding of NFKC text @p composed to @p folded (empty), calling
 *  @p on_append(i) for each code unit appended from the code point at @p composed[i]. */
template <class OnAppend>
void fold_into(const icu::UnicodeString& composed, icu::UnicodeString& folded, OnAppend on_append) {
    // Folding maps each code point to at most one: the result is never longer. Code units
    // are written straight into the result's buffer.
    const int32_t length = composed.length();
    char16_t* out = folded.getBuffer(std::max<int32_t>(length, 1));
    if (out == nullptr) throw Error("ICU getBuffer failed: out of memory");
    int32_t written = 0;
    const char16_t* in = composed.getBuffer();
    for (int32_t i = 0; i < length;) {
        const int32_t at = i;
        UChar32 c;
        U16_NEXT(in, i, length, c);
        UChar32 mapped = fold_code_point(c);
        if (c == 0x0648 && carries_superscript_alef(composed, i)) {  // ARABIC LETTER WAW
            mapped = 0x0627;                                         // ARABIC LETTER ALEF
        } else if (c == 0x0649 && hamza_follows(composed, i)) {      // ARABIC LETTER ALEF MAKSURA
            mapped = kDelete;
        }
        if (mapped != kDelete) {
            const int32_t before = written;
            U16_APPEND_UNSAFE(out, written, mapped);
            for (int32_t k = before; k < written; ++k) on_append(at);
        }
    }
    folded.releaseBuffer(written);
}

}  // namespace

icu::UnicodeString normalize_utf16(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    check_icu(status, "getNFKCInstance");
    // fromUTF8 turns each invalid UTF-8 sequence into U+FFFD REPLACEMENT CHARACTER.
    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // Most text is already in NFKC: check (fast) before copying.
    const bool is_nfkc = nfkc->isNormalized(source, status);
    check_icu(status, "NFKC check");
    icu::UnicodeString normalized;
    if (!is_nfkc) {
        normalized = nfkc->normalize(source, status);
        check_icu(status, "NFKC normalize");
    }
    icu::UnicodeString folded;
    fold_into(is_nfkc ? source : normalized, folded, [](int32_t) {});
    return folded;
}

icu::UnicodeString normalize_utf16(std::string_view text, std::vector<ByteSpan>& source) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    check_icu(status, "getNFKCInstance");
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    const auto next_code_point = [&](int32_t& i) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        return c < 0 ? 0xFFFD : c;  // REPLACEMENT CHARACTER for an invalid sequence
    };
    // NFKC, one chunk at a time: a chunk runs up to the next code point with a normalization
    // boundary before it, so the chunks' normalizations make the text's, and every code unit
    // of the result comes from one chunk of the input.
    icu::UnicodeString composed;
    std::vector<ByteSpan> composed_source;
    for (int32_t i = 0; i < length;) {
        const int32_t chunk_start = i;
        icu::UnicodeString chunk;
        chunk.append(next_code_point(i));
        for (int32_t peek = i; i < length; i = peek) {
            const UChar32 c = next_code_point(peek);
            if (nfkc->hasBoundaryBefore(c)) break;
            chunk.append(c);
        }
        const icu::UnicodeString normalized = nfkc->normalize(chunk, status);
        check_icu(status, "NFKC normalize");
        composed.append(normalized);
        composed_source.insert(
            composed_source.end(), static_cast<std::size_t>(normalized.length()),
            {static_cast<std::size_t>(chunk_start), static_cast<std::size_t>(i)});
    }
    icu::UnicodeString folded;
    source.clear();
    fold_into(composed, folded, [&](int32_t at) { source.push_back(composed_source[at]); });
    return folded;
}

}  // namespace detail

std::string normalize(std::string_view text) {
    std::string out;
    detail::normalize_utf16(text).toUTF8String(out);
    return out;
}

}  // namespace fahras
