/** @file
 *  @brief Searcher::document: a document's stored fields and whole text by its id.
 */
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::Ids;
using fahras::test::write_index;

}  // namespace

TEST_CASE("document() returns a document's stored fields and whole text by its id") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // An id of 400 Arabic letters (800 bytes) is indexed under a cut and hashed term.
    std::string long_id;
    for (int i = 0; i < 400; ++i) long_id += "ب";
    const std::string text = "استقبل الرَّئِيسُ الروسي\nفلاديمير بوتين نظيره في موسكو.";
    write_index(path, {{.id = "okaz-1",
                        .title = "بوتين يستقبل نظيره",
                        .text = text,
                        .date = "2015-07-21 02:51:32",
                        .source = "saudinewsnet/okaz",
                        .url = "https://example.org/okaz/1"},
                       {.id = long_id, .title = "", .text = "نص"}});
    const fahras::Searcher searcher(path);
    const std::optional<fahras::StoredDocument> doc = searcher.document("okaz-1");
    REQUIRE(doc.has_value());
    CHECK(doc->id == "okaz-1");
    CHECK(doc->title == "بوتين يستقبل نظيره");
    CHECK(doc->text == text);  // as written: diacritics and line break kept
    CHECK(doc->date == "2015-07-21 02:51:32");
    CHECK(doc->source == "saudinewsnet/okaz");
    CHECK(doc->url == "https://example.org/okaz/1");

    const std::optional<fahras::StoredDocument> long_one = searcher.document(long_id);
    REQUIRE(long_one.has_value());
    CHECK(long_one->id == long_id);
    CHECK(long_one->text == "نص");
    CHECK(long_one->title.empty());
    CHECK(long_one->date.empty());

    // Ids match exactly: not a prefix, not another case, not the cut id of the term.
    const std::vector<std::string> absent_ids = {
        "okaz", "OKAZ-1", "okaz-1 ", "", "missing", long_id.substr(0, long_id.size() - 2)};
    for (const std::string& absent : absent_ids) {
        CAPTURE(absent);
        CHECK_FALSE(searcher.document(absent).has_value());
    }
}

TEST_CASE("document() reads the index as it is now") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {{.id = "a", .title = "", .text = "قديم"}});
    const fahras::Searcher searcher(path);
    CHECK_FALSE(searcher.document("b").has_value());
    {
        fahras::IndexWriter writer(path, {});
        writer.add({.id = "a", .title = "", .text = "جديد"});
        writer.add({.id = "b", .title = "", .text = "ثان"});
        writer.commit();
    }
    REQUIRE(searcher.document("b").has_value());
    CHECK(searcher.document("a")->text == "جديد");
}
