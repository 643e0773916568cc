/** @file
 *  @brief Query preparation: the query syntax as the search reads it, exact:, the longest query,
 *  the one analysis of the query.
 */
#include "search/query_prep.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/analyzer.h"
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

TEST_CASE("prepare_query analyses the query as typed once; its words leave out the exact: names") {
    const fahras::Analyzer analyzer;
    const auto surfaces = [](const std::vector<fahras::Token>& tokens) {
        Ids out;
        for (const fahras::Token& t : tokens) out.push_back(t.surface);
        return out;
    };
    const std::string query = "بوتين exact:\"الرَّئيسُ الروسي\" -source:\"Jawhara FM\" EXACT:في";
    const fahras::detail::PreparedQuery prepared = fahras::detail::prepare_query(query, analyzer);
    // exact: (in lower case only) becomes a phrase, its written form one to hold.
    CHECK(prepared.without_exact == "بوتين \"الرَّئيسُ الروسي\" -source:\"Jawhara FM\" EXACT:في");
    CHECK(prepared.exact_forms == Ids{"الرَّئيسُ الروسي"});
    // The parser reads the words normalized and the source as its key.
    CHECK(prepared.parser_text == "بوتين \"الرييس الروسي\"  -source:\"jawhara fm\"  exact:في");
    // Every word of the query as typed, with its offsets in it ...
    CHECK(surfaces(prepared.tokens) ==
          Ids{"بوتين", "exact", "الرَّئيسُ", "الروسي", "source", "Jawhara", "FM", "EXACT", "في"});
    REQUIRE(prepared.tokens.size() == 9);
    CHECK(prepared.tokens[1].start == 11);
    CHECK(query.substr(prepared.tokens[2].start,
                       prepared.tokens[2].end - prepared.tokens[2].start) == "الرَّئيسُ");
    // ... and the words searched for: all but the name of the exact: field taken out.
    CHECK(surfaces(prepared.words) ==
          Ids{"بوتين", "الرَّئيسُ", "الروسي", "source", "Jawhara", "FM", "EXACT", "في"});
    CHECK(prepared.words[1].stem == "رييس");
    CHECK(prepared.words.back().stop_word == fahras::StopWord::Yes);
    CHECK_FALSE(prepared.blank);

    SUBCASE("an exact: inside another exact: field's phrase is a word of it") {
        const fahras::detail::PreparedQuery nested =
            fahras::detail::prepare_query("exact:x exact:\"a exact:b\"", analyzer);
        CHECK(nested.without_exact == "\"x\" \"a exact:b\"");
        CHECK(nested.exact_forms == Ids{"x", "a exact:b"});
        CHECK(surfaces(nested.words) == Ids{"x", "a", "exact", "b"});
    }
    SUBCASE("white space alone is blank, with no words") {
        const fahras::detail::PreparedQuery blank = fahras::detail::prepare_query(" \t", analyzer);
        CHECK(blank.blank);
        CHECK(blank.tokens.empty());
        CHECK(blank.words.empty());
    }
}
