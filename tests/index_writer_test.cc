/** @file
 *  @brief Tests of index_sources: parallel shards for a new index, one writer for updates.
 */
#include "fahras/index_writer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fahras/search.h"
#include "temp_dir.h"

namespace {

/** A JSONL source of @p count documents "d0".."dN-1" that mention the word "مدينة"; the
 *  last line repeats id "d0" with other text. */
std::string jsonl(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"مدينة رقم " +
               std::to_string(i) + "\"}\n";
    }
    out += "{\"id\": \"d0\", \"text\": \"قرية بدلا من مدينة\"}\n";
    return out;
}

std::vector<std::string> ids(const std::string& db, const std::string& query) {
    const fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.limit = 100;
    std::vector<std::string> out;
    for (const fahras::Hit& hit : searcher.search(query, options).hits) out.push_back(hit.id);
    return out;
}

}  // namespace

TEST_CASE("a new index is written by parallel shards and merged; a repeated id replaces") {
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", jsonl(50));
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 3;
    options.batch_size = 7;
    std::vector<std::string> seen;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document& d) { seen.push_back(d.id); };

    const fahras::IndexStats stats = fahras::index_sources(db, {source}, options, callbacks);
    CHECK(stats.documents == 51);
    CHECK(seen.size() == 51);
    CHECK(stats.index_size == 50);
    CHECK(stats.warnings == 0);
    CHECK(ids(db, "مدينة").size() == 50);
    CHECK(ids(db, "قرية") == std::vector<std::string>{"d0"});
    CHECK(ids(db, "\"رقم 0\"").empty());  // the first d0 was replaced
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK_FALSE(std::filesystem::exists(db + ".fahras-shard-" + std::to_string(k)));
    }
    CHECK_FALSE(std::filesystem::exists(db + ".fahras-merged"));
    CHECK_FALSE(std::filesystem::exists(db + ".fahras-old"));
}

TEST_CASE("an index that holds documents is updated in place by one writer") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 2;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(10))}, options, {});
    const fahras::IndexStats stats = fahras::index_sources(
        db, {dir.write("b.jsonl", "{\"id\": \"d5\", \"text\": \"بلدة\"}\n")}, options, {});
    CHECK(stats.documents == 1);
    CHECK(stats.index_size == 10);
    CHECK(ids(db, "بلدة") == std::vector<std::string>{"d5"});
    CHECK(ids(db, "مدينة").size() == 9);
}

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
