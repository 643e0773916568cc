/** @file
 *  @brief The rank step: the page of hits that offset and limit cut.
 */
#include <doctest/doctest.h>

#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {

using fahras::test::SmallIndex;

}  // namespace

TEST_CASE("paging with offset and limit") {
    const SmallIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    options.offset = 1;
    options.limit = 5;
    const fahras::SearchResult result = searcher.search("بوتين", options);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].id == "moscow");
    CHECK(result.hits[0].rank == 2);
}
