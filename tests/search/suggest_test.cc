/** @file
 *  @brief "Did you mean": spelling suggestions for the query's misspelt free words.
 */
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {

using fahras::test::kLongestWord;
using fahras::test::SpellingIndex;

/** The "did you mean" of @p query on @p searcher (nothing else asked for). */
std::string did_you_mean(const fahras::Searcher& searcher, const std::string& query) {
    fahras::SearchOptions options;
    options.snippets = fahras::Snippets::No;
    return searcher.search(query, options).did_you_mean;
}

}  // namespace

TEST_CASE("regression: #15 did you mean replaces only misspelt free words, the rest as typed") {
    // See: issue #15
    const SpellingIndex index;
    const fahras::Searcher searcher(index.path());
    const std::pair<std::string, std::string> cases[] = {
        // The example: the filter's own words (ant, v, bbc) are no query words; it was
        // "source at v 2.1 bbc ترامب".
        {"source:ant-v2.1/BBC ترامب", ""},
        {"source:ant-v2.1/BBC بوتن", "source:ant-v2.1/BBC بوتين"},
        {"بوتن source:\"ant-v2.1/BBC at\"", "بوتين source:\"ant-v2.1/BBC at\""},
        // A wildcard and a word in a field are not corrected.
        {"بوتن*", ""},
        {"title:بوتن", ""},
        {"exact:بوتن", ""},
        {"exact:\"ترامب بوتن\"", ""},
        // Operators, signs, quotes, parentheses and marks around the words stay as typed.
        {"(بوتن OR ترامب) AND NOT بوتن* -\"ترامب بوتن\"",
         "(بوتين OR ترامب) AND NOT بوتن* -\"ترامب بوتين\""},
        {"+بُوتن  «ترامب»؟", "+بوتين  «ترامب»؟"},
        {"ant", "at"},
        {"بوتين ترامب", ""},
    };
    for (const auto& [query, expected] : cases) {
        CAPTURE(query);
        CHECK(did_you_mean(searcher, query) == expected);
    }
}

TEST_CASE("regression: #15 no spelling suggestion for a word longer than the index takes") {
    // See: issue #15
    const SpellingIndex index;
    const fahras::Searcher searcher(index.path());
    REQUIRE(kLongestWord.size() == 64);  // fahras::kMaxWordBytes
    // One letter more, one edit away from kLongestWord: no indexed word can be this long.
    const std::string longer = kLongestWord.substr(0, 20) + "ك" + kLongestWord.substr(20);
    CHECK(did_you_mean(searcher, longer) == "");
    CHECK(did_you_mean(searcher, kLongestWord.substr(0, 62) + "ك") == kLongestWord);
    // 8,000 letters, the longest word a query holds: answered at once, with no suggestion
    // (10,000 letters took 77 s on 70,108 news articles: issue #15).
    std::string huge;
    for (int i = 0; i < 8000; ++i) huge += "ب";
    CHECK(did_you_mean(searcher, huge) == "");
}

TEST_CASE("regression: #15 a query with many words the index lacks gets no suggestion") {
    // See: issue #15
    const SpellingIndex index;
    const fahras::Searcher searcher(index.path());
    // Up to 8 words missing from the index are looked up in the spelling data; more (a pasted
    // paragraph of names) are not, each costing a lookup of up to a tenth of a second.
    const std::string seven = "زقف زقق زقك زقل زقم زقن زقه";
    CHECK(did_you_mean(searcher, "بوتن " + seven) == "بوتين " + seven);
    CHECK(did_you_mean(searcher, "بوتن " + seven + " زقو") == "");
}
