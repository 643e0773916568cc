/** @file
 *  @brief 64-bit FNV-1a (Fowler, Noll, Vo), the hash behind shard_of and long id terms: the
 *  same value on every platform and build, so that indexes and shard plans stay portable.
 */
#pragma once

#include <cstdint>
#include <string_view>

namespace fahras::detail {

/** The 64-bit FNV-1a hash of @p bytes (http://www.isthe.com/chongo/tech/comp/fnv/). */
constexpr std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;  // offset basis
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;  // FNV prime
    }
    return hash;
}

}  // namespace fahras::detail
