/** @file
 *  @brief Index → search round trips through the library API.
 */
#include "fahras/search.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "temp_dir.h"

namespace {

using Ids = std::vector<std::string>;

/** The ids of the hits of @p query, best first. */
Ids hit_ids(const fahras::Searcher& searcher, const std::string& query) {
    Ids out;
    for (const fahras::Hit& hit : searcher.search(query, {}).hits) out.push_back(hit.id);
    return out;
}

/** Writes @p docs to a new index at @p path and commits. */
void write_index(const std::string& path, const std::vector<fahras::Document>& docs) {
    fahras::IndexWriter writer(path, {});
    for (const fahras::Document& doc : docs) writer.add(doc);
    writer.commit();
}

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
        return hit_ids(fahras::Searcher(path()), query);
    }

  private:
    fahras::test::TempDir dir_;
};

}  // namespace

TEST_CASE("search ranks by term frequency and matches through proclitics") {
    const SmallIndex index;
    CHECK(index.ids("بوتين") == Ids{"putin3", "moscow"});
    CHECK(index.ids("واشنطن") == Ids{"washington"});
    CHECK(index.ids("روما").empty());
}

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

namespace {

/** Dated documents from two sources, and one undated .txt-like document. */
class NewsIndex {
  public:
    NewsIndex() {
        fahras::IndexWriter writer(path(), {});
        writer.add({.id = "n1",
                    .title = "",
                    .text = "بوتين في موسكو",
                    .date = "2015-07-21 02:51:32",
                    .source = "saudinewsnet/okaz"});
        writer.add({.id = "n2",
                    .title = "",
                    .text = "بوتين بوتين وترامب",
                    .date = "2017-01-20T21:43:00+01:00",
                    .source = "ant-v1.1/Jawhara FM"});
        writer.add({.id = "n3",
                    .title = "",
                    .text = "لقاء بوتين",
                    .date = "2015-08-02",
                    .source = "ant-v1.1/Jawhara FM"});
        // Not a date fahras::document_day reads: shown as written, but neither filtered nor
        // sorted by date.
        writer.add({.id = "n4",
                    .title = "",
                    .text = "بوتين",
                    .date = "Feb 18th, 2018",
                    .source = "ant-v2.1/BBC"});
        writer.add({.id = "undated", .title = "", .text = "بوتين وبوتين"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

  private:
    fahras::test::TempDir dir_;
};

/** The ids of the hits, separated by spaces (readable when a check fails). */
std::string ids_of(const fahras::SearchResult& result) {
    std::string out;
    for (const fahras::Hit& hit : result.hits) out += (out.empty() ? "" : " ") + hit.id;
    return out;
}

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

TEST_CASE("a word also finds its other forms in the index and its title, below itself") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    const std::vector<fahras::Document> docs{
        // قوم with the preposition ل: its stem keeps the ل (too short to strip).
        {.id = "liqawm", .title = "", .text = "قال موسى لقومه اذكروا"},
        {.id = "qawm", .title = "", .text = "جاء القوم إلى المدينة"},
        // An imperfect verb and its past tense.
        {.id = "yukallim", .title = "", .text = "لم يكلم أحدا"},
        {.id = "kallam", .title = "", .text = "كلم الناس"},
        // The same words, in the title of one and the text of the other.
        {.id = "in-title", .title = "مكة", .text = "مدينة في الحجاز"},
        {.id = "in-text", .title = "", .text = "مكة مدينة في الحجاز"},
    };
    write_index(path, docs);
    const fahras::Searcher searcher(path);
    const auto ids_of = [&](const char* query) { return hit_ids(searcher, query); };
    CHECK(ids_of("قوم") == Ids{"qawm", "liqawm"});
    CHECK(ids_of("لقوم") == Ids{"liqawm", "qawm"});
    CHECK(ids_of("كلم") == Ids{"kallam", "yukallim"});
    CHECK(ids_of("يكلم") == Ids{"yukallim", "kallam"});
    CHECK(ids_of("مكة") == Ids{"in-title", "in-text"});
    // Phrases ask for exactly their words; one left when its stop words go is a word.
    CHECK(ids_of("\"يكلم أحدا\"") == Ids{"yukallim"});
    CHECK(ids_of("\"كلم أحدا\"").empty());
    CHECK(ids_of("\"لم يكلم\"") == Ids{"yukallim", "kallam"});
}

TEST_CASE(
    "a proclitic the stemmer left on is read off when the index holds the bare word as often") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {
                          {.id = "liqawm", .title = "", .text = "قال موسى لقومه اذكروا"},
                          {.id = "qawm1", .title = "", .text = "جاء القوم إلى المدينة"},
                          {.id = "qawm2", .title = "", .text = "قوم نوح"},
                          // و left on by the stemmer is a radical: وسائل is not و + سائل
                          {.id = "wasail", .title = "", .text = "وسائل النقل"},
                          {.id = "sail1", .title = "", .text = "سائل أحمر"},
                          {.id = "sail2", .title = "", .text = "سائل الماء"},
                      });
    const fahras::Searcher searcher(path);
    const auto score = [&](const char* query, const std::string& id) {
        for (const fahras::Hit& hit : searcher.search(query, {}).hits) {
            if (hit.id == id) return hit.score;
        }
        return -1.0;
    };
    // لقوم (1 document) and قوم (2): قوم weighs in لقومه as in القوم, as the word itself.
    CHECK(score("لقومه", "qawm1") == doctest::Approx(score("القوم", "qawm1")));
    CHECK(score("لقومه", "qawm2") == doctest::Approx(score("القوم", "qawm2")));
    CHECK(score("لقومه", "liqawm") > score("لقومه", "qawm1"));  // the written form first
    // سائل is only a form of وسائل: a fifth of its own weight at most.
    CHECK(score("وسائل", "sail1") > 0);
    CHECK(score("وسائل", "sail1") <= 0.2 * score("سائل", "sail1") + 1e-9);
    // The other way, قوم does not read a proclitic into itself.
    CHECK(score("قوم", "liqawm") <= 0.2 * score("لقوم", "liqawm") + 1e-9);
}

TEST_CASE("a word also finds its pattern forms in the index (plural, singular), below itself") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    const std::vector<fahras::Document> docs{
        // Only the broken plural of قلب (قلوب, pattern فعول), and only its singular.
        {.id = "plural", .title = "", .text = "في القلوب سكينة"},
        {.id = "singular", .title = "", .text = "في القلب سكينة"},
        // A broken plural of the pattern مفاعل and its singular مفعل.
        {.id = "masajid", .title = "", .text = "بنيت المساجد في المدينة"},
        {.id = "masjid", .title = "", .text = "بني مسجد في القرية"},
        {.id = "other", .title = "", .text = "سكينة في المدينة"},
        // A verbal noun (جهاد, فعال) and the imperfect of its verb (يجاهد: فاعل, form III).
        {.id = "jihad", .title = "", .text = "فضل الجهاد"},
        {.id = "yujahid", .title = "", .text = "الذين يجاهدون"},
    };
    write_index(path, docs);
    const fahras::Searcher searcher(path);
    const auto ids_of = [&](const char* query) { return hit_ids(searcher, query); };
    CHECK(ids_of("قلب") == Ids{"singular", "plural"});
    CHECK(ids_of("القلوب") == Ids{"plural", "singular"});
    CHECK(ids_of("مسجد") == Ids{"masjid", "masajid"});
    CHECK(ids_of("مساجد") == Ids{"masajid", "masjid"});
    CHECK(ids_of("الجهاد") == Ids{"jihad", "yujahid"});
    // Phrases ask for exactly their words.
    CHECK(ids_of("\"القلوب سكينة\"") == Ids{"plural"});
    // --explain names the pattern form the document matched, and the word behind it.
    fahras::SearchOptions options;
    options.explain = fahras::Explain::Yes;
    const fahras::SearchResult result = searcher.search("قلب", options);
    REQUIRE(result.hits.size() == 2);
    REQUIRE(result.hits[1].matches.size() == 1);
    CHECK(result.hits[1].matches[0].term == "قلوب");
    using Words = std::vector<std::pair<std::string, unsigned>>;
    CHECK(result.hits[1].matches[0].words == Words{{"القلوب", 1}});
    // ... and the query word it stands for: with two words, each term its own.
    using QueryWords = std::vector<std::string>;
    CHECK(result.hits[1].matches[0].query_words == QueryWords{"قلب"});
    std::map<std::string, QueryWords> for_words;
    for (const fahras::Hit& hit : searcher.search("قلب المساجد", options).hits) {
        for (const fahras::TermMatch& m : hit.matches) for_words[m.term] = m.query_words;
    }
    CHECK(for_words ==
          std::map<std::string, QueryWords>{
              {"قلب", {"قلب"}}, {"قلوب", {"قلب"}}, {"مسجد", {"المساجد"}}, {"مساجد", {"المساجد"}}});
    // The query word as typed, its FATHA included.
    const fahras::SearchResult marked = searcher.search("قَلب", options);
    REQUIRE(!marked.hits.empty());
    REQUIRE(!marked.hits[0].matches.empty());
    CHECK(marked.hits[0].matches[0].query_words == QueryWords{"قَلب"});
}

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
    CHECK(hit_ids(searcher, "سفينة بحر") == Ids{"both", "one-word", "sea1", "sea2", "sea3"});
    // Proximity: of two documents with the same words, the one where they stand together.
    CHECK(hit_ids(searcher, "قارب ميناء") == Ids{"together", "apart"});
    // A single word, a phrase and --sort date are not re-ranked.
    CHECK(hit_ids(searcher, "سفينة") == Ids{"one-word", "both"});
    CHECK(hit_ids(searcher, "\"قارب ورق\"") == Ids{"apart"});
    fahras::SearchOptions by_date;
    by_date.sort = fahras::Sort::Date;
    Ids undated;
    for (const fahras::Hit& hit : searcher.search("قارب ميناء", by_date).hits) {
        undated.push_back(hit.id);
    }
    CHECK(undated == Ids{"apart", "together"});
    // Re-ranking switched off (SearchOptions::rerank_depth 0, --rerank 0): the weights' order.
    fahras::SearchOptions off;
    off.rerank_depth = 0;
    Ids plain;
    for (const fahras::Hit& hit : searcher.search("سفينة بحر", off).hits) plain.push_back(hit.id);
    CHECK(plain == Ids{"one-word", "both", "sea1", "sea2", "sea3"});
    // Only the first rerank_depth hits are re-ranked: with 1, "both" stays second, however
    // many hits are asked for, and pages of one hit give the same list, scores falling.
    fahras::SearchOptions first_only;
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
    fahras::SearchOptions off;
    off.rerank_depth = 0;
    CHECK(rank_of("سفينة بحر", "both-ship", off) == 51);
    CHECK(rank_of("قارب بحر", "both-boat", off) == 50);
    // The default depth reaches the 50th hit, not the 51st.
    CHECK(rank_of("سفينة بحر", "both-ship", {}) == 51);
    CHECK(rank_of("قارب بحر", "both-boat", {}) == 1);
    fahras::SearchOptions deeper;
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
        for (const fahras::Hit& hit : searcher.search(query, {}).hits) {
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
    CHECK(hit_ids(searcher, "يجاهد جهاد") == hit_ids(searcher, "جهاد يجاهد"));
}

TEST_CASE("pseudo-relevance feedback adds the first hits' stems; its hits are not re-ranked") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {
                          {.id = "both", .title = "", .text = "سفينة بحر ميناء قارب"},
                          {.id = "ship", .title = "", .text = "سفينة ميناء قارب جبل"},
                          {.id = "port", .title = "", .text = "ميناء قارب مرسى"},
                          {.id = "hill", .title = "", .text = "جبل نهر"},
                          {.id = "tree", .title = "", .text = "شجر نهر"},
                      });
    const fahras::Searcher searcher(path);
    CHECK(hit_ids(searcher, "سفينة بحر") == Ids{"both", "ship"});
    fahras::SearchOptions feedback;
    feedback.expand_terms = 2;  // ميناء and قارب, in both of the first hits
    const fahras::SearchResult result = searcher.search("سفينة بحر", feedback);
    Ids ids;
    for (const fahras::Hit& hit : result.hits) ids.push_back(hit.id);
    CHECK(ids == Ids{"both", "ship", "port"});
    // "port" holds none of the query's words: re-ranking would have scored it 0.
    REQUIRE(result.hits.size() == 3);
    CHECK(result.hits[2].score > 0);
}

TEST_CASE("ranking names") {
    CHECK(fahras::parse_ranking("auto") == fahras::Ranking::Auto);
    CHECK(fahras::parse_ranking("dlh") == fahras::Ranking::Dlh);
    CHECK(fahras::parse_ranking("bm25") == fahras::Ranking::Bm25);
    CHECK_THROWS_WITH_AS((void)fahras::parse_ranking("tfidf"),
                         "unknown ranking 'tfidf' (use auto, dlh or bm25)", fahras::Error);
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

namespace {

/** The "did you mean" of @p query on @p searcher (nothing else asked for). */
std::string did_you_mean(const fahras::Searcher& searcher, const std::string& query) {
    fahras::SearchOptions options;
    options.snippets = fahras::Snippets::No;
    return searcher.search(query, options).did_you_mean;
}

/** A word of 32 Arabic letters, 64 bytes: the longest word the index takes. */
const std::string kLongestWord = "ثبتجحخدذرزسشصضطظعغفقثبتجحخدذرزسش";

/** An index whose spelling data (words seen three times or more) holds "at", بوتين, ترامب
 *  and kLongestWord; its BBC document is the only one with ترامب. */
class SpellingIndex {
  public:
    SpellingIndex() {
        fahras::IndexWriter writer(path(), {});
        writer.add({.id = "bbc",
                    .title = "",
                    .text = "ترامب ترامب ترامب at at at",
                    .source = "ant-v2.1/BBC"});
        writer.add(
            {.id = "okaz",
             .title = "",
             .text = "بوتين بوتين بوتين " + kLongestWord + " " + kLongestWord + " " + kLongestWord,
             .source = "saudinewsnet/okaz"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

  private:
    fahras::test::TempDir dir_;
};

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

TEST_CASE("regression: #15 a search for no hits counts every match exactly") {
    // See: issue #15
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions all;
    all.limit = 100;
    fahras::SearchOptions count;
    count.limit = 0;
    for (const std::string query :
         {"بوتين", "\"بوتين وترامب\"", "\"بوتين في موسكو\"", "بوتين source:ant-v2.1/BBC",
          "exact:وبوتين", "بوت*", "روما", ""}) {
        CAPTURE(query);
        const fahras::SearchResult counted = searcher.search(query, count);
        CHECK(counted.hits.empty());
        CHECK(counted.matches_estimated == searcher.search(query, all).hits.size());
    }
    count.since = "2015";
    all.since = "2015";
    CHECK(searcher.search("بوتين", count).matches_estimated == 3);
    CHECK(searcher.search("بوتين", all).hits.size() == 3);
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

TEST_CASE("document() returns a document's stored fields and whole text by its id") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // An id of 400 Arabic letters (800 bytes) is indexed under a cut and hashed term.
    std::string long_id;
    for (int i = 0; i < 400; ++i) long_id += "ب";
    const std::string text = "استقبل الرَّئِيسُ الروسي\nفلاديمير بوتين نظيره في موسكو.";
    write_index(path, {{.id = "okaz-1",
                        .title = "بوتين يستقبل نظيره",
                        .text = text,
                        .date = "2015-07-21 02:51:32",
                        .source = "saudinewsnet/okaz",
                        .url = "https://example.org/okaz/1"},
                       {.id = long_id, .title = "", .text = "نص"}});
    const fahras::Searcher searcher(path);
    const std::optional<fahras::StoredDocument> doc = searcher.document("okaz-1");
    REQUIRE(doc.has_value());
    CHECK(doc->id == "okaz-1");
    CHECK(doc->title == "بوتين يستقبل نظيره");
    CHECK(doc->text == text);  // as written: diacritics and line break kept
    CHECK(doc->date == "2015-07-21 02:51:32");
    CHECK(doc->source == "saudinewsnet/okaz");
    CHECK(doc->url == "https://example.org/okaz/1");

    const std::optional<fahras::StoredDocument> long_one = searcher.document(long_id);
    REQUIRE(long_one.has_value());
    CHECK(long_one->id == long_id);
    CHECK(long_one->text == "نص");
    CHECK(long_one->title.empty());
    CHECK(long_one->date.empty());

    // Ids match exactly: not a prefix, not another case, not the cut id of the term.
    const std::vector<std::string> absent_ids = {
        "okaz", "OKAZ-1", "okaz-1 ", "", "missing", long_id.substr(0, long_id.size() - 2)};
    for (const std::string& absent : absent_ids) {
        CAPTURE(absent);
        CHECK_FALSE(searcher.document(absent).has_value());
    }
}

TEST_CASE("document() reads the index as it is now") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {{.id = "a", .title = "", .text = "قديم"}});
    const fahras::Searcher searcher(path);
    CHECK_FALSE(searcher.document("b").has_value());
    {
        fahras::IndexWriter writer(path, {});
        writer.add({.id = "a", .title = "", .text = "جديد"});
        writer.add({.id = "b", .title = "", .text = "ثان"});
        writer.commit();
    }
    REQUIRE(searcher.document("b").has_value());
    CHECK(searcher.document("a")->text == "جديد");
}

TEST_CASE("check_search_options refuses bad dates as search() does, without an index") {
    fahras::SearchOptions options;
    fahras::check_search_options(options);
    options.since = "2017-01";
    options.until = "2017";
    fahras::check_search_options(options);
    options.since = "2015-02-30";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "bad date '2015-02-30' for since (use YYYY-MM-DD, YYYY-MM or YYYY)",
                         fahras::Error);
    options.since = "2019";
    options.until = "2018";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "since '2019' is after until '2018'", fahras::Error);
    options.since = "";
    options.until = "20181";
    CHECK_THROWS_WITH_AS(fahras::check_search_options(options),
                         "bad date '20181' for until (use YYYY-MM-DD, YYYY-MM or YYYY)",
                         fahras::Error);
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

TEST_CASE("the bounds of the match count hold the estimate, and meet when it is exact") {
    const NewsIndex index;
    const fahras::Searcher searcher(index.path());
    fahras::SearchOptions page;
    page.limit = 1;
    const fahras::SearchResult first = searcher.search("بوتين", page);
    CHECK(first.matches_lower_bound <= first.matches_estimated);
    CHECK(first.matches_estimated <= first.matches_upper_bound);
    CHECK(first.matches_lower_bound >= first.hits.size());
    // Facets make the count exact: the bounds are the count.
    page.facets = {fahras::Facet::Source};
    const fahras::SearchResult counted = searcher.search("بوتين", page);
    CHECK(counted.matches_estimated == 5);
    CHECK(counted.matches_lower_bound == 5);
    CHECK(counted.matches_upper_bound == 5);
}
