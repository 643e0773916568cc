/** @file
 *  @brief Tests of the spelling-variant groups of an index (index/variants.cc).
 */
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("regression: #15 a run that changes nothing rewrites variant groups left stale") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl",
                                    "{\"id\": \"n1\", \"text\": \"ترامب في موسكو\"}\n"
                                    "{\"id\": \"n2\", \"text\": \"ترامب في واشنطن\"}\n");
    (void)fahras::index_sources(db, {a}, {}, {});
    // Documents committed without the variant groups rewritten after them: what a run
    // killed after its last commit leaves (fault_points_test.sh kills one there).
    {
        fahras::IndexWriter writer(db, {});
        writer.add({.id = "v1", .title = "", .text = "ترمب في باريس"});
        writer.commit();
    }
    CHECK(ids(db, "ترمب") == std::vector<std::string>{"v1"});
    CHECK(Xapian::Database(db).get_metadata("fahras:variants-stale") == "1");
    const fahras::IndexStats stats = fahras::index_sources(db, {a}, {}, {});
    CHECK(stats.added + stats.updated + stats.removed == 0);
    std::vector<std::string> found = ids(db, "ترمب");
    std::sort(found.begin(), found.end());
    CHECK(found == std::vector<std::string>{"n1", "n2", "v1"});
    CHECK(Xapian::Database(db).get_metadata("fahras:variants-stale").empty());
}
