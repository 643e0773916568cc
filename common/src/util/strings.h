/** @file
 *  @brief Internal: ASCII white space in text (the space, tab, line breaks, form feed).
 */
#pragma once

#include <string_view>

namespace fahras::detail {

/** The white space that readers and fields trim: " \t\r\n\v\f". */
inline constexpr std::string_view kAsciiSpace = " \t\r\n\v\f";

/** @p s without the ASCII white space around it. */
[[nodiscard]] inline std::string_view trim_space(std::string_view s) {
    const auto first = s.find_first_not_of(kAsciiSpace);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kAsciiSpace) - first + 1);
}

/** True if @p s is empty or ASCII white space only. */
[[nodiscard]] inline bool is_blank(std::string_view s) {
    return s.find_first_not_of(kAsciiSpace) == std::string_view::npos;
}

}  // namespace fahras::detail
