/** @file
 *  @brief fahras's Arabic light stemmer: clitics and light suffixes, with length guards.
 *
 *  Works on normalized words (fahras::normalize): alef forms are bare alef, teh marbuta is
 *  heh, alef maksura is yeh. Affixes and protected words below are written normalized.
 *  docs/analyzer.md explains each rule and the mistakes it avoids.
 */
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/affixes.h"
#include "fahras/analyzer.h"
#include "fahras/normalize.h"
#include "util/utf8.h"

namespace fahras {

namespace {

// Words whose first or last letters look like affixes but are part of the word. Nothing is
// cut inside one of these where it stands at the start of the word or of the stem, and what
// follows it may be its endings; affixes around it still go (وزيرها → وزير, والده → والد).
// Followed by other letters, the word is another one: والدول is و + ال + دول, وقتل is
// و + قتل, اللهجة is ال + لهجة. Written as in text (وسائل): protected() normalizes them, so
// that the lists follow the normalization (until version 8 وسائل was written وسايل by hand,
// and then never matched).
// clang-format off
constexpr std::string_view kProtectedWords[] = {
    // و-initial words: و is a radical, not the conjunction.
    "وزير", "وزار", "وزرا", "وكال", "ولاي", "وطن", "وقت", "وقود", "وكيل", "وجه",
    "وجود", "وحد", "وحيد", "وصول", "وضع", "وفد", "وفق", "وفاة", "ورق", "ورش", "وسط", "وسائل",
    "وسيل", "وثيق", "وثائق", "وظيف", "ولد", "ولادة", "وعد", "وعي", "وصف", "وقف", "وقوع",
    "وقائع", "وراء", "وزن", "والد", "وادي", "واقع", "واضح", "واجب", "واحد", "واسع", "وارد",
    "والي", "وافق", "وكالات", "وصل", "وجد", "وقع", "واصل", "وليد",
    // Words that end in letters that look like suffixes.
    "الله", "قرآن", "إيمان", "سلطان", "شيطان", "إنسان", "ميدان",
};
// Names (and بيان), whatever letters follow them: فرانسيسكو, ويليامز, بيانوكوفيتش.
constexpr std::string_view kProtectedNames[] = {
    "واشنطن", "ويكيبيديا", "وليام", "ويليام", "ولنغتون",
    // ف-initial words and names.
    "فرنس", "فلسطين", "فيروس", "فنزويلا", "فيسبوك", "فرانس", "فيتنام", "فنلندا",
    "فلوريدا", "فيينا", "فيلادلفيا", "فولكس", "فلاديمير", "فلبين", "فلورنس",
    // ب- and ل-initial words and names.
    "بريطان", "برلمان", "برنامج", "برشلون", "بلجيك", "برازيل", "بنغلاديش", "بيلاروس",
    "بورصات", "بروتوكول", "بطولات", "بلغاري", "بوليفي", "بنسلفاني", "باكستان", "بيانات",
    "لاعب", "ليبرال", "لوكسمبورغ", "ليتواني", "لاتفي", "لبنان", "بيان",
};
// clang-format on

/** @p words as the stemmer sees them: normalized (fahras::normalize). */
std::vector<std::string> normalized(std::span<const std::string_view> words) {
    std::vector<std::string> out;
    out.reserve(words.size());
    for (const std::string_view w : words) out.push_back(normalize(w));
    return out;
}

/** The protected words and names, normalized once, grouped by their first two bytes (one
 *  Arabic letter): is_protected_at is asked at each letter of most words, and comparing each
 *  with every protected word and name was 5% of indexing. */
class ProtectedIndex {
  public:
    ProtectedIndex() {
        for (std::string& w : normalized(kProtectedWords)) {
            buckets_[bucket(w)].words.push_back(std::move(w));
        }
        for (std::string& n : normalized(kProtectedNames)) {
            buckets_[bucket(n)].names.push_back(std::move(n));
        }
    }

    /** The protected words and the names, each in the order of its list, that may begin
     *  @p text (a superset of those that do). */
    struct Candidates {
        std::vector<std::string> words;
        std::vector<std::string> names;
    };
    [[nodiscard]] const Candidates& candidates(std::string_view text) const {
        return buckets_[bucket(text)];
    }

  private:
    static constexpr std::size_t kBuckets = 64;
    static std::size_t bucket(std::string_view text) {
        if (text.size() < 2) return 0;
        return (static_cast<unsigned char>(text[0]) * 31u + static_cast<unsigned char>(text[1])) %
               kBuckets;
    }

    std::array<Candidates, kBuckets> buckets_;
};

const ProtectedIndex& protected_index() {
    static const ProtectedIndex index;
    return index;
}

/** True if @p rest could be the endings of a word: only letters that suffixes are made of
 *  (pronouns, inflections, teh marbuta written heh or teh, and hamza after alef). */
bool may_be_endings(std::string_view rest) {
    constexpr std::string_view kEndingLetters[] = {"ا", "ت", "ه", "ي", "ن", "و", "م", "ك", "ء"};
    for (const std::string_view letter : detail::utf8_code_points(rest)) {
        if (std::find(std::begin(kEndingLetters), std::end(kEndingLetters), letter) ==
            std::end(kEndingLetters)) {
            return false;
        }
    }
    return true;
}

/** True if a protected word starts at byte @p at of @p word (a protected word only when
 *  what follows it may be its endings, a name whatever follows); sets @p found to it. */
bool is_protected_at(std::string_view word, std::size_t at, std::string_view* found) {
    const std::string_view from = word.substr(at);
    const ProtectedIndex::Candidates& candidates = protected_index().candidates(from);
    for (const std::string& p : candidates.words) {
        if (from.starts_with(p) && may_be_endings(from.substr(p.size()))) {
            *found = p;
            return true;
        }
    }
    for (const std::string& p : candidates.names) {
        if (from.starts_with(p)) {
            *found = p;
            return true;
        }
    }
    return false;
}

/** Removes at most one pronoun and one inflection suffix from @p stem; never cuts before
 *  @p keep bytes. */
std::string_view strip_suffix(std::string_view stem, std::size_t keep,
                              std::span<const detail::Suffix> suffixes, bool* stripped) {
    for (const detail::Suffix& s : suffixes) {
        if (!stem.ends_with(s.text)) continue;
        const std::string_view rest = stem.substr(0, stem.size() - s.text.size());
        if (rest.size() < keep || detail::utf8_length(rest) < s.min_stem) continue;
        if (s.guarded && detail::utf8_length(rest) == s.min_stem &&
            (rest.ends_with("ا") || is_stop_word(rest))) {  // ARABIC LETTER ALEF
            continue;
        }
        *stripped = true;
        return rest;
    }
    return stem;
}

std::string_view strip_suffixes(std::string_view stem, std::size_t keep) {
    bool pronoun = false;
    stem = strip_suffix(stem, keep, detail::kPronounSuffixes, &pronoun);
    // The plural of a past verb drops its alef before a pronoun: فعقروها is عقروا + ها. Not
    // after alef, where the و is the word's own (علاوة, تلاوة, عداوة).
    if (pronoun && detail::utf8_length(stem) >= 4 && stem.size() >= keep && stem.ends_with("و") &&
        !stem.ends_with("او") && stem.size() - 2 >= keep) {
        return stem.substr(0, stem.size() - 2);
    }
    // Before a pronoun the teh marbuta is written teh: حكومته is حكومة + ه, كفارته كفارة + ه.
    constexpr std::string_view kTeh = "ت";
    if (pronoun && stem.ends_with(kTeh) && !stem.ends_with("ات") &&
        detail::utf8_length(stem) >= 4 && stem.size() - kTeh.size() >= keep) {
        return stem.substr(0, stem.size() - kTeh.size());
    }
    bool inflection = false;
    return strip_suffix(stem, keep, detail::kInflectionSuffixes, &inflection);
}

/** True if cutting @p word after @p cut bytes splits a protected word that starts before. */
bool cuts_protected(std::string_view word, std::size_t cut) {
    for (std::size_t at = 0; at < cut; ++at) {
        if ((word[at] & 0xC0) == 0x80) continue;  // not a code point boundary
        std::string_view found;
        if (is_protected_at(word, at, &found) && at + found.size() > cut) return true;
    }
    return false;
}

// The word for woman, امرأة, loses its first alef after the article (المرأة, stem مرا), and
// its alef of the hamza (ARABIC LETTER ALEF WITH HAMZA ABOVE, folded to alef) would be taken
// for the accusative ending: امرأة, امرأته gave امر, the stem of أمر (command). Every form
// (امرأة, امرأته, امرأتان, وامرأة) gets the stem of المرأة.
constexpr std::string_view kWoman = "مرا";

/** Stem of @p rest (the word after its proclitics): suffixes, respecting protected words. */
std::string stem_rest(std::string_view rest) {
    if (rest == "امراه" || rest.starts_with("امرات")) return std::string(kWoman);
    std::string_view found;
    const std::size_t keep = is_protected_at(rest, 0, &found) ? found.size() : 0;
    return std::string(strip_suffixes(rest, keep));
}

// The name of God after proclitics: ل + الله is written لله (the article's alef is dropped),
// and the ه of الله is not a pronoun (بالله is not بالل + ه).
constexpr std::string_view kAllah = "الله";
constexpr std::string_view kAllahForms[] = {
    "الله", "لله", "ولله", "فلله", "بالله", "وبالله", "فبالله", "تالله", "والله", "فالله",
};

}  // namespace

std::string light_stem(std::string_view word) {
    if (detail::utf8_length(word) < 3) return std::string(word);
    if (std::find(std::begin(kAllahForms), std::end(kAllahForms), word) != std::end(kAllahForms)) {
        return std::string(kAllah);
    }
    for (const detail::Prefix& p : detail::kPrefixes) {
        if (!word.starts_with(p.text)) continue;
        if (cuts_protected(word, p.text.size())) continue;
        std::string stem = stem_rest(word.substr(p.text.size()));
        if (detail::utf8_length(stem) >= p.min_stem) return stem;
    }
    return stem_rest(word);
}

std::vector<std::string> proclitic_stems(std::string_view stem) {
    std::vector<std::string> out;
    if (detail::utf8_length(stem) < 3) return out;
    for (const std::string_view p : detail::kProcliticLetters) {
        std::string form = light_stem(std::string(p) += stem);
        if (form != stem) out.push_back(std::move(form));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> bare_stems(std::string_view stem) {
    std::vector<std::string> out;
    for (const std::string_view p : detail::kGuardedProclitics) {
        if (!stem.starts_with(p)) continue;
        const std::string_view rest = stem.substr(p.size());
        // The teh marbuta (ه after normalization) that the suffix guard stripped, counting the
        // proclitic as a letter of the stem: لغزه → لغز.
        for (std::string candidate :
             {std::string(rest), std::string(rest) + "ه"}) {  // ARABIC LETTER HEH
            if (light_stem(candidate) == candidate &&
                light_stem(std::string(p) + candidate) == stem) {
                out.push_back(std::move(candidate));
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace fahras

namespace fahras {

std::string variant_key(std::string_view stem) {
    std::string key;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < stem.size();) {
        const auto b = static_cast<unsigned char>(stem[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        std::string_view letter = stem.substr(i, n);
        i += n;
        const bool first = letters == 0;
        ++letters;
        if (!first && (letter == "ا" || letter == "و" || letter == "ي" || letter == "ء")) continue;
        if (letter == "\u067E") letter = "ب";  // ARABIC LETTER PEH
        if (letter == "\u0686") letter = "ج";  // ARABIC LETTER TCHEH
        if (letter == "\u0698") letter = "ز";  // ARABIC LETTER JEH
        if (letter == "\u06A4") letter = "ف";  // ARABIC LETTER VEH
        if (letter == "\u06AF") letter = "ك";  // ARABIC LETTER GAF
        key += letter;
    }
    return detail::utf8_length(key) >= 4 ? key : std::string();
}

namespace {

/** Two patterns whose words are often the same word in another number: in each, the digits
 *  1 2 3 stand for the root's letters (ف ع ل), anything else is itself. */
struct PatternPair {
    std::string_view a;
    std::string_view b;
};

// Broken plurals and their singulars, both ways, written as in text and normalized by
// pattern_pairs() (so the teh marbuta of فعلة is a ه the stemmer strips, and the ئ of فعائل
// is ء, as in the stems). Roots of three letters only: the patterns of four (فعلل ↔ فعالل)
// also join a name to its spelling variant (ترمب ↔ ترامب), which only --variants should do,
// and gained nothing measurable (docs/query.md).
constexpr std::array kPatternPairs{
    PatternPair{"123", "أ12ا3"},   // فعل ↔ أفعال: خبر اخبار
    PatternPair{"123", "12و3"},    // فعل ↔ فعول: قلب قلوب
    PatternPair{"123", "12ا3"},    // فعل ↔ فعال: جبل جبال, كتب كتاب
    PatternPair{"12ي3", "123اء"},  // فعيل ↔ فعلاء: وزير وزراء
    PatternPair{"12ي3", "12ا3"},   // فعيل ↔ فعال: كبير كبار
    PatternPair{"12ي3", "12ائ3"},  // فعيلة ↔ فعائل: قبيلة قبائل
    PatternPair{"12ا3", "12ائ3"},  // فعالة ↔ فعائل: رسالة رسائل
    PatternPair{"12ا3", "أ123"},   // فعال ↔ أفعلة: سلاح اسلحة
    PatternPair{"1ا23", "12ا3"},   // فاعل ↔ فعال: كافر كفار
    PatternPair{"1ا23", "123"},    // فاعل ↔ فعلة: طالب طلبة
    PatternPair{"1ا23", "1وا23"},  // فاعل(ة) ↔ فواعل: قاعدة قواعد
    PatternPair{"1ائ3", "1يا3"},  // فائل ↔ فيال(ة), hollow roots: صائم صيام, قائد قيادة
    PatternPair{"م123", "م1ا23"},    // مفعل ↔ مفاعل: مسجد مساجد
    PatternPair{"م12ا3", "م1ا2ي3"},  // مفعال ↔ مفاعيل: مفتاح مفاتيح
    PatternPair{"م12و3", "م1ا2ي3"},  // مفعول ↔ مفاعيل: مشروع مشاريع
};

/** A pattern as its letters (each a code point's bytes). */
using Pattern = std::vector<std::string>;

/** kPatternPairs normalized, each pattern as its letters. */
const std::vector<std::pair<Pattern, Pattern>>& pattern_pairs() {
    static const std::vector<std::pair<Pattern, Pattern>> pairs = [] {
        const auto letters = [](std::string_view pattern) {
            Pattern out;
            for (const std::string_view letter : detail::utf8_code_points(normalize(pattern))) {
                out.emplace_back(letter);
            }
            return out;
        };
        std::vector<std::pair<Pattern, Pattern>> out;
        for (const PatternPair& pair : kPatternPairs) {
            out.emplace_back(letters(pair.a), letters(pair.b));
        }
        return out;
    }();
    return pairs;
}

constexpr std::size_t kMaxRadicals = 3;

/** The root letter that @p p, a letter of a pattern, stands for (0 to 2: the digits 1 2 3),
 *  or nullopt if @p p stands for itself. */
std::optional<std::size_t> radical_of(std::string_view p) {
    if (p.size() != 1 || p[0] < '1' || p[0] > '3') return std::nullopt;
    return static_cast<std::size_t>(p[0] - '1');
}

/** Fills @p radicals if @p word fits @p pattern. Alef is a long vowel, never a root letter
 *  but the first (where it is a hamza). */
bool fits(const std::vector<std::string_view>& word, const Pattern& pattern,
          std::array<std::string_view, kMaxRadicals>* radicals) {
    if (word.size() != pattern.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (const std::optional<std::size_t> r = radical_of(pattern[i])) {
            if (word[i] == "ا" && *r > 0) return false;  // ARABIC LETTER ALEF
            (*radicals)[*r] = word[i];
        } else if (word[i] != pattern[i]) {
            return false;
        }
    }
    return true;
}

std::string build(const Pattern& pattern,
                  const std::array<std::string_view, kMaxRadicals>& radicals) {
    std::string out;
    for (const std::string_view p : pattern) {
        const std::optional<std::size_t> r = radical_of(p);
        out += r ? radicals[*r] : p;
    }
    return out;
}

}  // namespace

std::vector<std::string> pattern_forms(std::string_view stem) {
    const std::vector<std::string_view> word = detail::utf8_code_points(stem);
    std::vector<std::string> out;
    if (word.size() < 3) return out;
    // Arabic letters only: ARABIC NUMBER SIGN (U+0600) to ARABIC LETTER HEH WITH INVERTED V
    // (U+06FF) are two bytes in UTF-8, the first 0xD8 to 0xDB.
    const auto arabic = [](std::string_view letter) {
        const auto lead = static_cast<unsigned char>(letter[0]);
        return letter.size() == 2 && lead >= 0xD8 && lead <= 0xDB;
    };
    if (!std::all_of(word.begin(), word.end(), arabic)) return out;
    for (const auto& [a, b] : pattern_pairs()) {
        std::array<std::string_view, kMaxRadicals> radicals{};
        if (fits(word, a, &radicals)) out.push_back(build(b, radicals));
        if (fits(word, b, &radicals)) out.push_back(build(a, radicals));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::erase(out, std::string(stem));
    return out;
}

}  // namespace fahras
