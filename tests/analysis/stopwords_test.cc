/** @file
 *  @brief Tests of the stop-word list (analysis/stopwords.cc).
 */
#include <doctest/doctest.h>

#include "fahras/analyzer.h"

TEST_CASE("stop words are matched on normalized words") {
    CHECK(fahras::is_stop_word("في"));
    CHECK(fahras::is_stop_word("الي"));  // إلى and إلي and الى, normalized
    CHECK(fahras::is_stop_word("علي"));  // على
    CHECK(fahras::is_stop_word("وفي"));
    // question words as typed: glued to the pronoun, after a preposition or a conjunction
    for (const char* word : {"ماهو", "ماهي", "بماذا", "لمن", "ومتي", "واين", "وكيف", "فهل"}) {
        CAPTURE(word);
        CHECK(fahras::is_stop_word(word));
    }
    // relative pronouns: with the conjunction, dual and plural, and as often misspelt
    for (const char* word : {"والتي", "والذي", "والذين", "اللتين", "اللاءي", "اللتي", "اللذي"}) {
        CAPTURE(word);
        CHECK(fahras::is_stop_word(word));
    }
    CHECK_FALSE(fahras::is_stop_word("فِي"));  // raw, unnormalized text is not a word yet
    CHECK_FALSE(fahras::is_stop_word("بوتين"));
    CHECK_FALSE(fahras::is_stop_word("رءيس"));
    CHECK(fahras::is_stop_word("هءلاء"));      // هؤلاء: the list is normalized like the words
    CHECK_FALSE(fahras::is_stop_word("فءه"));  // فئة (a group) is no longer فيه
}
