/** @file
 *  @brief The one stable hash of fahras, 64-bit FNV-1a (Fowler, Noll, Vo), and its one text
 *  form, 16 lower-case hex digits: the same value on every platform and build, so that what
 *  an index stores (long id and source terms, content hashes, source path keys) and shard
 *  plans stay portable.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fahras::detail {

/** The 64-bit FNV-1a hash of @p bytes (http://www.isthe.com/chongo/tech/comp/fnv/). */
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;  // offset basis
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;  // FNV prime
    }
    return hash;
}

/** The number of hex digits of hex64(). */
inline constexpr std::size_t kHex64Digits = 16;

/** @p value as 16 lower-case hex digits, with leading zeros (`printf("%016llx")`). */
[[nodiscard]] inline std::string hex64(std::uint64_t value) {
    constexpr std::string_view kDigits = "0123456789abcdef";
    std::string out(kHex64Digits, '0');
    for (std::size_t i = kHex64Digits; i-- > 0; value >>= 4) out[i] = kDigits[value & 0xF];
    return out;
}

/** hex64(fnv1a64(@p bytes)): how a hash is written into an index. */
[[nodiscard]] inline std::string fnv1a64_hex(std::string_view bytes) {
    return hex64(fnv1a64(bytes));
}

}  // namespace fahras::detail
