/** @file
 *  @brief Tests of index_sources: a new index by parallel parts, an update in place by one writer,
 * a plain database (index/index_sources.cc).
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

TEST_CASE("a new index is written by parallel parts or one writer; a repeated id replaces") {
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", jsonl(50));
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    // A new generation adds each document whose id the run has not seen (add_document, no
    // look-up of the id): the repeated d0 must still replace its first copy, committed in an
    // earlier batch (7 documents a batch) or not.
    SUBCASE("three parts, merged") { options.threads = 3; }
    SUBCASE("one writer") { options.threads = 1; }
    options.batch_size = 7;
    std::vector<std::string> seen;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document& d) { seen.push_back(d.id); };

    const fahras::IndexStats stats = fahras::index_sources(db, {source}, options, callbacks);
    CHECK(stats.documents == 51);
    CHECK(seen.size() == 51);
    CHECK(stats.index_size == 50);
    CHECK(stats.warnings == 1);  // "line 51: id 'd0' also on line 1, this line replaces it"
    CHECK(ids(db, "مدينة").size() == 50);
    CHECK(ids(db, "قرية") == std::vector<std::string>{"d0"});
    CHECK(ids(db, "\"رقم 0\"").empty());  // the first d0 was replaced
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
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

TEST_CASE("a plain Xapian database from before generations is updated in place, not rebuilt") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "plain").string();
    {
        // A plain database, as fahras wrote them before generations: a generation's files
        // (IndexWriter writes generations now) in the directory itself.
        const std::string index = (dir.path() / "index").string();
        {
            fahras::IndexWriter writer(index, {});
            writer.add({.id = "p1", .title = "", .text = "مدينة قديمة"});
            writer.commit();
        }
        std::filesystem::copy(index + "/gen-000001", db);
    }
    const fahras::IndexStats stats = fahras::index_sources(
        db, {dir.write("b.jsonl", "{\"id\": \"b1\", \"text\": \"مدينة\"}\n")}, {}, {});
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة").size() == 2);
    CHECK_FALSE(std::filesystem::exists(db + "/XAPIANDB"));

    fahras::IndexOptions rebuild;
    rebuild.mode = fahras::OpenMode::Overwrite;
    CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {}, rebuild, {}),
                         ("index '" + db +
                          "' is a plain Xapian database, which cannot be rebuilt atomically: "
                          "move it away and index again")
                             .c_str(),
                         fahras::IndexVersionError);
    CHECK(ids(db, "مدينة").size() == 2);
}
