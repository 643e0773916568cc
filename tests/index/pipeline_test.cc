/** @file
 *  @brief Tests of the writing threads of a run: commits by batch (index/pipeline.cc).
 */
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("an update commits every batch_bytes bytes of text, whatever batch_size says") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", lines({0}))}, options, {});
    // Each document is committed (visible to a reader) before on_document reports it, if and
    // only if a commit came after it: batch_size alone would commit at the end only.
    options.batch_size = 0;
    std::vector<unsigned> visible;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document&) {
        visible.push_back(Xapian::Database(db).get_doccount());
    };
    const std::string b = dir.write("b.jsonl", lines({1, 2, 3, 4}));
    SUBCASE("a byte limit below one document: a commit after each") {
        options.batch_bytes = 1;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{2, 3, 4, 5});
    }
    SUBCASE("a byte limit of two documents' text (\"مدينة رقم K\": 19 bytes each)") {
        options.batch_bytes = 38;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{1, 3, 3, 5});
    }
    SUBCASE("no byte limit: the end only") {
        options.batch_bytes = 0;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{1, 1, 1, 1});
    }
}
