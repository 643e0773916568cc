/** @file
 *  @brief Search options: ranking names and the checks that need no index.
 */
#include <doctest/doctest.h>

#include "fahras/error.h"
#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {}  // namespace

TEST_CASE("ranking names") {
    CHECK(fahras::parse_ranking("learned") == fahras::Ranking::Learned);
    CHECK(fahras::parse_ranking("auto") == fahras::Ranking::Auto);
    CHECK(fahras::parse_ranking("dlh") == fahras::Ranking::Dlh);
    CHECK(fahras::parse_ranking("bm25") == fahras::Ranking::Bm25);
    CHECK_THROWS_WITH_AS((void)fahras::parse_ranking("tfidf"),
                         "unknown ranking 'tfidf' (use learned, auto, dlh or bm25)", fahras::Error);
}

TEST_CASE("check_search_options refuses bad dates as search() does, without an index") {
    fahras::SearchOptions options;
    fahras::check_search_options(options);
    options.since = "2017-01";
    options.until = "2017";
    fahras::check_search_options(options);
    options.since = "2015-02-30";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "bad date '2015-02-30' for since (use YYYY-MM-DD, YYYY-MM or YYYY)",
                         fahras::Error);
    options.since = "2019";
    options.until = "2018";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "since '2019' is after until '2018'", fahras::Error);
    options.since = "";
    options.until = "20181";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "bad date '20181' for until (use YYYY-MM-DD, YYYY-MM or YYYY)",
                         fahras::Error);
}
