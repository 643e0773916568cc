/** @file
 *  @brief Tests of fahras::tokenize on the seed corpus's tricky cases.
 */
#include "fahras/tokenize.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "analysis/words.h"

using Words = std::vector<std::string>;

TEST_CASE("tokenize splits on punctuation of both scripts") {
    struct Case {
        std::string input;
        Words expected;
    };
    const std::vector<Case> cases = {
        {"ب”الكلام", {"ب", "الكلام"}},
        {"“إنترفاكس”", {"انترفاكس"}},
        {"ترامب..", {"ترامب"}},
        {"(13 نيسان/ أبريل)", {"13", "نيسان", "ابريل"}},
        {"الأمريكية-الروسية", {"الامريكيه", "الروسيه"}},
        {"قال، ثم؛ لماذا؟ «نعم»", {"قال", "ثم", "لماذا", "نعم"}},
        {"don't", {"don", "t"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(fahras::tokenize(c.input) == c.expected);
    }
}

TEST_CASE("tokenize splits digits glued to letters") {
    CHECK(fahras::tokenize("145مليون") == Words{"145", "مليون"});
    CHECK(fahras::tokenize("الـ20") == Words{"ال", "20"});
    CHECK(fahras::tokenize("G20") == Words{"g", "20"});
}

TEST_CASE("tokenize keeps numbers whole") {
    CHECK(fahras::tokenize("300,000") == Words{"300000"});
    CHECK(fahras::tokenize("2.5") == Words{"2.5"});
    CHECK(fahras::tokenize("٣٠٠٬٠٠٠ و٢٫٥") == Words{"300000", "و", "2.5"});
    CHECK(fahras::tokenize("2016.") == Words{"2016"});
}

TEST_CASE("tokenize case-folds Latin words") {
    CHECK(fahras::tokenize("December DECEMBER") == Words{"december", "december"});
}

TEST_CASE("analysis_text joins the words with spaces") {
    CHECK(fahras::analysis_text("ترامب.. و“بوتين”") == "ترامب و بوتين");
    CHECK(fahras::analysis_text("") == "");
}

TEST_CASE("analysis_words holds tokenize's words, one by one") {
    // What the index writer reads: the words of tokenize, no more split on spaces.
    for (const std::string input : {"", "ترامب.. و“بوتين”", "145مليون الـ20 G20 2.5.3",
                                    "ΣΊΣΥΦΟΣ Straße ﻻ \xff\xfe x", "  \t\n"}) {
        CAPTURE(input);
        const fahras::detail::WordList list = fahras::detail::analysis_words(input);
        Words words;
        for (std::size_t i = 0; i < list.size(); ++i) words.emplace_back(list[i]);
        CHECK(words == fahras::tokenize(input));
        CHECK(list.empty() == words.empty());
    }
}
