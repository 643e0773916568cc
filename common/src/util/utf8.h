/** @file
 *  @brief Internal: counting and cutting valid UTF-8 by its bytes (no decoding; validation and
 *  decoding are ICU's, in analysis/utf8.h).
 */
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace fahras::detail {

/** True if @p c is a UTF-8 continuation byte (10xxxxxx): no character begins there. */
[[nodiscard]] constexpr bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/** The number of code points in UTF-8 @p s (its bytes that are not continuation bytes). */
[[nodiscard]] inline std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return !is_utf8_continuation(c); }));
}

/** The code points of UTF-8 @p s, each as its bytes. */
[[nodiscard]] inline std::vector<std::string_view> utf8_code_points(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        while (i + n < s.size() && is_utf8_continuation(s[i + n])) ++n;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

}  // namespace fahras::detail
