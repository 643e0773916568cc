/** @file
 *  @brief Tests of merge_indexes: shards of one collection into one index (index/merge.cc).
 */
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "fahras/shard.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("merge_indexes joins shards into one index that answers like them") {
    const fahras::test::TempDir dir;
    const std::string a = (dir.path() / "a").string();
    const std::string b = (dir.path() / "b").string();
    const std::string out = (dir.path() / "out").string();
    write_index(a, {{.id = "putin", .title = "", .text = "بوتين بوتين في موسكو"},
                    {.id = "trump", .title = "", .text = "ترامب في واشنطن"}});
    write_index(b, {{.id = "both", .title = "", .text = "بوتين يلتقي ترامب"}});

    const fahras::MergeStats stats = fahras::merge_indexes(out, {a, b}, fahras::Existing::Refuse);
    CHECK(stats.shards == 2);
    CHECK(stats.documents == 3);
    const fahras::Searcher merged(out);
    CHECK(merged.document_count() == 3);
    CHECK(ids(merged, "بوتين") == std::vector<std::string>{"putin", "both"});
    CHECK(ids(merged, "ترامب") == std::vector<std::string>{"trump", "both"});

    CHECK_THROWS_WITH_AS(
        (void)fahras::merge_indexes(out, {a, b}, fahras::Existing::Refuse),
        ("'" + out + "' holds an index: give --rebuild to replace it with the merged index")
            .c_str(),
        fahras::Error);
    CHECK(fahras::merge_indexes(out, {b}, fahras::Existing::Replace).documents == 1);
    CHECK(fahras::Searcher(out).document_count() == 1);
}

TEST_CASE("merge_indexes refuses shards that cannot be merged") {
    const fahras::test::TempDir dir;
    const std::string a = (dir.path() / "a").string();
    const std::string old = (dir.path() / "old").string();
    const std::string out = (dir.path() / "out").string();
    write_index(a, {{.id = "putin", .title = "", .text = "بوتين"}});
    write_old_index(old);

    CHECK_THROWS_WITH_AS(
        (void)fahras::merge_indexes(out, {a, old}, fahras::Existing::Refuse),
        ("shard '" + old + "' was built with analyzer version 0, this fahras-index uses version " +
         std::to_string(fahras::kAnalyzerVersion) + ": rebuild the shard with this fahras-index")
            .c_str(),
        fahras::IndexVersionError);
    CHECK_THROWS_WITH_AS((void)fahras::merge_indexes(out, {a, a}, fahras::Existing::Refuse),
                         ("document 'putin' is in shards '" + a + "' and '" + a +
                          "': merge shards of different documents (fahras-index --shard I/N)")
                             .c_str(),
                         fahras::Error);
    CHECK_FALSE(std::filesystem::exists(out));  // nothing is created before the checks
}
