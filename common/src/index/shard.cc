/** @file
 *  @brief Sharded indexes: which documents a shard (`--shard I/N`) holds.
 */
#include "fahras/shard.h"

#include <charconv>
#include <system_error>

#include "fahras/error.h"
#include "util/hash.h"

namespace fahras {

namespace {

// More shards than this is a typing error rather than a cluster.
constexpr std::size_t kMaxShards = 1024;

/** Parses a decimal count, the whole of @p text. */
bool parse_count(std::string_view text, std::size_t& value) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

bool ShardSpec::holds(std::string_view id) const { return shard_of(id, count) == index; }

std::size_t shard_of(std::string_view id, std::size_t count) {
    return count <= 1 ? 0 : static_cast<std::size_t>(detail::fnv1a64(id) % count);
}

ShardSpec parse_shard(std::string_view text) {
    ShardSpec spec;
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || !parse_count(text.substr(0, slash), spec.index) ||
        !parse_count(text.substr(slash + 1), spec.count) || spec.count == 0 ||
        spec.count > kMaxShards || spec.index >= spec.count) {
        throw Error("shard '" + std::string(text) + "' is not I/N with 0 <= I < N <= " +
                    std::to_string(kMaxShards) + " (e.g. 0/4)");
    }
    return spec;
}

}  // namespace fahras
