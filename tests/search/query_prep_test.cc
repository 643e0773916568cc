/** @file
 *  @brief Query preparation: the query syntax as the search reads it, exact:, the longest query.
 */
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {

using fahras::test::Ids;
using fahras::test::ids_of;
using fahras::test::NewsIndex;
using fahras::test::SmallIndex;
using fahras::test::SpellingIndex;

}  // namespace

TEST_CASE("query syntax: phrases with stop words, boolean operators, wildcards") {
    const SmallIndex index;
    // Stop words take no position: a phrase skips them, whichever stands in their place.
    CHECK(index.ids("\"بوتين في موسكو\"") == Ids{"moscow"});
    CHECK(index.ids("\"بوتين من موسكو\"") == Ids{"moscow"});
    CHECK(index.ids("\"بوتين موسكو\"") == Ids{"moscow"});
    CHECK(index.ids("\"موسكو بوتين\"").empty());
    CHECK(index.ids("\"في موسكو\"") == Ids{"moscow"});
    CHECK(index.ids("\"في من\"") == Ids{"moscow", "washington"});  // stop words alone: words
    CHECK(index.ids("ترامب AND بوتين") == Ids{"putin3"});
    CHECK(index.ids("ترامب NOT بوتين") == Ids{"washington"});
    CHECK(index.ids("ترامب -بوتين") == Ids{"washington"});
    CHECK(index.ids("واشن*") == Ids{"washington"});
    CHECK(index.ids("في") == Ids{"moscow", "washington"});  // only stop words: still searched
    CHECK(index.ids("title:خبر") == Ids{"diacritics"});
    CHECK(index.ids("title:بوتين").empty());
}

TEST_CASE("regression: #15 a query longer than kMaxQueryBytes is refused") {
    // See: issue #15
    const SpellingIndex index;
    const fahras::Searcher searcher(index.path());
    std::string longest = "بوتين ";
    while (longest.size() < 16384) longest += 'x';
    CHECK(searcher.search(longest, {}).hits.size() == 1);
    CHECK_THROWS_WITH_AS((void)searcher.search(longest + "y", {}),
                         "query is 16385 bytes long; the longest query is 16384 bytes",
                         fahras::QueryError);
}

TEST_CASE("regression: #15 exact: with nothing after it is an error") {
    // See: issue #15
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    for (const std::string query : {"exact:\"\"", "exact:", "بوتين exact:", "exact: بوتين",
                                    "exact:\"  \" بوتين", "(exact:)"}) {
        CAPTURE(query);
        CHECK_THROWS_WITH_AS((void)searcher.search(query, {}),
                             ("query '" + query + "': exact: needs a word or phrase").c_str(),
                             fahras::QueryError);
    }
    CHECK(ids_of(searcher.search("exact:وبوتين", {})) == "undated");
}
