/** @file
 *  @brief Index → search round trips through the library API.
 */
#include "fahras/search.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "temp_dir.h"

namespace {

using Ids = std::vector<std::string>;

/** An index of a few documents, each there for one behaviour. */
class SmallIndex {
  public:
    SmallIndex() {
        fahras::IndexWriter writer(path(), {});
        // Three occurrences of the name: ranks first for it.
        writer.add({.id = "putin3", .title = "", .text = "بوتين بوتين بوتين يلتقي ترامب"});
        // The name behind a proclitic, and a phrase with a stop word in it.
        writer.add({.id = "moscow", .title = "", .text = "وبوتين في موسكو"});
        // Fully diacritized text, with tatweel.
        writer.add({.id = "diacritics", .title = "خبر", .text = "ذَهَبَ الرَّئِيـــسُ إِلَى المَدْرَسَةِ"});
        writer.add({.id = "washington", .title = "", .text = "ترامب في واشنطن"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

    [[nodiscard]] Ids ids(const std::string& query) const {
        const fahras::Searcher searcher(path());
        Ids out;
        for (const fahras::Hit& hit : searcher.search(query, {}).hits) out.push_back(hit.id);
        return out;
    }

  private:
    fahras::test::TempDir dir_;
};

}  // namespace

TEST_CASE("search ranks by BM25 and matches through proclitics") {
    const SmallIndex index;
    CHECK(index.ids("بوتين") == Ids{"putin3", "moscow"});
    CHECK(index.ids("واشنطن") == Ids{"washington"});
    CHECK(index.ids("روما").empty());
}

TEST_CASE("query syntax: phrases with stop words, boolean operators, wildcards") {
    const SmallIndex index;
    CHECK(index.ids("\"في موسكو\"") == Ids{"moscow"});
    CHECK(index.ids("\"موسكو في\"").empty());
    CHECK(index.ids("ترامب AND بوتين") == Ids{"putin3"});
    CHECK(index.ids("ترامب NOT بوتين") == Ids{"washington"});
    CHECK(index.ids("ترامب -بوتين") == Ids{"washington"});
    CHECK(index.ids("واشن*") == Ids{"washington"});
    CHECK(index.ids("في") == Ids{"moscow", "washington"});  // only stop words: still searched
    CHECK(index.ids("title:خبر") == Ids{"diacritics"});
    CHECK(index.ids("title:بوتين").empty());
}

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

TEST_CASE("indexing a document again replaces it") {
    const SmallIndex index;
    {
        fahras::IndexWriter writer(index.path(), {});
        writer.add({.id = "washington", .title = "", .text = "بايدن في واشنطن"});
        writer.commit();
        CHECK(writer.document_count() == 4);
    }
    CHECK(index.ids("واشنطن") == Ids{"washington"});
    CHECK(index.ids("ترامب") == Ids{"putin3"});
}

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

TEST_CASE("malformed and empty queries throw QueryError") {
    const SmallIndex index;
    const fahras::Searcher searcher(index.path());
    CHECK_THROWS_WITH_AS((void)searcher.search("AND بوتين", {}),
                         "malformed query 'AND بوتين': Syntax: <expression> AND <expression>",
                         fahras::QueryError);
    CHECK_THROWS_WITH_AS((void)searcher.search("؟!...", {}),
                         "query '؟!...' has no words to search for", fahras::QueryError);
}

TEST_CASE("opening something that is not a current fahras index fails clearly") {
    const fahras::test::TempDir dir;
    const std::string missing = (dir.path() / "missing").string();
    CHECK_THROWS_WITH_AS(fahras::Searcher{missing},
                         ("cannot open index '" + missing + "': no such file or directory").c_str(),
                         fahras::Error);

    const std::string old = (dir.path() / "old").string();
    {
        Xapian::WritableDatabase db(old, Xapian::DB_CREATE);
        db.set_metadata(std::string(fahras::schema::kMetaAnalyzer), "0");
        db.set_metadata(std::string(fahras::schema::kMetaStemmer), "light");
        db.commit();
    }
    CHECK_THROWS_WITH_AS(
        fahras::Searcher{old},
        ("index '" + old + "' was built with analyzer version 0, this fahras-search uses version " +
         std::to_string(fahras::kAnalyzerVersion) + ": re-run fahras-index --overwrite --db '" +
         old + "' SOURCE...")
            .c_str(),
        fahras::IndexVersionError);
}

TEST_CASE("the writer refuses to mix stemmers in one index") {
    const SmallIndex index;
    fahras::IndexOptions options;
    options.stemmer = fahras::StemmerKind::Snowball;
    CHECK_THROWS_WITH_AS(fahras::IndexWriter(index.path(), options),
                         ("index '" + index.path() +
                          "' was built with analyzer version '1' and stemmer 'light', not version "
                          "'1' and stemmer 'snowball': rebuild it with --rebuild")
                             .c_str(),
                         fahras::IndexVersionError);
    options.mode = fahras::OpenMode::Overwrite;
    CHECK_NOTHROW(fahras::IndexWriter(index.path(), options));
}

TEST_CASE("a synonyms file makes each word of a group match the others") {
    const SmallIndex index;
    const fahras::test::TempDir dir;
    fahras::Searcher searcher(index.path());
    const auto ids_of = [&](const char* query) {
        Ids out;
        for (const fahras::Hit& hit : searcher.search(query, {}).hits) out.push_back(hit.id);
        return out;
    };
    CHECK(ids_of("موسكو") == Ids{"moscow"});
    CHECK(ids_of("العاصمة").empty());
    searcher.load_synonyms(dir.write("synonyms.txt", "# capitals\n\nالعاصمة، موسكو\n"));
    CHECK(ids_of("العاصمة") == Ids{"moscow"});
    CHECK(ids_of("عاصمتها") == Ids{"moscow"});  // any form of a word of the group
    CHECK(ids_of("موسكو") == Ids{"moscow"});

    const std::string bad = dir.write("bad.txt", "العاصمة موسكو\nروما\n");
    CHECK_THROWS_WITH_AS(searcher.load_synonyms(bad),
                         ("'" + bad + "' line 2: a synonym group needs two words or more").c_str(),
                         fahras::InputError);
}
