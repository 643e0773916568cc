/** @file
 *  @brief Tests of the analyzer as a whole: stop words and the terms of a text.
 */
#include "fahras/analyzer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using Terms = std::vector<std::string>;

TEST_CASE("stop words are matched on normalized words") {
    CHECK(fahras::is_stop_word("في"));
    CHECK(fahras::is_stop_word("الي"));  // إلى and إلي and الى, normalized
    CHECK(fahras::is_stop_word("علي"));  // على
    CHECK(fahras::is_stop_word("وفي"));
    CHECK_FALSE(fahras::is_stop_word("فِي"));  // raw, unnormalized text is not a word yet
    CHECK_FALSE(fahras::is_stop_word("بوتين"));
    CHECK_FALSE(fahras::is_stop_word("رييس"));
}

TEST_CASE("terms are the stems of the words that are not stop words") {
    const fahras::Analyzer analyzer;
    CHECK(analyzer.terms("طلب الرئيس دونالد ترامب من نظيره الروسي فلاديمير بوتين") ==
          Terms{"طلب", "رييس", "دونالد", "ترامب", "نظير", "روس", "فلاديمير", "بوتين"});
    CHECK(analyzer.terms("فِي إِلَى عَلَى") == Terms{});
    CHECK(analyzer.terms("قمة مجموعة الـ20 في أوساكا") == Terms{"قمه", "مجموع", "20", "اوساك"});
}

TEST_CASE("a raw word and its normalized form give the same stem") {
    const fahras::Analyzer analyzer;
    CHECK(analyzer.stem("الرَّئِيـــسُ") == analyzer.stem("الرييس"));
    CHECK(analyzer.stem("ٱلْإِنْتِخَابَاتُ") == analyzer.stem("الانتخابات"));
    CHECK(analyzer.stem("") == "");
}
