/** @file
 *  @brief The Searcher façade: searching, opening an index, reading it as it changes, synonyms.
 */
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::hit_ids;
using fahras::test::Ids;
using fahras::test::SmallIndex;
using fahras::test::SpellingIndex;
using fahras::test::write_index;

}  // namespace

TEST_CASE("search ranks by term frequency and matches through proclitics") {
    const SmallIndex index;
    CHECK(index.ids("بوتين") == Ids{"putin3", "moscow"});
    CHECK(index.ids("واشنطن") == Ids{"washington"});
    CHECK(index.ids("روما").empty());
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
         std::to_string(fahras::kAnalyzerVersion) + ": re-run fahras-index --rebuild --db '" + old +
         "' SOURCE...")
            .c_str(),
        fahras::IndexVersionError);
}

TEST_CASE("the writer refuses to mix stemmers in one index") {
    const SmallIndex index;
    fahras::IndexOptions options;
    options.stemmer = fahras::StemmerKind::Snowball;
    CHECK_THROWS_WITH_AS(
        fahras::IndexWriter(index.path(), options),
        ("index '" + index.path() +
         "' was built with stemmer 'light', not 'snowball': --rebuild switches it to "
         "'snowball' (an update without --stemmer keeps 'light')")
            .c_str(),
        fahras::IndexVersionError);
    options.mode = fahras::OpenMode::Overwrite;
    CHECK_NOTHROW(fahras::IndexWriter(index.path(), options));
}

TEST_CASE("a synonyms file makes each word of a group match the others") {
    const SmallIndex index;
    const fahras::test::TempDir dir;
    fahras::Searcher searcher(index.path());
    const auto ids_of = [&](const char* query) { return hit_ids(searcher, query); };
    CHECK(ids_of("موسكو") == Ids{"moscow"});
    CHECK(ids_of("العاصمة").empty());
    searcher.load_synonyms(dir.write("synonyms.txt", "# capitals\n\nالعاصمة، موسكو\n"));
    CHECK(ids_of("العاصمة") == Ids{"moscow"});
    CHECK(ids_of("عاصمتها") == Ids{"moscow"});  // any form of a word of the group
    CHECK(ids_of("موسكو") == Ids{"moscow"});

    // CRLF line ends, as a file written on Windows: the same groups, and the same line numbers
    fahras::Searcher crlf(index.path());
    crlf.load_synonyms(dir.write("crlf.txt", "# capitals\r\n\r\nالعاصمة، موسكو\r\n"));
    CHECK(hit_ids(crlf, "العاصمة") == Ids{"moscow"});
    const std::string bad_crlf = dir.write("bad-crlf.txt", "العاصمة موسكو\r\nروما\r\n");
    CHECK_THROWS_WITH_AS(
        crlf.load_synonyms(bad_crlf),
        ("'" + bad_crlf + "' line 2: a synonym group needs two words or more").c_str(),
        fahras::InputError);

    const std::string bad = dir.write("bad.txt", "العاصمة موسكو\nروما\n");
    CHECK_THROWS_WITH_AS(searcher.load_synonyms(bad),
                         ("'" + bad + "' line 2: a synonym group needs two words or more").c_str(),
                         fahras::InputError);
}

TEST_CASE("a searcher open during updates in place sees the latest commit, without an error") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    const auto write_all = [&](const std::string& word) {
        fahras::IndexWriter writer(path, {});
        for (int i = 0; i < 300; ++i) {
            writer.add({.id = "d" + std::to_string(i), .title = "", .text = word + " مدينة"});
        }
        writer.commit();
    };
    write_all("قرية");
    const fahras::Searcher searcher(path);
    CHECK(searcher.search("قرية", {}).matches_estimated == 300);
    // Three commits replacing every document (as an update by fahras-index does, batch by
    // batch): without reopening, the searcher would go on reading the revision it opened,
    // or fail with DatabaseModifiedError once its blocks are reused.
    write_all("جبل");
    write_all("نهر");
    write_all("بحر");
    CHECK(searcher.search("بحر", {}).matches_estimated == 300);
    CHECK(searcher.search("قرية", {}).hits.empty());
}

TEST_CASE("regression: #15 query words longer than a Xapian term are searched without an error") {
    // See: issue #15
    const SpellingIndex index;
    const fahras::Searcher searcher(index.path());
    std::string word;
    for (int i = 0; i < 300; ++i) word += "ب";  // 600 bytes: Xapian's terms stop at 245
    for (const std::string& query :
         {word, word + "*", "title:" + word, "\"" + word + " بوتين\"", word + " AND بوتين",
          "-" + word + " بوتين", "exact:" + word, "بوتين source:" + word}) {
        CAPTURE(query);
        const fahras::SearchResult result = searcher.search(query, {});
        CHECK(result.hits.size() == (query.starts_with('-') ? 1U : 0U));
    }
}

TEST_CASE("Searcher::stemmer is the stemmer the index was built with") {
    fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.stemmer = fahras::StemmerKind::Snowball;
    {
        fahras::IndexWriter writer(path, options);
        writer.add({.id = "a", .title = "", .text = "الرئيس"});
        writer.commit();
    }
    CHECK(fahras::Searcher(path).stemmer() == fahras::StemmerKind::Snowball);
    write_index((dir.path() / "light").string(), {{.id = "a", .title = "", .text = "الرئيس"}});
    CHECK(fahras::Searcher((dir.path() / "light").string()).stemmer() ==
          fahras::StemmerKind::Light);
}
