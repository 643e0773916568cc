/** @file
 *  @brief Tests of an index directory: what a killed run left, a stub fahras did not write
 * (index/index_dir.cc).
 */
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("a run removes what a killed run left: unfinished generations, parts, temp stubs") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(5));
    (void)fahras::index_sources(db, {a}, {}, {});
    // Unfinished, as a killed run leaves them: marked as fahras's own from their creation.
    (void)dir.write("index/gen-000002/postlist.glass", "half written");
    (void)dir.write("index/gen-000002/fahras-unfinished", "");
    (void)dir.write("index/gen-000003.shard-1/termlist.glass", "half written");
    (void)dir.write("index/gen-000003.shard-1/fahras-unfinished", "");
    (void)dir.write("index/XAPIANDB.tmp", "glass gen-000002\n");
    // Not provably fahras's: the operator's own, whatever their names.
    (void)dir.write("index/notes.txt", "the operator's own file");
    (void)dir.write("index/gen-000004.shard-0/notes.txt", "no marker");
    const fahras::IndexStats stats = fahras::index_sources(db, {a}, {}, {});
    CHECK(stats.index_size == 5);
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001",
                                                  "gen-000004.shard-0", "notes.txt"});
}

TEST_CASE("a stub that fahras did not write is an error, and nothing is deleted") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)dir.write("index/XAPIANDB", "remote localhost:3000\n");
    CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {}, {}, {}),
                         ("index '" + db + "': stub file '" + db +
                          "/XAPIANDB' is not the one line 'glass gen-NNNNNN' that fahras "
                          "writes: make it name the live generation, and list remote shards in "
                          "a stub file of your own outside the index directory; nothing was "
                          "deleted")
                             .c_str(),
                         fahras::Error);
    CHECK(std::filesystem::exists(db + "/XAPIANDB"));
}
