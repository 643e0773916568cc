/** @file
 *  @brief Query expansion: a free word's other forms, bare reading, variants, pattern forms and
 *  title term, kept by kind.
 */
#include "search/expansion.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "schema/terms.h"
#include "search/open_index.h"
#include "search/search_helpers.h"
#include "temp_dir.h"

namespace {

using fahras::test::hit_ids;
using fahras::test::Ids;
using fahras::test::write_index;

}  // namespace

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
    // The order of the one-stage ranking, which weighs each form below the word itself (the
    // learned ranker's order: "the learned ranker puts the written form first" below).
    const auto ids_of = [&](const char* query) {
        return hit_ids(searcher, query, fahras::test::classic());
    };
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
    // The weights of the one-stage ranking (the learned ranker pools the forms).
    const auto score = [&](const char* query, const std::string& id) {
        for (const fahras::Hit& hit : searcher.search(query, fahras::test::classic()).hits) {
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

TEST_CASE("a free word's terms are kept by kind: bare reading, forms, variants, patterns, title") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // index_sources() writes the spelling-variant groups (ترمب, ترامب); IndexWriter alone not.
    const std::string jsonl = dir.write("docs.jsonl",
                                        "{\"id\": \"qalb\", \"text\": \"القلب\"}\n"
                                        "{\"id\": \"biqalb\", \"text\": \"بقلب\"}\n"
                                        "{\"id\": \"qulub\", \"text\": \"القلوب\"}\n"
                                        "{\"id\": \"liqawm\", \"text\": \"لقومه\"}\n"
                                        "{\"id\": \"qawm1\", \"text\": \"القوم\"}\n"
                                        "{\"id\": \"qawm2\", \"text\": \"قوم\"}\n"
                                        "{\"id\": \"trump\", \"text\": \"ترامب\"}\n"
                                        "{\"id\": \"trmb\", \"text\": \"ترمب\"}\n");
    (void)fahras::index_sources(path, {jsonl}, {}, {});
    const Xapian::Database db = fahras::detail::open_index(path).db;
    const auto term = [](std::string_view stem) { return fahras::detail::text_term(stem); };
    const auto terms_of = [](const std::vector<fahras::detail::Form>& forms) {
        std::vector<std::string> out;
        for (const fahras::detail::Form& f : forms) out.push_back(f.term);
        return out;
    };
    const std::vector<Xapian::Query> words{Xapian::Query(term("قلب")), Xapian::Query(term("لقوم")),
                                           Xapian::Query(term("ترمب"))};
    const Xapian::Query query(Xapian::Query::OP_OR, words.begin(), words.end());
    const fahras::detail::Expansion expansion =
        fahras::detail::expand_free_words(db, query, fahras::Variants::Yes);
    REQUIRE(expansion.words.size() == 3);
    const fahras::detail::ExpandedWord& qalb = expansion.words[0];
    CHECK(qalb.term == term("قلب"));
    CHECK(qalb.df == 1);
    CHECK_FALSE(qalb.bare.has_value());
    CHECK(terms_of(qalb.forms) == Ids{term("بقلب")});
    CHECK(qalb.variants.empty());
    CHECK(terms_of(qalb.patterns) == Ids{term("قلوب")});
    CHECK(qalb.title == fahras::detail::title_term("قلب"));
    const fahras::detail::ExpandedWord& liqawm = expansion.words[1];
    CHECK(liqawm.bare == term("قوم"));  // two documents, لقوم one
    CHECK(liqawm.forms.empty());
    const fahras::detail::ExpandedWord& trmb = expansion.words[2];
    CHECK(trmb.forms.empty());
    CHECK(terms_of(trmb.variants) == Ids{term("ترامب")});
    // Three words, no term in common: three groups, each a word's terms.
    REQUIRE(expansion.groups.size() == 3);
    CHECK(expansion.groups[0].words == std::vector<std::size_t>{0});
    CHECK(expansion.groups[0].terms == qalb.terms());
    CHECK(qalb.terms() == Ids{qalb.title, term("بقلب"), term("قلب"), term("قلوب")});  // S before Z

    SUBCASE("without variants, a word has none") {
        const fahras::detail::Expansion plain =
            fahras::detail::expand_free_words(db, query, fahras::Variants::No);
        REQUIRE(plain.words.size() == 3);
        CHECK(plain.words[2].variants.empty());
    }
    SUBCASE("words that share a term are one group") {
        const fahras::detail::Expansion both = fahras::detail::expand_free_words(
            db,
            Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(term("قلب")),
                          Xapian::Query(term("قلوب"))),
            fahras::Variants::Yes);
        REQUIRE(both.groups.size() == 1);
        CHECK(both.groups[0].words == std::vector<std::size_t>{0, 1});
    }
    SUBCASE("a phrase is not expanded") {
        const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.begin() + 2);
        const fahras::detail::Expansion none =
            fahras::detail::expand_free_words(db, phrase, fahras::Variants::Yes);
        CHECK(none.words.empty());
        CHECK(none.groups.empty());
        CHECK(none.query.serialise() == phrase.serialise());
    }
}

TEST_CASE("the learned ranker puts the written form first when both occur equally") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // Pairs of documents alike but for the query word: as written, or another form of it.
    write_index(path, {
                          {.id = "qawm", .title = "", .text = "قال موسى القوم اذكروا"},
                          {.id = "liqawm", .title = "", .text = "قال موسى لقومه اذكروا"},
                          {.id = "yukallim", .title = "", .text = "لم يكلم أحدا"},
                          {.id = "kallam", .title = "", .text = "لم كلم أحدا"},
                          {.id = "qulub", .title = "", .text = "في القلوب سكينة"},
                          {.id = "qalb", .title = "", .text = "في القلب سكينة"},
                      });
    const fahras::Searcher searcher(path);
    const auto ids_of = [&](const char* query) { return hit_ids(searcher, query); };
    CHECK(ids_of("قوم") == Ids{"qawm", "liqawm"});
    CHECK(ids_of("يكلم") == Ids{"yukallim", "kallam"});
    CHECK(ids_of("كلم") == Ids{"kallam", "yukallim"});
    CHECK(ids_of("قلب") == Ids{"qalb", "qulub"});
    CHECK(ids_of("قلوب") == Ids{"qulub", "qalb"});
}

TEST_CASE("a short name behind a proclitic finds the name, and the name finds it behind one") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // The stemmer keeps ل and ب on a short word, and takes غزة's teh marbuta (غزه) for a
    // suffix behind them: لغزة is لغز, بمصر is بمصر.
    write_index(path, {
                          {.id = "gaza", .title = "", .text = "قصف في غزة اليوم"},
                          {.id = "li-gaza", .title = "", .text = "وصلت المساعدات لغزة أمس"},
                          {.id = "misr", .title = "", .text = "زيارة إلى مصر الأسبوع المقبل"},
                          {.id = "qatar", .title = "", .text = "وصل الوفد إلى قطر"},
                          {.id = "laban", .title = "", .text = "شرب اللبن باردا"},
                          {.id = "ibn", .title = "", .text = "قال محمد بن سلمان"},
                      });
    const fahras::Searcher searcher(path);
    const auto ids_of = [&](const char* query) { return hit_ids(searcher, query); };
    CHECK(ids_of("لغزة") == Ids{"li-gaza", "gaza"});
    CHECK(ids_of("غزة") == Ids{"gaza", "li-gaza"});
    CHECK(ids_of("بغزة") == Ids{"gaza"});  // one proclitic for another: not a form
    CHECK(ids_of("بمصر") == Ids{"misr"});
    CHECK(ids_of("لقطر") == Ids{"qatar"});
    // Only a teh marbuta is read back: لبن (milk) is not ل + بن.
    CHECK(ids_of("لبن") == Ids{"laban"});
}

TEST_CASE("pattern forms never cross into another word: العالم does not find يعلم") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    write_index(path, {
                          {.id = "alam", .title = "", .text = "كأس العالم لكرة القدم"},
                          {.id = "yalam", .title = "", .text = "الله يعلم ما في القلوب"},
                          {.id = "yujahid", .title = "", .text = "الذين يجاهدون في سبيله"},
                      });
    const fahras::Searcher searcher(path);
    CHECK(hit_ids(searcher, "العالم") == Ids{"alam"});
    CHECK(hit_ids(searcher, "كاس العالم لكرو القدم") == Ids{"alam"});
    // A verb of form III (فاعل) keeps its imperfect: الجهاد still finds يجاهدون.
    CHECK(hit_ids(searcher, "الجهاد") == Ids{"yujahid"});
}
