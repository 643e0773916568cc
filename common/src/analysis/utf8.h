/** @file
 *  @brief Internal: ICU's UTF-8 validation and decoding, NFC, and its status checks, behind
 *  functions without ICU types (the subsystems above analysis include no ICU for them).
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fahras::detail {

/** Throws fahras::Error naming @p what if @p status (an ICU UErrorCode) is a failure:
 *  `ICU WHAT failed: U_ERROR_NAME`. */
void check_icu(int status, const char* what);

/** Byte offset of the first invalid UTF-8 sequence in @p text, or nullopt if it is valid. */
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/** Replaces every invalid UTF-8 sequence in @p text with U+FFFD.
 *  @return the byte offset of the first invalid sequence, or nullopt if there was none. */
std::optional<std::size_t> sanitize_utf8(std::string& text);

/** The code point of UTF-8 @p text at byte @p i, moving @p i past it; a negative value for
 *  an invalid sequence (@p i then past its bytes). @p i must be below text.size(). */
[[nodiscard]] std::int32_t next_code_point(std::string_view text, std::size_t& i);

/** The NFC of UTF-8 @p text: the same written form, whatever order its marks were typed in
 *  (an invalid sequence becomes U+FFFD).
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] std::string nfc(std::string_view text);

}  // namespace fahras::detail
