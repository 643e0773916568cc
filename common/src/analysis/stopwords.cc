/** @file
 *  @brief The Arabic stop-word list, matched on normalized words.
 */
#include <string>
#include <string_view>
#include <unordered_set>

#include "fahras/analyzer.h"
#include "fahras/tokenize.h"

namespace fahras {

namespace {

// Function words of Modern Standard Arabic, written as in ordinary text. They are put
// through the tokenizer once, so that the list is compared with normalized words: فِي, في
// and (after alef folding) إلى / الى are one entry.
// clang-format off
constexpr std::string_view kStopWords[] = {
    // prepositions and particles
    "في", "من", "إلى", "على", "عن", "مع", "حتى", "منذ", "لدى", "عند", "عندما", "بين", "بعد",
    "قبل", "خلال", "حول", "ضد", "نحو", "دون", "فوق", "تحت", "أمام", "وراء", "لدي", "ب", "ل",
    "ك", "و", "ف", "ال", "ثم", "أو", "أم", "بل", "لكن", "لكنه", "لكنها", "غير", "سوى", "إلا", "ألا",
    "أما", "إما", "إذ", "إذا", "إن", "أن", "إنه", "أنه", "إنها", "أنها", "لأن", "كي", "لكي",
    "قد", "لقد", "لم", "لن", "لا", "ما", "ماذا", "متى", "أين", "كيف", "لماذا", "هل", "كم", "يا",
    "كما", "مثل", "مما", "فيما", "بما", "لما", "عما", "كل", "بعض", "أي", "أيضا", "كذلك",
    "هكذا", "جدا", "هنا", "هناك", "الآن", "ليس", "ليست", "كان", "كانت", "كانوا", "يكون",
    "تكون", "أصبح", "أصبحت", "تم",
    // pronouns and demonstratives
    "هو", "هي", "هم", "هن", "هما", "أنا", "نحن", "أنت", "أنتم", "هذا", "هذه", "ذلك", "تلك",
    "هؤلاء", "أولئك", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين",
    "اللواتي", "اللاتي", "اللائي", "ذا", "ذو", "ذات",
    // the relative pronouns as often misspelt (اللتى for التي, اللذي for الذي)
    "اللتي", "اللذي",
    // with attached pronouns
    "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم",
    "عليه", "عليها", "عليهم", "إليه", "إليها", "إليهم", "عنه", "عنها", "عنهم",
    // with the conjunction
    "وفي", "ومن", "وإلى", "وعلى", "وعن", "ومع", "وهو", "وهي", "وهم", "وإن", "وأن", "وقد",
    "ولا", "ولم", "ولن", "وما", "ولكن", "وكان", "وكانت", "وهذا", "وهذه", "وذلك", "وكل", "فإن",
    "فقد", "فلا", "فما", "والذي", "والتي", "والذين", "بأن",
    // question words: glued to the pronoun as often typed (ماهو), with a preposition or the
    // conjunction
    "ماهو", "ماهي", "بماذا", "لمن", "ممن", "بمن", "عمن", "فيم", "وماذا", "ومتى", "وأين",
    "وكيف", "ولماذا", "وكم", "وهل", "فماذا", "فمتى", "فأين", "فكيف", "فكم", "فهل",
};
// clang-format on

const std::unordered_set<std::string>& stop_words() {
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> set;
        for (std::string_view w : kStopWords) {
            for (std::string& t : tokenize(w)) set.insert(std::move(t));
        }
        return set;
    }();
    return words;
}

}  // namespace

bool is_stop_word(std::string_view word) { return stop_words().contains(std::string(word)); }

}  // namespace fahras
