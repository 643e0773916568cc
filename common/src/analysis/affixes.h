/** @file
 *  @brief Internal: the Arabic affix table, the one list of the proclitics and suffixes that
 *  the light stemmer strips (stemmer.cc) and that query expansion adds back or reads off
 *  (search/). Written normalized (fahras::normalize): alef forms are bare alef, teh marbuta
 *  is heh, alef maksura is yeh. docs/analyzer.md explains each entry and its guard.
 */
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace fahras::detail {

// The proclitic letters.
inline constexpr std::string_view kWaw = "\u0648";  // ARABIC LETTER WAW: the conjunction و
inline constexpr std::string_view kFeh = "\u0641";  // ARABIC LETTER FEH: the conjunction ف
inline constexpr std::string_view kBeh = "\u0628";  // ARABIC LETTER BEH: the preposition ب
inline constexpr std::string_view kLam = "\u0644";  // ARABIC LETTER LAM: the preposition ل
inline constexpr std::string_view kKaf = "\u0643";  // ARABIC LETTER KAF: the preposition ك

/** A proclitic sequence and the shortest stem it may leave. */
struct Prefix {
    std::string_view text;
    std::size_t min_stem;  // code points the stem (after suffixes) must keep
};

// Conjunction (و ف), preposition (ب ل; ك only before the article) and article (ال, with ل
// written لل), longest first. The guards keep the stripping off short words (وزن, بلد) and
// off names whose first letter is a proclitic letter (بوتين, بايدن, لبنان).
inline constexpr std::size_t kArticleStem = 3;  // الله keeps its article
inline constexpr std::size_t kConjStem = 3;     // وقال → قال
inline constexpr std::size_t kFaStem = 4;       // فريق, فكرة stay whole
inline constexpr std::size_t kPrepStem = 5;  // لترامب → ترامب, but بوتين is not ب + وتين
inline constexpr std::array kPrefixes{
    Prefix{"وبال", kArticleStem}, Prefix{"وكال", kArticleStem}, Prefix{"فبال", kArticleStem},
    Prefix{"فكال", kArticleStem}, Prefix{"ولل", kArticleStem},  Prefix{"فلل", kArticleStem},
    Prefix{"وال", kArticleStem},  Prefix{"فال", kArticleStem},  Prefix{"بال", kArticleStem},
    Prefix{"كال", kArticleStem},  Prefix{"لل", kArticleStem},   Prefix{"ال", kArticleStem},
    Prefix{"وب", kPrepStem},      Prefix{"ول", kPrepStem},      Prefix{"فب", kPrepStem},
    Prefix{"فل", kPrepStem},      Prefix{"و", kConjStem},       Prefix{"ف", kFaStem},
    Prefix{"ب", kPrepStem},       Prefix{"ل", kPrepStem},
};

/** A suffix and the shortest stem it may leave. */
struct Suffix {
    std::string_view text;
    std::size_t min_stem;
    bool guarded = false;  // a stem of min_stem letters only if not alef-final nor a stop word
};

// Pronoun suffixes, and ه, which after normalization is also the teh marbuta; at most one
// is removed. هم هن كم كن may leave three letters (كهفهم → كهف, دينهم → دين), except a stem
// ending in alef, where they are the last letters of a plural مفاعل or أفاعل (مساكن, اماكن,
// مساهم, تفاهم), and a stop word (عليهن is not على). نا keeps four: at three it lost on
// qqa23 (docs/analyzer.md).
inline constexpr std::array kPronounSuffixes{
    Suffix{"هما", 3},      Suffix{"كما", 3},      Suffix{"ها", 3},
    Suffix{"هم", 3, true}, Suffix{"هن", 3, true}, Suffix{"كم", 3, true},
    Suffix{"كن", 3, true}, Suffix{"نا", 4},       Suffix{"ه", 3},
};

// Inflection suffixes, longest first; at most one is removed. ون ين ان need a long stem so
// that بوتين, حسين, عثمان, ايران keep their last letters. وا is the plural of past verbs
// (قالوا); ا the accusative tanween (اسباطا, اماما) and the ending of many names (امريكا,
// whose adjective امريكي shares the stem).
inline constexpr std::array kInflectionSuffixes{
    Suffix{"يات", 3}, Suffix{"يون", 3}, Suffix{"يين", 3}, Suffix{"ات", 3},
    Suffix{"ون", 4},  Suffix{"ين", 4},  Suffix{"ان", 4},  Suffix{"يه", 3},
    Suffix{"يا", 3},  Suffix{"وا", 3},  Suffix{"ي", 3},   Suffix{"ا", 3},
};

/** Every one-letter proclitic: the conjunctions و ف and the prepositions ب ل ك. The stemmer
 *  strips each alone only down to its guard (kPrefixes; ك only before the article), so a
 *  short stem may keep one: query expansion looks for the stem with and without it. */
inline constexpr std::array kProcliticLetters{kWaw, kFeh, kBeh, kLam, kKaf};

/** The one-letter proclitics whose guard in kPrefixes is longer than the conjunction's
 *  (ف ب ل): the stemmer's length guard may leave them on a word whose bare form the index
 *  holds (لقومه, بمرض, فقومه), and query expansion may read them off. Not و (stripped down
 *  to three letters, so a و left on is a radical: وسائل, وادي), nor ك (a proclitic mostly
 *  before the article: كيان). */
inline constexpr std::array kGuardedProclitics{kFeh, kBeh, kLam};

/** The prefixes of the imperfect verb (ي ت ن ا), which query expansion adds to a stem shaped
 *  like a past verb, or reads off. */
inline constexpr std::array<std::string_view, 4> kImperfectPrefixes{
    "\u064A",  // ARABIC LETTER YEH
    "\u062A",  // ARABIC LETTER TEH
    "\u0646",  // ARABIC LETTER NOON
    "\u0627",  // ARABIC LETTER ALEF
};

/** True if kGuardedProclitics are the one-letter entries of kPrefixes guarded above
 *  kConjStem: the table and the list cannot drift apart. */
constexpr bool guarded_proclitics_match() {
    std::size_t found = 0;
    for (const Prefix& p : kPrefixes) {
        if (p.text.size() != kWaw.size() || p.min_stem <= kConjStem) continue;
        bool listed = false;
        for (const std::string_view g : kGuardedProclitics) listed = listed || g == p.text;
        if (!listed) return false;
        ++found;
    }
    return found == kGuardedProclitics.size();
}
static_assert(guarded_proclitics_match());

}  // namespace fahras::detail
