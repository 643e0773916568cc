/** @file
 *  @brief Tests of what a document's analysis gives the index: its day
 * (index/analyzed_document.cc).
 */
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("regression: #15 RFC 2822 and day-first dates are filed by day; the undated counted") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const auto record = [](const char* id, const char* date) {
        return std::string("{\"id\": \"") + id + "\", \"text\": \"مدينة\", \"date\": \"" + date +
               "\"}\n";
    };
    const std::string news = dir.write(
        "news.jsonl",
        record("iso", "2015-07-21 02:51:32") + record("rfc", "Sun, 18 Feb 2018 17:21:49 GMT") +
            record("offset", "Sun, 18 Feb 2018 21:35:43 +0400") + record("dmy", "17/05/2015") +
            record("bad", "05/17/2015") + "{\"id\": \"none\", \"text\": \"مدينة\"}\n");
    Warnings w;
    const fahras::IndexStats stats = fahras::index_sources(db, {news}, {}, w.callbacks());
    CHECK(stats.index_size == 6);
    CHECK(stats.undated == 2);
    CHECK(w.lines == std::vector<std::string>{
                         in_quotes(news) +
                         " line 5: date '05/17/2015' not understood (use ISO 8601 YYYY-MM-DD), "
                         "document indexed undated"});

    const fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.since = "2018";
    std::vector<std::string> since_2018 = ids(searcher.search("مدينة", options));
    std::sort(since_2018.begin(), since_2018.end());
    CHECK(since_2018 == std::vector<std::string>{"offset", "rfc"});
    options.since = "2015-05";
    options.until = "2015-05";
    CHECK(ids(searcher.search("مدينة", options)) == std::vector<std::string>{"dmy"});
    fahras::SearchOptions facets;
    facets.facets = {fahras::Facet::Month};
    const fahras::SearchResult result = searcher.search("مدينة", facets);
    REQUIRE(result.facets.size() == 1);
    CHECK(result.facets[0].counts.size() == 3);  // 2015-05, 2015-07, 2018-02
    CHECK(result.facets[0].missing == 2);        // bad, none
}
