/** @file
 *  @brief Internal: the terms of stems, as Xapian's TermGenerator writes them (STEM_ALL_Z),
 *  and the stems they stand for. The terms of document fields are in fahras/schema.h.
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fahras::detail {

/** The term of a stem in the text: `Z` + stem (schema::kPrefixStem), as TermGenerator writes
 *  it with STEM_ALL_Z. */
[[nodiscard]] std::string text_term(std::string_view stem);

/** The term of a stem in the title field: `Z` + `S` + stem (schema::kPrefixStem,
 *  schema::kPrefixTitle). */
[[nodiscard]] std::string title_term(std::string_view stem);

/** The stem a text term stands for, or nullopt for any other term (title terms `ZS…`, ids,
 *  sources). */
[[nodiscard]] std::optional<std::string_view> text_stem(std::string_view term);

/** The stem a title term (`ZS` + stem) stands for, or nullopt for any other term. */
[[nodiscard]] std::optional<std::string_view> title_stem(std::string_view term);

}  // namespace fahras::detail
