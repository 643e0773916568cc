/** @file
 *  @brief Internal: the words of a text and the text between them, in UTF-8 (no ICU types),
 *  for those that rewrite a text around its words (query preparation), and what a word's
 *  ASCII bytes are.
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/** True if the ASCII byte @p b stands in words as fahras::tokenize returns them: a
 *  lower-case letter, a digit, or '.' (kept only as a decimal point, between digits). */
[[nodiscard]] constexpr bool is_ascii_word_byte(unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '.';
}

/** A text cut into its words and the text between them. */
struct WordsAndGaps {
    /** The words, as fahras::tokenize gives them. */
    std::vector<std::string> words;
    /** The normalized text (fahras::normalize) around the words: gaps[i] comes before
     *  words[i], gaps.back() after the last word; one more than the words. Empty between
     *  two words split out of one run of letters and digits (145مليون). */
    std::vector<std::string> gaps;
};

/** @p text (UTF-8) cut into words and gaps, UTF-8.
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] WordsAndGaps words_and_gaps(std::string_view text);

}  // namespace fahras::detail
