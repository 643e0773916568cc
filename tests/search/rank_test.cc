/** @file
 *  @brief The rank step: which ranker reads which part of the match, and the page of hits.
 */
#include "search/rank.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "fahras/search.h"
#include "search/expansion.h"
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

TEST_CASE("choose_ranker re-ranks free words of two groups from the first match, else the page") {
    fahras::detail::Expansion two_words;
    two_words.groups.resize(2);
    fahras::SearchOptions options;
    options.offset = 3;
    options.limit = 5;
    // Re-ranking reads the first rerank_depth documents, or to the page's end if further.
    fahras::detail::Ranker ranker = fahras::detail::choose_ranker(options, two_words);
    CHECK(ranker.first == 0);
    CHECK(ranker.count == 50);
    options.offset = 60;
    ranker = fahras::detail::choose_ranker(options, two_words);
    CHECK(ranker.first == 0);
    CHECK(ranker.count == 65);
    options.offset = std::numeric_limits<std::size_t>::max() - 1;
    options.limit = 10;
    CHECK(fahras::detail::choose_ranker(options, two_words).count ==
          std::numeric_limits<std::size_t>::max());
    // The match's order reads the page alone: one word, no re-ranking, or no hit asked for.
    options.offset = 3;
    options.limit = 5;
    fahras::detail::Expansion one_word;
    one_word.groups.resize(1);
    for (const auto& [name, expansion, change] :
         std::vector<std::tuple<std::string, fahras::detail::Expansion,
                                std::function<void(fahras::SearchOptions&)>>>{
             {"one word", one_word, [](fahras::SearchOptions&) {}},
             {"--rerank 0", two_words, [](fahras::SearchOptions& o) { o.rerank_depth = 0; }},
             {"--expand", two_words, [](fahras::SearchOptions& o) { o.expand_terms = 5; }},
             {"--sort date", two_words,
              [](fahras::SearchOptions& o) { o.sort = fahras::Sort::Date; }},
         }) {
        CAPTURE(name);
        fahras::SearchOptions changed = options;
        change(changed);
        const fahras::detail::Ranker plain = fahras::detail::choose_ranker(changed, expansion);
        CHECK(plain.first == 3);
        CHECK(plain.count == 5);
    }
    options.limit = 0;
    CHECK(fahras::detail::choose_ranker(options, two_words).count == 0);
}
