/** @file
 *  @brief Filters and facets: dates, sources, and the counts of sources and months.
 */
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "fahras/error.h"
#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {

using fahras::test::ids_of;
using fahras::test::NewsIndex;

}  // namespace

TEST_CASE("since and until keep the documents dated within, bounds included") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    options.sort = fahras::Sort::Date;
    CHECK(ids_of(searcher.search("بوتين", options)) ==
          "n2 n3 n1 undated n4");  // undated: by relevance
    options.since = "2015-08-02";
    CHECK(ids_of(searcher.search("بوتين", options)) == "n2 n3");
    options.until = "2015";
    CHECK(ids_of(searcher.search("بوتين", options)) == "n3");
    options.since = "";
    options.until = "2015-07";
    CHECK(ids_of(searcher.search("بوتين", options)) == "n1");
    options.until = "2015-07-20";
    CHECK(ids_of(searcher.search("بوتين", options)) == "");

    SUBCASE("a bad date is an error naming it") {
        for (const char* bad : {"2015-13", "2015-02-30", "15-01-01", "2015/01/01", "yesterday"}) {
            CAPTURE(bad);
            options.until = "";
            options.since = bad;
            CHECK_THROWS_WITH_AS(
                (void)searcher.search("بوتين", options),
                ("bad date '" + std::string(bad) + "' for since (use YYYY-MM-DD, YYYY-MM or YYYY)")
                    .c_str(),
                fahras::Error);
        }
    }
}

TEST_CASE("source:NAME in the query and SearchOptions::sources filter by source") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    CHECK(ids_of(searcher.search("بوتين source:saudinewsnet/okaz", {})) == "n1");
    // Case-insensitive; a name with a space is quoted.
    CHECK(ids_of(searcher.search("source:\"ANT-v1.1/jawhara  fm\" بوتين", {})) == "n2 n3");
    // Two sources: either; a source alone lists its documents.
    CHECK(ids_of(searcher.search("source:saudinewsnet/okaz source:ant-v2.1/bbc", {})) == "n1 n4");
    CHECK(ids_of(searcher.search("بوتين -source:\"ant-v1.1/Jawhara FM\"", {})) == "undated n4 n1");
    CHECK(ids_of(searcher.search("ترامب source:nowhere", {})) == "");
    fahras::SearchOptions options;
    options.sources = {"ant-v2.1/BBC", "saudinewsnet/OKAZ"};
    CHECK(ids_of(searcher.search("بوتين", options)) == "n4 n1");
    // An empty query matches everything; a filter alone, every document that passes it.
    CHECK(ids_of(searcher.search("", {})) == "n1 n2 n3 n4 undated");
    options.sources = {"saudinewsnet/okaz"};
    CHECK(ids_of(searcher.search("", options)) == "n1");
}

TEST_CASE("facets count sources and months over all matches, not just the page") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    options.limit = 1;
    options.facets = {fahras::Facet::Month, fahras::Facet::Source};
    const fahras::SearchResult result = searcher.search("بوتين", options);
    CHECK(result.hits.size() == 1);
    CHECK(result.matches_estimated == 5);
    REQUIRE(result.facets.size() == 2);
    CHECK(result.facets[0].facet == fahras::Facet::Month);
    const auto pairs = [](const fahras::FacetCounts& counts) {
        std::vector<std::pair<std::string, std::size_t>> out;
        for (const fahras::FacetCount& c : counts.counts) out.emplace_back(c.value, c.count);
        return out;
    };
    using Pairs = std::vector<std::pair<std::string, std::size_t>>;
    CHECK(pairs(result.facets[0]) == Pairs{{"2015-07", 1}, {"2015-08", 1}, {"2017-01", 1}});
    CHECK(result.facets[1].facet == fahras::Facet::Source);
    CHECK(pairs(result.facets[1]) ==
          Pairs{{"ant-v1.1/Jawhara FM", 2}, {"ant-v2.1/BBC", 1}, {"saudinewsnet/okaz", 1}});
    CHECK(fahras::parse_facet("month") == fahras::Facet::Month);
    CHECK_THROWS_WITH_AS((void)fahras::parse_facet("year"),
                         "unknown facet 'year' (use source or month)", fahras::Error);
    CHECK_THROWS_WITH_AS((void)fahras::parse_sort("newest"),
                         "unknown sort order 'newest' (use relevance or date)", fahras::Error);
}

TEST_CASE("regression: #15 since after until is an error, not an unfiltered search") {
    // See: issue #15
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    const std::pair<std::string, std::string> refused[] = {
        {"2019", "2018"}, {"2017-02-01", "2017-01"}, {"2015-08-03", "2015-08-02"}};
    for (const auto& [since, until] : refused) {
        CAPTURE(since);
        options.since = since;
        options.until = until;
        CHECK_THROWS_WITH_AS((void)searcher.search("بوتين", options),
                             ("since '" + since + "' is after until '" + until + "'").c_str(),
                             fahras::Error);
    }
    // Equal bounds, and a day within the month until names, are a range.
    options.since = "2015-08-02";
    options.until = "2015-08-02";
    CHECK(ids_of(searcher.search("بوتين", options)) == "n3");
    options.until = "2015-08";
    CHECK(ids_of(searcher.search("بوتين", options)) == "n3");
}
