/** @file
 *  @brief Tests of new generations: written by one thread or several, swapped in, the previous one
 * kept a run (index/generation.cc).
 */
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("the same documents give the same index with one thread or several") {
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", jsonl(30));
    fahras::IndexOptions one;
    one.threads = 1;
    fahras::IndexOptions two;
    two.threads = 2;
    const std::string db1 = (dir.path() / "one").string();
    const std::string db2 = (dir.path() / "two").string();
    (void)fahras::index_sources(db1, {source}, one, {});
    (void)fahras::index_sources(db2, {source}, two, {});
    for (const char* query : {"مدينة", "قرية", "رقم"}) {
        CAPTURE(query);
        std::vector<std::string> a = ids(db1, query);
        std::vector<std::string> b = ids(db2, query);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);
    }
}

TEST_CASE("a rebuild writes a new generation, swaps the stub, and keeps the previous one a run") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 2;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(10))}, options, {});
    CHECK(ids(db, "مدينة").size() == 10);

    fahras::IndexOptions rebuild = options;
    rebuild.mode = fahras::OpenMode::Overwrite;
    const std::string b = dir.write("b.jsonl", "{\"id\": \"b1\", \"text\": \"بلدة\"}\n");
    const fahras::IndexStats stats = fahras::index_sources(db, {b}, rebuild, {});
    CHECK(stats.index_size == 1);
    CHECK(ids(db, "بلدة") == std::vector<std::string>{"b1"});
    CHECK(ids(db, "مدينة").empty());
    // The previous generation stays for searchers that opened it before the swap.
    CHECK(entries(db) ==
          std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001", "gen-000002"});
    std::ifstream stub(db + "/XAPIANDB");
    std::string line;
    std::getline(stub, line);
    CHECK(line == "glass gen-000002");

    // The next run within a minute of the swap keeps it too; a later one removes it.
    (void)fahras::index_sources(db, {b}, options, {});
    CHECK(entries(db) ==
          std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001", "gen-000002"});
    std::filesystem::last_write_time(
        db + "/XAPIANDB", std::filesystem::file_time_type::clock::now() - std::chrono::minutes(2));
    (void)fahras::index_sources(db, {b}, options, {});
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000002"});
}
