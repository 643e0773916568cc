/** @file
 *  @brief Query expansion: a free word's other forms, bare reading, pattern forms and title term.
 */
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "fahras/search.h"
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
