/** @file
 *  @brief Tests of the analyzer as a whole: the terms and tokens of a text.
 */
#include "fahras/analyzer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/tokenize.h"

using Terms = std::vector<std::string>;

TEST_CASE("terms are the stems of the words that are not stop words") {
    const fahras::Analyzer analyzer;
    CHECK(analyzer.terms("طلب الرئيس دونالد ترامب من نظيره الروسي فلاديمير بوتين") ==
          Terms{"طلب", "رءيس", "دونالد", "ترامب", "نظير", "روس", "فلاديمير", "بوتين"});
    CHECK(analyzer.terms("فِي إِلَى عَلَى") == Terms{});
    CHECK(analyzer.terms("قمة مجموعة الـ20 في أوساكا") == Terms{"قمه", "مجموع", "20", "اوساك"});
}

TEST_CASE("a raw word and its normalized form give the same stem") {
    const fahras::Analyzer analyzer;
    CHECK(analyzer.stem("الرَّئِيـــسُ") == analyzer.stem("الرءيس"));
    CHECK(analyzer.stem("ٱلْإِنْتِخَابَاتُ") == analyzer.stem("الانتخابات"));
    CHECK(analyzer.stem("") == "");
}

TEST_CASE("analyze: surface form, normalized form, stem and byte offsets of each word") {
    const fahras::Analyzer analyzer;
    // ARABIC DAMMA on the last letter and ARABIC TATWEEL inside stay in the surface form.
    const std::string text = "قال: وَالرئيـسُ في موسكو";
    const std::vector<fahras::Token> tokens = analyzer.analyze(text);
    REQUIRE(tokens.size() == 4);
    const fahras::Token& president = tokens[1];
    CHECK(president.surface == "وَالرئيـسُ");
    CHECK(president.normalized == "والرءيس");
    CHECK(president.stem == "رءيس");
    CHECK(president.start == std::string("قال: ").size());
    CHECK(president.end == president.start + president.surface.size());
    CHECK(president.stop_word == fahras::StopWord::No);
    CHECK(tokens[2].surface == "في");
    CHECK(tokens[2].stop_word == fahras::StopWord::Yes);
    for (const fahras::Token& token : tokens) {
        CAPTURE(token.surface);
        CHECK(text.substr(token.start, token.end - token.start) == token.surface);
    }
}

TEST_CASE("analyze gives the words of tokenize(), ligatures and digits included") {
    const fahras::Analyzer analyzer;
    // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM, then ARABIC-INDIC digits glued to letters.
    const std::string text = "\uFEFB شك ١٤٥مليون Unesco";
    const std::vector<fahras::Token> tokens = analyzer.analyze(text);
    std::vector<std::string> normalized;
    for (const fahras::Token& token : tokens) normalized.push_back(token.normalized);
    CHECK(normalized == fahras::tokenize(text));
    REQUIRE(tokens.size() == 5);
    CHECK(tokens[0].surface == "\uFEFB");
    CHECK(tokens[0].normalized == "لا");
    CHECK(tokens[2].surface == "١٤٥");
    CHECK(tokens[2].normalized == "145");
    CHECK(tokens[3].surface == "مليون");
    CHECK(tokens[4].surface == "Unesco");
    CHECK(tokens[4].normalized == "unesco");
}
