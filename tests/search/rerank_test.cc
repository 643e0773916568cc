/** @file
 *  @brief Re-ranking by coordination and proximity.
 */
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "fahras/search.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::classic;
using fahras::test::hit_ids;
using fahras::test::Ids;
using fahras::test::write_index;

}  // namespace

TEST_CASE("the first hits of a query of several words are re-ranked by how many and how close") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    const std::vector<fahras::Document> docs{
        // One word three times, the other not at all: scored higher than "both" alone.
        {.id = "one-word", .title = "", .text = "سفينة سفينة سفينة ورق شجر نهر"},
        {.id = "both", .title = "", .text = "سفينة ورق شجر نهر جبل بحر"},
        // بحر in most documents: it weighs little.
        {.id = "sea1", .title = "", .text = "بحر عميق"},
        {.id = "sea2", .title = "", .text = "بحر واسع"},
        {.id = "sea3", .title = "", .text = "بحر هادئ"},
        // The same words as "apart", so the same score but for where they stand.
        {.id = "apart", .title = "", .text = "قارب ورق شجر نهر جبل ميناء"},
        {.id = "together", .title = "", .text = "ورق شجر نهر جبل قارب ميناء"},
    };
    write_index(path, docs);
    const fahras::Searcher searcher(path);
    // Coordination: a document with both words above one with one of them, more often.
    CHECK(hit_ids(searcher, "سفينة بحر", classic()) ==
          Ids{"both", "one-word", "sea1", "sea2", "sea3"});
    // Proximity: of two documents with the same words, the one where they stand together.
    CHECK(hit_ids(searcher, "قارب ميناء", classic()) == Ids{"together", "apart"});
    // A single word, a phrase and --sort date are not re-ranked.
    CHECK(hit_ids(searcher, "سفينة", classic()) == Ids{"one-word", "both"});
    CHECK(hit_ids(searcher, "\"قارب ورق\"", classic()) == Ids{"apart"});
    fahras::SearchOptions by_date = classic();
    by_date.sort = fahras::Sort::Date;
    Ids undated;
    for (const fahras::Hit& hit : searcher.search("قارب ميناء", by_date).hits) {
        undated.push_back(hit.id);
    }
    CHECK(undated == Ids{"apart", "together"});
    // Re-ranking switched off (SearchOptions::rerank_depth 0, --rerank 0): the weights' order.
    fahras::SearchOptions off = classic();
    off.rerank_depth = 0;
    Ids plain;
    for (const fahras::Hit& hit : searcher.search("سفينة بحر", off).hits) plain.push_back(hit.id);
    CHECK(plain == Ids{"one-word", "both", "sea1", "sea2", "sea3"});
    // Only the first rerank_depth hits are re-ranked: with 1, "both" stays second, however
    // many hits are asked for, and pages of one hit give the same list, scores falling.
    fahras::SearchOptions first_only = classic();
    first_only.rerank_depth = 1;
    first_only.limit = 5;
    const fahras::SearchResult all = searcher.search("سفينة بحر", first_only);
    Ids listed;
    for (const fahras::Hit& hit : all.hits) listed.push_back(hit.id);
    CHECK(listed == Ids{"one-word", "both", "sea1", "sea2", "sea3"});
    REQUIRE(all.hits.size() == 5);
    CHECK(all.hits[1].score < all.hits[0].score);  // below the re-ranked hit
    for (std::size_t i = 2; i < all.hits.size(); ++i) {
        CHECK(all.hits[i].score <= all.hits[i - 1].score);  // sea1..3 tie
    }
    Ids paged;
    first_only.limit = 1;
    for (first_only.offset = 0; first_only.offset < 6; ++first_only.offset) {
        for (const fahras::Hit& hit : searcher.search("سفينة بحر", first_only).hits) {
            paged.push_back(hit.id);
        }
    }
    CHECK(paged == listed);
    // With 2, both are scored again: "both" holds both words.
    first_only.rerank_depth = 2;
    first_only.offset = 0;
    first_only.limit = 5;
    listed.clear();
    for (const fahras::Hit& hit : searcher.search("سفينة بحر", first_only).hits) {
        listed.push_back(hit.id);
    }
    CHECK(listed == Ids{"both", "one-word", "sea1", "sea2", "sea3"});
}

TEST_CASE("re-ranking scores the first 50 hits again by default") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // For each query, documents holding its first word three times outweigh the one document
    // with both words: 50 of them for سفينة, 49 for قارب. بحر, in many documents, weighs little.
    std::vector<fahras::Document> docs;
    const auto add_many = [&](const std::string& name, int count, const std::string& text) {
        for (int i = 0; i < count; ++i) {
            docs.push_back({.id = name + std::to_string(i), .title = "", .text = text});
        }
    };
    add_many("ship", 50, "سفينة سفينة سفينة ورق شجر نهر");
    add_many("boat", 49, "قارب قارب قارب ورق شجر نهر");
    add_many("sea", 100, "بحر عميق");
    docs.push_back({.id = "both-ship", .title = "", .text = "سفينة ورق شجر نهر جبل بحر"});
    docs.push_back({.id = "both-boat", .title = "", .text = "قارب ورق شجر نهر جبل بحر"});
    write_index(path, docs);
    const fahras::Searcher searcher(path);
    const auto rank_of = [&](const std::string& query, const std::string& id,
                             fahras::SearchOptions options) {
        options.limit = 300;
        const fahras::SearchResult result = searcher.search(query, options);
        for (std::size_t i = 0; i < result.hits.size(); ++i) {
            if (result.hits[i].id == id) return static_cast<int>(i) + 1;
        }
        return 0;
    };
    fahras::SearchOptions off = classic();
    off.rerank_depth = 0;
    CHECK(rank_of("سفينة بحر", "both-ship", off) == 51);
    CHECK(rank_of("قارب بحر", "both-boat", off) == 50);
    // The default depth reaches the 50th hit, not the 51st.
    CHECK(rank_of("سفينة بحر", "both-ship", classic()) == 51);
    CHECK(rank_of("قارب بحر", "both-boat", classic()) == 1);
    fahras::SearchOptions deeper = classic();
    deeper.rerank_depth = 51;
    CHECK(rank_of("سفينة بحر", "both-ship", deeper) == 1);
}

TEST_CASE("re-ranking counts a word and a word sharing a form with it as one word") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {
                          {.id = "verb", .title = "", .text = "يجاهد ورق شجر"},
                          {.id = "noun", .title = "", .text = "جهاد جهاد جهاد ورق"},
                          {.id = "titled", .title = "جهاد", .text = "نهر بحر"},
                          {.id = "leaf1", .title = "", .text = "ورق نهر"},
                          {.id = "leaf2", .title = "", .text = "ورق شجر سماء"},
                      });
    const fahras::Searcher searcher(path);
    // يجاهد is a pattern form of جهاد (the verb of فعال, with its prefix): the two words
    // share a term, so they are one word to re-ranking, holding the terms of both. Read as
    // two words, "verb"'s one يجاهد stood for both at span 1; with only the first word's
    // terms, "titled" (جهاد in its title) matched no word and scored 0.
    const auto ranked = [&](const char* query) {
        std::vector<std::pair<std::string, double>> out;
        for (const fahras::Hit& hit : searcher.search(query, classic()).hits) {
            out.emplace_back(hit.id, hit.score);
        }
        return out;
    };
    const auto forward = ranked("يجاهد جهاد ورق");
    Ids ids;
    for (const auto& [id, score] : forward) {
        ids.push_back(id);
        CHECK(score > 0);
    }
    CHECK(ids == Ids{"verb", "noun", "titled", "leaf1", "leaf2"});
    CHECK(ranked("جهاد يجاهد ورق") == forward);  // the words' order does not matter
    // The two words alone are one word: not re-ranked, in either order.
    CHECK(hit_ids(searcher, "يجاهد جهاد", classic()) == hit_ids(searcher, "جهاد يجاهد", classic()));
}
