/** @file
 *  @brief Internal: UTF-8 validation and decoding, NFC, and ICU status checks.
 */
#include "analysis/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <string>

#include "fahras/error.h"

namespace fahras::detail {

void check_icu(int status, const char* what) {
    const auto code = static_cast<UErrorCode>(status);
    if (U_FAILURE(code)) {
        throw Error(std::string("ICU ") + what + " failed: " + u_errorName(code));
    }
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::optional<std::size_t> sanitize_utf8(std::string& text) {
    const std::optional<std::size_t> first_bad = first_invalid_utf8(text);
    if (!first_bad) return first_bad;
    std::string clean;
    clean.reserve(text.size());
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    auto i = static_cast<std::int32_t>(*first_bad);
    std::int32_t copied = 0;  // text[0, copied) is already in `clean`
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) continue;
        clean.append(text, copied, start - copied);
        clean += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        copied = i;
    }
    clean.append(text, copied, std::string::npos);
    text = std::move(clean);
    return first_bad;
}

std::int32_t next_code_point(std::string_view text, std::size_t& i) {
    UChar32 c = 0;
    auto at = static_cast<std::int32_t>(i);
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), at,
            static_cast<std::int32_t>(text.size()), c);
    i = static_cast<std::size_t>(at);
    return c;
}

std::string nfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
    check_icu(status, "getNFCInstance");
    const icu::UnicodeString out =
        normalizer->normalize(icu::UnicodeString::fromUTF8(
                                  icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))),
                              status);
    check_icu(status, "NFC normalize");
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

}  // namespace fahras::detail
