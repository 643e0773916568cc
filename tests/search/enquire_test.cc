/** @file
 *  @brief The match step: pseudo-relevance feedback, and counting every match.
 */
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/search.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::hit_ids;
using fahras::test::Ids;
using fahras::test::NewsIndex;
using fahras::test::write_index;

}  // namespace

TEST_CASE("pseudo-relevance feedback adds the first hits' stems; its hits are not re-ranked") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {
                          {.id = "both", .title = "", .text = "سفينة بحر ميناء قارب"},
                          {.id = "ship", .title = "", .text = "سفينة ميناء قارب جبل"},
                          {.id = "port", .title = "", .text = "ميناء قارب مرسى"},
                          {.id = "hill", .title = "", .text = "جبل نهر"},
                          {.id = "tree", .title = "", .text = "شجر نهر"},
                      });
    const fahras::Searcher searcher(path);
    CHECK(hit_ids(searcher, "سفينة بحر") == Ids{"both", "ship"});
    fahras::SearchOptions feedback;
    feedback.expand_terms = 2;  // ميناء and قارب, in both of the first hits
    const fahras::SearchResult result = searcher.search("سفينة بحر", feedback);
    Ids ids;
    for (const fahras::Hit& hit : result.hits) ids.push_back(hit.id);
    CHECK(ids == Ids{"both", "ship", "port"});
    // "port" holds none of the query's words: re-ranking would have scored it 0.
    REQUIRE(result.hits.size() == 3);
    CHECK(result.hits[2].score > 0);
}

TEST_CASE("regression: #15 a search for no hits counts every match exactly") {
    // See: issue #15
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions all;
    all.limit = 100;
    fahras::SearchOptions count;
    count.limit = 0;
    for (const std::string query :
         {"بوتين", "\"بوتين وترامب\"", "\"بوتين في موسكو\"", "بوتين source:ant-v2.1/BBC",
          "exact:وبوتين", "بوت*", "روما", ""}) {
        CAPTURE(query);
        const fahras::SearchResult counted = searcher.search(query, count);
        CHECK(counted.hits.empty());
        CHECK(counted.matches_estimated == searcher.search(query, all).hits.size());
    }
    count.since = "2015";
    all.since = "2015";
    CHECK(searcher.search("بوتين", count).matches_estimated == 3);
    CHECK(searcher.search("بوتين", all).hits.size() == 3);
}

TEST_CASE("the bounds of the match count hold the estimate, and meet when it is exact") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions page;
    page.limit = 1;
    const fahras::SearchResult first = searcher.search("بوتين", page);
    CHECK(first.matches_lower_bound <= first.matches_estimated);
    CHECK(first.matches_estimated <= first.matches_upper_bound);
    CHECK(first.matches_lower_bound >= first.hits.size());
    // Facets make the count exact: the bounds are the count.
    page.facets = {fahras::Facet::Source};
    const fahras::SearchResult counted = searcher.search("بوتين", page);
    CHECK(counted.matches_estimated == 5);
    CHECK(counted.matches_lower_bound == 5);
    CHECK(counted.matches_upper_bound == 5);
}
