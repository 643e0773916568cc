/** @file
 *  @brief Merging fahras indexes, the shards of one collection, into one index
 *  (merge_indexes).
 */
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <system_error>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/shard.h"
#include "index/generation.h"
#include "index/index_dir.h"
#include "schema/metadata.h"
#include "util/xapian_errors.h"

namespace fahras {

namespace {

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

/** The shards to merge, opened and checked (open_shard). */
struct Shards {
    Xapian::Database all;                ///< all of them, as one database
    std::vector<Xapian::Database> each;  ///< each, in the order named
};

Shards open_shards(const std::string& path, const std::vector<std::string>& names) {
    if (names.empty()) throw Error("no shards to merge into '" + path + "'");
    std::string stemmer;
    Shards shards;
    std::error_code ec;
    for (const std::string& name : names) {
        if (std::filesystem::equivalent(name, path, ec)) {
            throw Error("cannot merge into '" + path + "': it is one of the shards");
        }
        shards.each.push_back(open_shard(name, stemmer));
        shards.all.add_database(shards.each.back());
    }
    return shards;
}

/** @throws fahras::Error if two of @p shards (named @p names) hold the same document id:
 *  compaction keeps every document, and would give it twice. */
void check_distinct_ids(const Shards& shards, const std::vector<std::string>& names) {
    const Xapian::Database& all = shards.all;
    const std::string ids(schema::kPrefixId);
    for (auto t = all.allterms_begin(ids); t != all.allterms_end(ids); ++t) {
        if (t.get_termfreq() < 2) continue;
        std::vector<std::string> holders;
        for (std::size_t k = 0; k < shards.each.size(); ++k) {
            if (shards.each[k].term_exists(*t)) holders.push_back("'" + names[k] + "'");
        }
        // The id from its slot: a long id's term holds only its beginning and a hash.
        const std::string id = all.get_document(*all.postlist_begin(*t)).get_value(schema::kSlotId);
        throw Error("document '" + id + "' is in shards " + holders[0] + " and " + holders[1] +
                    ": merge shards of different documents (fahras-index --shard I/N)");
    }
}

/** @throws fahras::IndexVersionError if @p dir is a plain database; fahras::Error if it
 *  holds an index and @p existing refuses to replace it. */
void check_target(const detail::IndexDir& dir, Existing existing) {
    const std::string& path = dir.path();
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
}

}  // namespace

MergeStats merge_indexes(const std::string& path, const std::vector<std::string>& shards,
                         Existing existing) try {
    const auto started = std::chrono::steady_clock::now();
    Shards opened = open_shards(path, shards);
    check_distinct_ids(opened, shards);
    // The merged index is a new generation of the index directory, put in place by one
    // rename(2) once complete (docs/index-layout.md), as fahras-index --rebuild does.
    const detail::IndexDir dir(path);
    dir.clean();
    check_target(dir, existing);
    detail::NewGeneration generation(dir);
    MergeStats stats;
    stats.shards = shards.size();
    // Metadata keys present in several shards keep the first shard's value: the analyzer
    // version and stemmer, checked equal above.
    opened.all.compact(generation.path());
    detail::fault_point("merge");
    stats.documents = generation.publish(path).documents;
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
} catch (...) {
    detail::rethrow_index_error(path);
}

}  // namespace fahras
