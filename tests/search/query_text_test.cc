/** @file
 *  @brief Tests of fahras::query_text on the seed corpus's tricky cases.
 */
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fahras/query.h"

TEST_CASE("query_text keeps query syntax and normalizes words") {
    struct Case {
        std::string input;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"الرئيس الروسى", "الرءيس الروسي"},
        {"\"الرئيس الروسي\"", "\"الرءيس الروسي\""},
        {"«الرئيس الروسي»", "\"الرءيس الروسي\""},
        {"بوتين AND ترامب", "بوتين AND ترامب"},
        {"بوتين and ترامب", "بوتين and ترامب"},
        {"بوتين NOT ترامب", "بوتين NOT ترامب"},
        {"+بوتين -ترامب", "+بوتين -ترامب"},
        {"الأمريكية-الروسية", "الامريكيه-الروسيه"},
        {"- من هو خاشقجي؟", "  من هو خاشقجي "},
        {"بوت* ترامب", "fahrasstem:بوت* ترامب"},
        {"title:بوت*", "title:بوت*"},
        {"(بوتين OR ترامب) روسيا", "(بوتين OR ترامب) روسيا"},
        {"145مليون", "145 مليون"},
        {"title:بوتين", "title:بوتين"},
        {"العنوان: بوتين", "العنوان  بوتين"},
        // Stop words have no positions: phrases and hyphenated words go without them, a
        // hyphen left before a word never becomes "must not", and a phrase of stop words
        // alone is its words.
        {"\"الرئيس في موسكو\"", "\"الرءيس  موسكو\""},
        {"\"في موسكو\" بوتين", "\" موسكو\" بوتين"},
        {"الحرب-في-غزة", "الحرب-غزه"},
        {"في-غزة", " غزه"},
        {"\"في من\" بوتين", " في من  بوتين"},
        {"في موسكو", "في موسكو"},
        // Fields hold words without positions: a hyphenated field word is its words.
        {"title:الأمريكية-الروسية", "title:الامريكيه title:الروسيه"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(fahras::query_text(c.input) == c.expected);
    }
}
