/** @file
 *  @brief Tests of sharding (shard_of, parse_shard; index/shard.cc) and searching a stub of
 *  shards.
 */
#include "fahras/shard.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("shard_of is 64-bit FNV-1a of the id's bytes, modulo the shard count") {
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector).
    CHECK(fahras::shard_of("a", 1000) == 0xaf63dc4c8601ec8cULL % 1000);
    CHECK(fahras::shard_of("a", 7) == 5);
    // "" hashes to the offset basis, 0xcbf29ce484222325.
    CHECK(fahras::shard_of("", 1000) == 0xcbf29ce484222325ULL % 1000);
    CHECK(fahras::shard_of("anything", 1) == 0);
    const fahras::ShardSpec spec{.index = 5, .count = 7};
    CHECK(spec.holds("a"));
    CHECK_FALSE((fahras::ShardSpec{.index = 4, .count = 7}.holds("a")));
    CHECK(fahras::ShardSpec{}.holds("any id at all"));
}

TEST_CASE("parse_shard reads I/N and refuses anything else") {
    const fahras::ShardSpec spec = fahras::parse_shard("3/4");
    CHECK(spec.index == 3);
    CHECK(spec.count == 4);
    for (const char* bad : {"4/4", "0/0", "1", "a/b", "-1/2", "1/2/3", "0/1025", " 0/2", ""}) {
        CAPTURE(bad);
        CHECK_THROWS_WITH_AS(
            (void)fahras::parse_shard(bad),
            ("shard '" + std::string(bad) + "' is not I/N with 0 <= I < N <= 1024 (e.g. 0/4)")
                .c_str(),
            fahras::Error);
    }
}

TEST_CASE("a stub of shards searches them as one index, each shard's version checked") {
    const fahras::test::TempDir dir;
    write_index((dir.path() / "a").string(), {{.id = "putin", .title = "", .text = "بوتين"}});
    write_index((dir.path() / "b").string(), {{.id = "both", .title = "", .text = "بوتين ترامب"}});
    write_old_index((dir.path() / "old").string());

    // Relative paths are relative to the stub's directory.
    const std::string stub = dir.write("shards.stub", "# two shards\nauto a\nauto b\n");
    const fahras::Searcher searcher(stub);
    CHECK(searcher.document_count() == 2);
    CHECK(ids(searcher, "ترامب") == std::vector<std::string>{"both"});

    // Xapian alone reads a stub's metadata from its first shard: the old one would pass.
    const std::string mixed = dir.write("mixed.stub", "auto a\nauto old\n");
    CHECK_THROWS_WITH_AS(
        fahras::Searcher{mixed},
        ("index '" + mixed +
         "', shard 'auto old' was built with analyzer version 0, this "
         "fahras-search uses version " +
         std::to_string(fahras::kAnalyzerVersion) + ": rebuild it with this fahras-index")
            .c_str(),
        fahras::IndexVersionError);

    const std::string missing = dir.write("missing.stub", "auto a\nauto nothere\n");
    CHECK_THROWS_WITH_AS(
        fahras::Searcher{missing},
        ("cannot open index '" + missing + "', shard 'auto nothere': no such file or directory")
            .c_str(),
        fahras::Error);
    const std::string empty = dir.write("empty.stub", "# nothing yet\n");
    CHECK_THROWS_WITH_AS(fahras::Searcher{empty},
                         ("cannot open index '" + empty + "': its stub lists no database").c_str(),
                         fahras::Error);
}

TEST_CASE("an index directory's own stub names the directory in errors, not its generation") {
    const fahras::test::TempDir dir;
    const std::string index = (dir.path() / "index").string();
    std::filesystem::create_directories(index);
    write_old_index((dir.path() / "index" / "gen-000001").string());
    (void)dir.write("index/XAPIANDB", "glass gen-000001\n");
    CHECK_THROWS_WITH_AS(fahras::Searcher{index},
                         ("index '" + index +
                          "' was built with analyzer version 0, this fahras-search uses version " +
                          std::to_string(fahras::kAnalyzerVersion) +
                          ": re-run fahras-index --rebuild --db '" + index + "' SOURCE...")
                             .c_str(),
                         fahras::IndexVersionError);
}
