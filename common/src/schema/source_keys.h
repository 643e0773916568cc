/** @file
 *  @brief Internal: the key of a SOURCE's path (schema::kPrefixSourcePathKey).
 */
#pragma once

#include <string>
#include <string_view>

namespace fahras::detail {

/** The key of the SOURCE at @p absolute_path (as fahras-index resolves it: absolute and
 *  lexically normal): the 64-bit FNV-1a hash of its bytes in 16 hex digits (util/hash.h),
 *  the same on every build. Its documents carry schema::kPrefixSourcePathKey + key and the
 *  key in schema::kSlotSourcePathKey; schema::kMetaSourcePrefix + key records the SOURCE. */
[[nodiscard]] std::string source_path_key(std::string_view absolute_path);

}  // namespace fahras::detail
