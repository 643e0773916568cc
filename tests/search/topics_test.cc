/** @file
 *  @brief Batches of queries: search_topics on several threads.
 */
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/search.h"
#include "search/search_helpers.h"

namespace {

using fahras::test::SmallIndex;

}  // namespace

TEST_CASE("search_topics answers a batch on several threads, in the topics' order") {
    const SmallIndex index;
    // 200 topics, each thread taking many, more than wait at once (64 a thread): every third
    // is malformed.
    std::vector<fahras::Topic> topics;
    const std::vector<std::string> queries = {"بوتين", "ترامب", "AND موسكو"};
    for (int i = 0; i < 200; ++i) {
        topics.push_back({"q" + std::to_string(i), queries[static_cast<std::size_t>(i) % 3]});
    }
    const auto no_setup = [](fahras::Searcher&) {};

    for (const unsigned threads : {1U, 3U, 100U}) {
        CAPTURE(threads);
        std::vector<std::string> seen;  // id, then the hits or the error
        fahras::search_topics(index.path(), topics, {}, threads, no_setup,
                              [&](const fahras::Topic& topic, fahras::TopicAnswer&& answer) {
                                  std::string line = topic.id + ":";
                                  for (const fahras::Hit& hit : answer.result.hits) {
                                      line += " " + hit.id;
                                  }
                                  seen.push_back(line + answer.error);
                              });
        REQUIRE(seen.size() == 200);
        CHECK(seen[0] == "q0: putin3 moscow");
        CHECK(seen[1] == "q1: washington putin3");
        CHECK(seen[2] == "q2:malformed query 'AND موسكو': Syntax: <expression> AND <expression>");
        CHECK(seen[197] ==
              "q197:malformed query 'AND موسكو': Syntax: <expression> AND <expression>");
        CHECK(seen[199] == "q199: washington putin3");
        for (std::size_t i = 3; i < 200; ++i)
            CHECK(seen[i].substr(seen[i].find(':')) == seen[i % 3].substr(seen[i % 3].find(':')));
    }

    SUBCASE("other errors end the batch after the answers before them") {
        fahras::SearchOptions bad;
        bad.since = "yesterday";
        std::size_t answers = 0;
        CHECK_THROWS_WITH_AS(
            fahras::search_topics(index.path(), topics, bad, 3, no_setup,
                                  [&](const fahras::Topic&, fahras::TopicAnswer&&) { ++answers; }),
            "bad date 'yesterday' for since (use YYYY-MM-DD, YYYY-MM or YYYY)", fahras::Error);
        CHECK(answers == 0);
    }

    SUBCASE("what the receiver throws stops the threads and reaches the caller") {
        std::size_t answers = 0;
        const auto fail_at_ten = [&](const fahras::Topic& topic, fahras::TopicAnswer&&) {
            if (++answers == 10) throw std::runtime_error("stopped at " + topic.id);
        };
        CHECK_THROWS_WITH_AS(
            fahras::search_topics(index.path(), topics, {}, 3, no_setup, fail_at_ten),
            "stopped at q9", std::runtime_error);
        CHECK(answers == 10);
    }

    SUBCASE("each thread's searcher is set up first, and a failure there is the caller's") {
        unsigned prepared = 0;
        fahras::search_topics(
            index.path(), topics, {}, 4, [&](fahras::Searcher&) { ++prepared; },
            [](const fahras::Topic&, fahras::TopicAnswer&&) {});
        CHECK(prepared == 4);
        CHECK_THROWS_WITH_AS(
            fahras::search_topics(
                index.path(), topics, {}, 2,
                [](fahras::Searcher& searcher) { searcher.load_synonyms("/nonexistent/syn"); },
                [](const fahras::Topic&, fahras::TopicAnswer&&) {}),
            "'/nonexistent/syn': cannot read synonyms file", fahras::InputError);
    }
}
