/** @file
 *  @brief Sharded indexes: which documents a shard holds, and merging shards into one index.
 */
#include "fahras/shard.h"

#include <xapian.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <system_error>

#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/schema.h"
#include "index/index_dir.h"
#include "index/variants.h"
#include "schema/metadata.h"
#include "util/hash.h"
#include "util/xapian_errors.h"

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

/** Opens @p path (a fahras index, or a stub listing one) and checks it was analyzed by this
 *  library, with the stemmer @p stemmer (set from the first shard if empty). */
Xapian::Database open_shard(const std::string& path, std::string& stemmer) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw Error("cannot open shard '" + path + "': no such file or directory");
    }
    Xapian::Database db;
    try {
        db = Xapian::Database(path);
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error("cannot open shard '" + path + "': " + e.get_msg());
    }
    const detail::RecordedAnalysis recorded = detail::recorded_analysis(db);
    const std::string subject = "shard '" + path + "'";
    detail::check_analyzer_version(recorded,
                                   {.subject = subject,
                                    .program = "fahras-index",
                                    .not_fahras = subject + " is not a fahras index",
                                    .other_version = "rebuild the shard with this fahras-index",
                                    .newer_version = "merge it with that fahras"});
    if (stemmer.empty()) {
        stemmer = recorded.stemmer;
    } else {
        detail::check_same_stemmer(recorded, stemmer, "the first shard", subject);
    }
    return db;
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

MergeStats merge_indexes(const std::string& path, const std::vector<std::string>& shards,
                         Existing existing) try {
    const auto started = std::chrono::steady_clock::now();
    if (shards.empty()) throw Error("no shards to merge into '" + path + "'");
    std::string stemmer;
    Xapian::Database all;
    std::vector<Xapian::Database> parts;
    std::error_code ec;
    for (const std::string& shard : shards) {
        if (std::filesystem::equivalent(shard, path, ec)) {
            throw Error("cannot merge into '" + path + "': it is one of the shards");
        }
        parts.push_back(open_shard(shard, stemmer));
        all.add_database(parts.back());
    }
    // Compaction keeps every document: two shards holding one id would give it twice.
    const std::string ids(schema::kPrefixId);
    for (auto t = all.allterms_begin(ids); t != all.allterms_end(ids); ++t) {
        if (t.get_termfreq() < 2) continue;
        std::vector<std::string> holders;
        for (std::size_t k = 0; k < parts.size(); ++k) {
            if (parts[k].term_exists(*t)) holders.push_back("'" + shards[k] + "'");
        }
        // The id from its slot: a long id's term holds only its beginning and a hash.
        const std::string id = all.get_document(*all.postlist_begin(*t)).get_value(schema::kSlotId);
        throw Error("document '" + id + "' is in shards " + holders[0] + " and " + holders[1] +
                    ": merge shards of different documents (fahras-index --shard I/N)");
    }

    // The merged index is a new generation of the index directory, put in place by one
    // rename(2) once complete (docs/index-layout.md), as fahras-index --rebuild does.
    const detail::IndexDir dir(path);
    dir.clean();
    if (dir.plain()) {
        throw IndexVersionError("index '" + path +
                                "' is a plain Xapian database, which cannot be replaced "
                                "atomically: move it away and merge again");
    }
    if (!dir.current().empty() && existing == Existing::Refuse) {
        throw Error("'" + path +
                    "' holds an index: give --rebuild to replace it with the merged "
                    "index");
    }
    const std::string generation = dir.create_generation();
    MergeStats stats;
    stats.shards = shards.size();
    try {
        // Metadata keys present in several shards keep the first shard's value: the analyzer
        // version and stemmer, checked equal above.
        all.compact(generation);
        detail::fault_point("merge");
        Xapian::WritableDatabase db = detail::open_writable(generation, Xapian::DB_OPEN, path);
        detail::update_variants(db);
        db.commit();
        stats.documents = db.get_doccount();
        db.close();
        dir.publish(generation);
    } catch (...) {
        dir.discard(generation);
        throw;
    }
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
} catch (...) {
    detail::rethrow_index_error(path);
}

}  // namespace fahras
