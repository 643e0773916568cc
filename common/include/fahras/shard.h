/** @file
 *  @brief Sharded indexes: which documents a shard holds, and merging shards into one index.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** One part of a collection split by document id (fahras-index --shard I/N). */
struct ShardSpec {
    std::size_t index = 0;  ///< which part, from 0 to count - 1
    std::size_t count = 1;  ///< into how many parts the collection is split (1: whole)

    /** True if this part holds the document with id @p id (shard_of). */
    [[nodiscard]] bool holds(std::string_view id) const;
};

/** The shard, from 0 to @p count - 1, of the document with id @p id: the 64-bit FNV-1a hash
 *  of the id's bytes (UTF-8, as given), modulo @p count. The same on every platform and
 *  build, so machines that each index one shard of the same sources split them alike.
 *  @p count must be at least 1. */
[[nodiscard]] std::size_t shard_of(std::string_view id, std::size_t count);

/** Parses `I/N` (0 <= I < N, N <= 1024), e.g. "0/4".
 *  @throws fahras::Error naming @p text if it is anything else. */
[[nodiscard]] ShardSpec parse_shard(std::string_view text);

/** What merge_indexes() does when an index already exists where it writes. */
enum class Existing {
    Refuse,   ///< stop with an error, leaving it as it is
    Replace,  ///< replace it with the merged index
};

/** What merge_indexes() did. */
struct MergeStats {
    std::size_t shards = 0;     ///< indexes merged
    std::size_t documents = 0;  ///< documents in the merged index
    double seconds = 0.0;
};

/** Merges fahras indexes holding different documents (the shards of one collection) into
 *  the index directory @p path, by Xapian compaction (as xapian-compact does): documents,
 *  spelling data (frequencies added up) and the analyzer's metadata are kept, and the
 *  spelling-variant groups are rebuilt over the merged vocabulary.
 *
 *  The merged index is a new generation of @p path, made live once complete as
 *  index_sources() does with OpenMode::Overwrite (docs/index-layout.md); an index already
 *  there is replaced only with Existing::Replace.
 *
 *  @throws fahras::IndexVersionError if a shard is not a fahras index, was built with
 *          another analyzer version than this library's, or with another stemmer than the
 *          first shard; or if @p path is a plain Xapian database.
 *  @throws fahras::IndexLockedError if an indexer holds @p path.
 *  @throws fahras::Error if a shard cannot be opened, two shards hold the same document id,
 *          or @p path holds an index and @p existing is Existing::Refuse.
 *  @throws fahras::Error `index 'PATH': ...` on a failure of Xapian's (IndexDamagedError if it
 *          finds a database damaged).
 */
[[nodiscard]] MergeStats merge_indexes(const std::string& path,
                                       const std::vector<std::string>& shards, Existing existing);

}  // namespace fahras
