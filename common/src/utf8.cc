/** @file
 *  @brief Internal: UTF-8 validation and ICU status checks.
 */
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <string>

#include "fahras/error.h"
#include "unicode_text.h"

namespace fahras::detail {

void check_icu(int status, const char* what) {
    const auto code = static_cast<UErrorCode>(status);
    if (U_FAILURE(code)) {
        throw Error(std::string("ICU ") + what + " failed: " + u_errorName(code));
    }
}

std::optional<std::size_t> sanitize_utf8(std::string& text) {
    std::optional<std::size_t> first_bad;
    std::string clean;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t i = 0;
    std::int32_t copied = 0;  // text[0, copied) is already in `clean`
    while (i < length) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0) continue;
        if (!first_bad) {
            first_bad = static_cast<std::size_t>(start);
            clean.reserve(text.size());
        }
        clean.append(text, copied, start - copied);
        clean += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        copied = i;
    }
    if (first_bad) {
        clean.append(text, copied, std::string::npos);
        text = std::move(clean);
    }
    return first_bad;
}

}  // namespace fahras::detail
