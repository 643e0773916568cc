/** @file
 *  @brief Tests of the library boundary: Xapian's errors leave the library as fahras's
 *  (util/xapian_errors.h).
 */
#include "util/xapian_errors.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <string>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "temp_dir.h"

namespace {

/** Throws @p e, and rethrows it through rethrow_index_error for index 'db'. */
template <class E>
void through_boundary(const E& e) {
    try {
        throw e;
    } catch (...) {
        fahras::detail::rethrow_index_error("db");
    }
}

}  // namespace

TEST_CASE("Xapian's errors become fahras's, with the messages the programs printed") {
    CHECK_THROWS_WITH_AS(through_boundary(Xapian::DatabaseLockError("held")),
                         "index 'db' is locked by another indexer", fahras::IndexLockedError);
    CHECK_THROWS_WITH_AS(through_boundary(Xapian::DatabaseCorruptError("bad block")),
                         "index 'db': DatabaseCorruptError: bad block", fahras::IndexDamagedError);
    CHECK_THROWS_WITH_AS(through_boundary(Xapian::DatabaseError("disk")),
                         "index 'db': DatabaseError: disk", fahras::Error);
    // Anything else passes as it is.
    CHECK_THROWS_WITH_AS(through_boundary(fahras::QueryError("q")), "q", fahras::QueryError);
}

TEST_CASE("a damaged index: the writer and index_sources throw IndexDamagedError, not Xapian's") {
    // See: issue #16 (callers must not need <xapian.h> to catch what the library throws)
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    const std::string source = dir.write("a.jsonl", "{\"id\": \"a\", \"text\": \"نص\"}\n");
    (void)fahras::index_sources(db, {source}, fahras::IndexOptions{}, {});
    std::filesystem::resize_file(dir.path() / "db" / "gen-000001" / "iamglass", 40);
    const std::string message =
        "index '" + db + "': DatabaseCorruptError: Rev file root_info missing";
    CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {source}, fahras::IndexOptions{}, {}),
                         message.c_str(), fahras::IndexDamagedError);
    CHECK_THROWS_WITH_AS(fahras::IndexWriter(db, fahras::IndexOptions{}), message.c_str(),
                         fahras::IndexDamagedError);
}
