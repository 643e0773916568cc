/** @file
 *  @brief Internal: UTF-8 validation and ICU status checks.
 */
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <string>

#include "analysis/unicode_text.h"
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

}  // namespace fahras::detail
