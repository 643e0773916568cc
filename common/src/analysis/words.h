/** @file
 *  @brief Internal: the words of a text and the text between them, in UTF-8 (no ICU types),
 *  for those that rewrite a text around its words (query preparation), the words alone for
 *  the index writer, and what a word's ASCII bytes are.
 */
#pragma once

#include <cstddef>
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

/** The words of a text, as fahras::tokenize gives them, in one buffer: a document's words
 *  cost their bytes and one offset each (a std::vector<std::string> costs a std::string
 *  each, four times a word's bytes). */
class WordList {
  public:
    /** Makes room for @p bytes of words. */
    void reserve(std::size_t bytes) { text_.reserve(bytes); }
    /** Appends @p word (not empty). */
    void push_back(std::string_view word) {
        text_.append(word);
        ends_.push_back(text_.size());
    }
    [[nodiscard]] bool empty() const noexcept { return ends_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return ends_.size(); }
    /** Word @p i, from 0 to size() - 1. */
    [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
        const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
        return std::string_view(text_).substr(begin, ends_[i] - begin);
    }
    /** The memory the words take, about. */
    [[nodiscard]] std::size_t bytes() const noexcept {
        return text_.size() + ends_.size() * sizeof(std::size_t);
    }

  private:
    std::string text_;               // the words, one after another
    std::vector<std::size_t> ends_;  // where each ends in text_
};

/** The words of @p text (UTF-8): fahras::tokenize(text), in a WordList.
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] WordList analysis_words(std::string_view text);

}  // namespace fahras::detail
