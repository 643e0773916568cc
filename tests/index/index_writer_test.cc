/** @file
 *  @brief Tests of the public IndexWriter: the directory's lock, a new generation made live at
 * commit (index/index_writer.cc).
 */
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/error.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("regression: #15 an IndexWriter holds the index directory's lock against every writer") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(3));
    (void)fahras::index_sources(db, {a}, {}, {});
    const std::string locked = "index '" + db + "' is locked by another indexer";
    {
        fahras::IndexWriter writer(db, {});
        writer.add({.id = "w1", .title = "", .text = "مدينة الكاتب"});
        writer.commit();
        CHECK_THROWS_WITH_AS(fahras::IndexWriter(db, {}), locked.c_str(), fahras::IndexLockedError);
        fahras::IndexOptions rebuild;
        rebuild.mode = fahras::OpenMode::Overwrite;
        CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {a}, rebuild, {}), locked.c_str(),
                             fahras::IndexLockedError);
        CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {a}, {}, {}), locked.c_str(),
                             fahras::IndexLockedError);
    }
    // The writer's commit stayed, in the generation that was live: no rebuild swapped it out.
    CHECK(ids(db, "الكاتب") == std::vector<std::string>{"w1"});
    CHECK(stub_line(db) == "glass gen-000001");
}

TEST_CASE("regression: #15 a Xapian lock held by another program is an IndexLockedError") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(3))}, {}, {});
    // A writer that knows nothing of fahras.lock (xapian-compact, an older fahras).
    const Xapian::WritableDatabase other(db + "/gen-000001", Xapian::DB_OPEN);
    CHECK_THROWS_WITH_AS(fahras::IndexWriter(db, {}),
                         ("index '" + db + "' is locked by another writer").c_str(),
                         fahras::IndexLockedError);
}

TEST_CASE(
    "regression: #15 IndexWriter with OpenMode::Overwrite makes its generation live at commit") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(3))}, {}, {});
    fahras::IndexOptions overwrite;
    overwrite.mode = fahras::OpenMode::Overwrite;
    {
        fahras::IndexWriter writer(db, overwrite);
        writer.add({.id = "new", .title = "", .text = "بلدة جديدة"});
        // Not committed: not live, nor visible.
        CHECK(stub_line(db) == "glass gen-000001");
        CHECK(ids(db, "مدينة").size() == 3);
        CHECK(ids(db, "بلدة").empty());
        // Destroyed without a commit: the new generation goes.
    }
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
    {
        fahras::IndexWriter writer(db, overwrite);
        writer.add({.id = "new", .title = "", .text = "بلدة جديدة"});
        writer.commit();
        CHECK(stub_line(db) == "glass gen-000002");
        CHECK(ids(db, "بلدة") == std::vector<std::string>{"new"});
        CHECK(ids(db, "مدينة").empty());
        // Later commits go into the live generation in place.
        writer.add({.id = "newer", .title = "", .text = "بلدة أخرى"});
        writer.commit();
        CHECK(stub_line(db) == "glass gen-000002");
        CHECK(ids(db, "بلدة").size() == 2);
    }
    // A first writer of a new directory writes the layout too.
    const std::string fresh = (dir.path() / "fresh").string();
    {
        fahras::IndexWriter writer(fresh, {});
        writer.add({.id = "f", .title = "", .text = "بلدة"});
        writer.commit();
    }
    CHECK(stub_line(fresh) == "glass gen-000001");
    CHECK(entries(fresh) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
}
