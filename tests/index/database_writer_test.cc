/** @file
 *  @brief Tests of writing documents into a database: ids, sources, commits, the stemmer
 * (index/database_writer.cc).
 */
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("a document with an id too long for one term is indexed, found and replaced") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    // 400 characters, 800 bytes: ARABIC LETTER BEH, and a last one that tells it apart.
    std::string id;
    for (int i = 0; i < 399; ++i) id += "\u0628";
    const std::string other = id + "2";
    id += "1";
    const auto record = [](const std::string& doc_id, const std::string& text) {
        return "{\"id\": \"" + doc_id + "\", \"text\": \"" + text + "\"}\n";
    };
    const std::string source = dir.write("long.jsonl", record(id, "مدينة") + record(other, "قرية"));
    fahras::IndexOptions options;
    fahras::IndexStats stats = fahras::index_sources(db, {source}, options, {});
    CHECK(stats.warnings == 0);
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة") == std::vector<std::string>{id});  // the whole id

    fahras::SearchOptions explain;
    explain.explain = fahras::Explain::Yes;
    const fahras::SearchResult result = fahras::Searcher(db).search("مدينة", explain);
    REQUIRE(result.hits.size() == 1);
    REQUIRE(result.hits[0].matches.size() == 1);
    CHECK(result.hits[0].matches[0].weight > 0);  // --explain finds the document by its term

    (void)dir.write("long.jsonl", record(id, "بلدة") + record(other, "قرية"));
    stats = fahras::index_sources(db, {source}, options, {});
    CHECK(stats.updated == 1);
    CHECK(stats.unchanged == 1);
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة").empty());
    CHECK(ids(db, "بلدة") == std::vector<std::string>{id});
}

TEST_CASE("regression: #15 a source name too long for one term is indexed and found by it") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    // 130 ARABIC LETTER BEH (260 bytes, past Xapian's 245 with the XSOURCE prefix), then a
    // letter that tells the two names apart only at their end.
    const std::string first = repeat("\u0628", 130) + " A";
    const std::string second = repeat("\u0628", 130) + " B";
    const std::string source =
        dir.write("long.jsonl", "{\"id\": \"n1\", \"text\": \"مدينة\", \"source\": \"" + first +
                                    "\"}\n{\"id\": \"n2\", \"text\": \"مدينة\", \"source\": \"" +
                                    second + "\"}\n");
    const fahras::IndexStats stats = fahras::index_sources(db, {source}, {}, {});
    CHECK(stats.warnings == 0);
    CHECK(stats.index_size == 2);

    const fahras::Searcher searcher(db);
    // source:"NAME" in the query (case-folded like any name) and SearchOptions::sources.
    CHECK(ids(db, "مدينة source:\"" + repeat("\u0628", 130) + " a\"") ==
          std::vector<std::string>{"n1"});
    fahras::SearchOptions options;
    options.sources = {second};
    options.facets = {fahras::Facet::Source};
    const fahras::SearchResult result = searcher.search("مدينة", options);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].id == "n2");
    REQUIRE(result.facets.size() == 1);
    REQUIRE(result.facets[0].counts.size() == 1);
    CHECK(result.facets[0].counts[0].value == second);  // the name whole
}

TEST_CASE("the words pending for the spelling table are committed past 100,000 distinct words") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    fahras::IndexWriter writer(path, {});
    writer.add({.id = "first", .text = "city city city town"});
    // 210,000 distinct words: the terms cache (200,000) hands its counts over once full,
    // past the limit of 100,000, and add() commits without being asked.
    std::size_t word = 0;
    for (int doc = 0; doc < 100; ++doc) {
        std::string text;
        for (int i = 0; i < 2100; ++i, ++word) {
            // Letters only ("w12" would be two words, the number without letters).
            for (std::size_t n = word; n != 0; n /= 26) text += static_cast<char>('a' + n % 26);
            text += "w ";
        }
        writer.add({.id = std::to_string(doc), .text = text});
    }
    const Xapian::Database reader(path);
    CHECK(reader.get_doccount() > 1);
    CHECK(spelling_frequency(reader, "city") == 3);
    CHECK(spelling_frequency(reader, "town") == 0);  // seen once: not a suggestion
    CHECK(spelling_frequency(reader, "bw") == 0);
    writer.commit();
}

TEST_CASE("regression: #15 an update without a stemmer keeps the index's, another is refused") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(3));
    fahras::IndexOptions snowball;
    snowball.stemmer = fahras::StemmerKind::Snowball;
    (void)fahras::index_sources(db, {a}, snowball, {});
    (void)fahras::index_sources(db, {dir.write("b.jsonl", lines({7}))}, {}, {});
    CHECK(Xapian::Database(db).get_metadata("fahras:stemmer") == "snowball");
    fahras::IndexOptions light;
    light.stemmer = fahras::StemmerKind::Light;
    CHECK_THROWS_WITH_AS(
        (void)fahras::index_sources(db, {a}, light, {}),
        ("index '" + db +
         "' was built with stemmer 'snowball', not 'light': --rebuild switches it to 'light' (an "
         "update without --stemmer keeps 'snowball')")
            .c_str(),
        fahras::IndexVersionError);
}
