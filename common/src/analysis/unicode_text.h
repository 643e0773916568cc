/** @file
 *  @brief Internal: the UTF-16 core of normalization and tokenization (ICU types: for
 *  analysis/ only; the others include analysis/utf8.h or analysis/words.h).
 */
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/utf8.h"

namespace fahras::detail {

/** Normalizes @p text (see fahras::normalize) into UTF-16. */
[[nodiscard]] icu::UnicodeString normalize_utf16(std::string_view text);

/** A range of bytes [begin, end) of a UTF-8 input. */
struct ByteSpan {
    std::size_t begin;
    std::size_t end;
};

/** normalize_utf16(text), and in @p source, for each code unit of the result, the bytes of
 *  @p text it comes from: the whole of its NFKC chunk (a letter with its marks, a
 *  ligature). */
[[nodiscard]] icu::UnicodeString normalize_utf16(std::string_view text,
                                                 std::vector<ByteSpan>& source);

/** One word found by for_each_word: [start, limit) in the normalized text. */
struct WordSpan {
    std::int32_t start;
    std::int32_t limit;
    std::string folded;  ///< the word, case-folded, UTF-8
    bool is_operator;    ///< written exactly AND, OR, NOT or XOR
};

/** Calls @p on_word for each word of the normalized text, in order (see fahras::tokenize). */
void for_each_word(const icu::UnicodeString& normalized,
                   const std::function<void(const WordSpan&)>& on_word);

}  // namespace fahras::detail
