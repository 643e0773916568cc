/** @file
 *  @brief Tests of fahras::normalize, one rule at a time.
 */
#include "fahras/normalize.h"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

namespace {

// Invisible or combining characters, named.
constexpr std::string_view kFatha = "\u064e";            // ARABIC FATHA
constexpr std::string_view kDamma = "\u064f";            // ARABIC DAMMA
constexpr std::string_view kKasra = "\u0650";            // ARABIC KASRA
constexpr std::string_view kShadda = "\u0651";           // ARABIC SHADDA
constexpr std::string_view kSukun = "\u0652";            // ARABIC SUKUN
constexpr std::string_view kTanweenFath = "\u064b";      // ARABIC FATHATAN
constexpr std::string_view kHamzaAbove = "\u0654";       // ARABIC HAMZA ABOVE
constexpr std::string_view kSuperscriptAlef = "\u0670";  // ARABIC LETTER SUPERSCRIPT ALEF
constexpr std::string_view kSmallHighSeen = "\u06dc";    // ARABIC SMALL HIGH SEEN
constexpr std::string_view kSmallHighMeem = "\u06e2";    // ARABIC SMALL HIGH MEEM ISOLATED FORM
constexpr std::string_view kTatweel = "\u0640";          // ARABIC TATWEEL
constexpr std::string_view kZwnj = "\u200c";             // ZERO WIDTH NON-JOINER
constexpr std::string_view kZwj = "\u200d";              // ZERO WIDTH JOINER
constexpr std::string_view kLrm = "\u200e";              // LEFT-TO-RIGHT MARK
constexpr std::string_view kRlm = "\u200f";              // RIGHT-TO-LEFT MARK
constexpr std::string_view kAlm = "\u061c";              // ARABIC LETTER MARK

struct Case {
    std::string input;
    std::string expected;
};

void check_all(const std::vector<Case>& cases) {
    for (const Case& c : cases) {
        CAPTURE(c.input);
        CHECK(fahras::normalize(c.input) == c.expected);
    }
}

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (std::string_view p : parts) s += p;
    return s;
}

}  // namespace

TEST_CASE("harakat, superscript alef and Qur'anic marks are deleted") {
    check_all({
        {cat({"ك", kFatha, "ت", kFatha, "ب", kFatha}), "كتب"},
        {cat({"ال", "ر", kShadda, kFatha, "ئ", kKasra, "ي", "س", kDamma}), "الرءيس"},
        {cat({"ع", kSukun, "ل", kDamma, "م", kTanweenFath}), "علم"},
        {cat({"ه", kSuperscriptAlef, "ذا"}), "هذا"},
        {cat({"الرحم", kSuperscriptAlef, "ن"}), "الرحمن"},
        {cat({"يؤمنون", kSmallHighMeem, " ", kSmallHighSeen}), "يءمنون "},
    });
}

TEST_CASE("a waw carrying superscript alef is read as alef (Qur'anic spelling)") {
    check_all({
        {cat({"ٱلصَّلَو", kSuperscriptAlef, "ةَ"}), "الصلاه"},
        {cat({"ٱلزَّكَو", kSuperscriptAlef, "ة"}), "الزكاه"},
        {cat({"و", kFatha, "ل"}), "ول"},  // a waw without it stays
    });
}

TEST_CASE("tatweel and format characters are deleted") {
    check_all({
        {cat({"الس", kTatweel, kTatweel, kTatweel, "لام"}), "السلام"},
        {cat({"می", kZwnj, "خواهم"}), "ميخواهم"},
        {cat({"عر", kZwj, "ب"}), "عرب"},
        {cat({kRlm, "مصر", kLrm}), "مصر"},
        {cat({kAlm, "2024"}), "2024"},
    });
}

TEST_CASE("alef forms become bare alef") {
    check_all({
        {"أحمد", "احمد"},        // ARABIC LETTER ALEF WITH HAMZA ABOVE
        {"إبراهيم", "ابراهيم"},  // ARABIC LETTER ALEF WITH HAMZA BELOW
        {"آمنة", "امنه"},        // ARABIC LETTER ALEF WITH MADDA ABOVE
        {"ٱلحمد", "الحمد"},      // ARABIC LETTER ALEF WASLA
    });
}

TEST_CASE("alef maksura and teh marbuta are folded") {
    check_all({
        {"مستشفى", "مستشفي"},  // ARABIC LETTER ALEF MAKSURA -> YEH
        {"مدينة", "مدينه"},    // ARABIC LETTER TEH MARBUTA -> HEH
    });
}

TEST_CASE("a hamza is one letter whatever its seat") {
    check_all({
        {"مؤتمر", "مءتمر"},  // ARABIC LETTER WAW WITH HAMZA ABOVE -> HAMZA
        {"رئيس", "رءيس"},    // ARABIC LETTER YEH WITH HAMZA ABOVE -> HAMZA
        {"سماء", "سماء"},    // ARABIC LETTER HAMZA on the line stays
        {"شاطئ", "شاطء"},    // word-final too
        {"تباطؤ", "تباطء"},
    });
    // One word, its hamza on waw, on yeh (Egyptian and older print) or on the line.
    CHECK(fahras::normalize("مسؤول") == fahras::normalize("مسئول"));
    CHECK(fahras::normalize("الشؤون") == fahras::normalize("الشئون"));
    CHECK(fahras::normalize("رؤوس") == fahras::normalize("رءوس"));
    CHECK(fahras::normalize("يقرؤون") == fahras::normalize("يقرءون"));
    CHECK(fahras::normalize("جاؤوا") == fahras::normalize("جاءوا"));
    CHECK(fahras::normalize("لقائه") == fahras::normalize("لقاءه"));
    CHECK(fahras::normalize("سيئ") == fahras::normalize("سيء"));
    CHECK(fahras::normalize("ملائمة") == fahras::normalize("ملاءمة"));
    // Old print writes ئ as a dotless yeh and the hamza after it (ىء).
    CHECK(fahras::normalize("الطوارىء") == fahras::normalize("الطوارئ"));
    CHECK(fahras::normalize("لاجىء") == fahras::normalize("لاجئ"));
    CHECK(fahras::normalize(cat({"شاطى", kSukun, "ء"})) == "شاطء");  // marks between
    // Seats keep words apart that the bare carrier joined: heads are not Russians, a group is
    // not the stop word فيه, was asked is not a flood.
    CHECK(fahras::normalize("رؤوس") != fahras::normalize("روس"));
    CHECK(fahras::normalize("فئة") != fahras::normalize("فيه"));
    CHECK(fahras::normalize("سئل") != fahras::normalize("سيل"));
    // An alef maksura before another letter, or ending the word, is the yeh.
    CHECK(fahras::normalize("على ءامن") == "علي ءامن");
}

TEST_CASE("decomposed hamza gives the same result as precomposed") {
    // ALEF + HAMZA ABOVE composes (NFKC) to ALEF WITH HAMZA ABOVE, then folds to ALEF.
    CHECK(fahras::normalize(cat({"ا", kHamzaAbove, "حمد"})) == fahras::normalize("أحمد"));
    CHECK(fahras::normalize(cat({"ي", kHamzaAbove})) == fahras::normalize("ئ"));
    CHECK(fahras::normalize(cat({"و", kHamzaAbove})) == fahras::normalize("ؤ"));
}

TEST_CASE("presentation forms and the lam-alef ligatures become plain letters") {
    check_all({
        {"\ufefb", "لا"},  // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
        {"\ufef7", "لا"},  // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE
        {"\ufe8d\ufedf\ufeb4\ufefc\ufee1", "السلام"},  // presentation forms of السلام
        {"\ufdf2", "الله"},                            // ARABIC LIGATURE ALLAH ISOLATED FORM
    });
}

TEST_CASE("Persian and Urdu letters become their Arabic equivalents") {
    check_all({
        {"کتاب", "كتاب"},  // ARABIC LETTER KEHEH -> KAF
        {"یک", "يك"},      // ARABIC LETTER FARSI YEH -> YEH
        {"ہے", "هي"},      // ARABIC LETTER HEH GOAL, ARABIC LETTER YEH BARREE
        {"ۃ", "ه"},        // ARABIC LETTER TEH MARBUTA GOAL -> HEH
    });
}

TEST_CASE("digits of every script become ASCII") {
    check_all({
        {"٢٠٢٤", "2024"},        // ARABIC-INDIC DIGIT TWO, ZERO, TWO, FOUR
        {"۱۴۰۳", "1403"},        // EXTENDED ARABIC-INDIC DIGIT ONE, FOUR, ZERO, THREE
        {"٣٫٥", "3.5"},          // ARABIC DECIMAL SEPARATOR -> '.'
        {"٣٠٠٬٠٠٠", "300,000"},  // ARABIC THOUSANDS SEPARATOR -> ','
    });
}

TEST_CASE("Latin text is kept as written (case folding happens in tokenize)") {
    CHECK(fahras::normalize("December AND") == "December AND");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD and normalization goes on") {
    CHECK(fahras::normalize("ب\xff"
                            "ت") ==
          "ب\xEF\xBF\xBD"
          "ت");
}
