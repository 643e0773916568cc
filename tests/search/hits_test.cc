/** @file
 *  @brief Hits: their stored fields and snippets.
 */
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::Ids;
using fahras::test::NewsIndex;
using fahras::test::SmallIndex;
using fahras::test::write_index;

}  // namespace

TEST_CASE("diacritics and tatweel in text or query do not matter; the snippet keeps them") {
    const SmallIndex index;
    CHECK(index.ids("الرئيس") == Ids{"diacritics"});
    CHECK(index.ids("المدرسه") == Ids{"diacritics"});
    CHECK(index.ids("\"الرَّئِيسُ إلى المدرسة\"") == Ids{"diacritics"});

    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    options.highlight_start.assign(1, '[');
    options.highlight_end.assign(1, ']');
    const fahras::SearchResult result = searcher.search("رئيس", options);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].title == "خبر");
    CHECK(result.hits[0].snippet == "ذَهَبَ [الرَّئِيـــسُ] إِلَى المَدْرَسَةِ");
    CHECK(result.hits[0].rank == 1);
}

TEST_CASE("hits carry the stored fields: the date as written, source and url") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions options;
    options.sources = {"ant-v2.1/bbc"};
    const fahras::SearchResult result = searcher.search("بوتين", options);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].date == "Feb 18th, 2018");
    CHECK(result.hits[0].source == "ant-v2.1/BBC");
    CHECK(result.hits[0].url == "");
}

TEST_CASE("a hit shows its document's fields exactly, long ones included") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // Fields longer than 127 bytes take two bytes of length in the packed value slot.
    std::string title;
    for (int i = 0; i < 40; ++i) title += "عنوانٌ ";
    const std::string url = "https://example.org/" + std::string(200, 'a');
    {
        fahras::IndexWriter writer(path, {});
        writer.add({.id = "long",
                    .title = title,
                    .text = "نص قصير",
                    .date = "2015-07-21 02:51:32",
                    .source = "saudinewsnet/okaz",
                    .url = url});
        writer.add({.id = "bare", .title = "", .text = "نص آخر"});
        writer.commit();
    }
    const fahras::Searcher searcher(path);
    const fahras::SearchResult long_one = searcher.search("قصير", {});
    REQUIRE(long_one.hits.size() == 1);
    CHECK(long_one.hits[0].id == "long");
    CHECK(long_one.hits[0].title == title);
    CHECK(long_one.hits[0].date == "2015-07-21 02:51:32");
    CHECK(long_one.hits[0].source == "saudinewsnet/okaz");
    CHECK(long_one.hits[0].url == url);
    const fahras::SearchResult bare = searcher.search("آخر", {});
    REQUIRE(bare.hits.size() == 1);
    CHECK(bare.hits[0].id == "bare");
    CHECK(bare.hits[0].title.empty());
    CHECK(bare.hits[0].url.empty());
}

TEST_CASE("highlight_title marks the matched words of the title, kept as written") {
    fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // Punctuation around the words and double spaces: Xapian's snippet of the title would
    // drop the ellipsis and the trailing dash and squeeze the spaces.
    write_index(path, {{.id = "a", .title = "...«والرئيس»  يزور  موسكو -", .text = "الرئيس"},
                       {.id = "b", .title = "", .text = "الرئيس في المدينة"}});
    const fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    options.highlight_start = "[";
    options.highlight_end = "]";
    SUBCASE("off by default: no highlighted title, the title as written") {
        const fahras::SearchResult result = searcher.search("رئيس موسكو", options);
        REQUIRE(result.hits.size() == 2);
        CHECK(result.hits[0].title == "...«والرئيس»  يزور  موسكو -");
        CHECK(result.hits[0].title_highlighted.empty());
    }
    SUBCASE("on: every matched word marked, nothing else changed") {
        options.highlight_title = fahras::HighlightTitle::Yes;
        const fahras::SearchResult result = searcher.search("رئيس موسكو", options);
        REQUIRE(result.hits.size() == 2);
        CHECK(result.hits[0].id == "a");
        CHECK(result.hits[0].title == "...«والرئيس»  يزور  موسكو -");
        CHECK(result.hits[0].title_highlighted == "...«[والرئيس]»  يزور  [موسكو] -");
        CHECK(result.hits[1].title_highlighted.empty());  // no title
    }
    SUBCASE("a word the document did not match stays plain") {
        options.highlight_title = fahras::HighlightTitle::Yes;
        const fahras::SearchResult result = searcher.search("يزور", options);
        REQUIRE(result.hits.size() == 1);
        CHECK(result.hits[0].title_highlighted == "...«والرئيس»  [يزور]  موسكو -");
    }
}
