/** @file
 *  @brief Internal: the analyzer as Xapian sees it (stemmer and stopper objects).
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "fahras/analyzer.h"

namespace fahras::detail {

/** A Xapian::Stem that runs fahras's Analyzer::stem, so that TermGenerator, QueryParser
 *  and MSet::snippet all use the one analysis. */
[[nodiscard]] Xapian::Stem make_stem(StemmerKind kind);

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

/** Rewrites the spelling-variant groups (schema::kPrefixVariant) of @p db from its stems
 *  (index_writer.cc); the caller commits. */
void update_variants(Xapian::WritableDatabase& db);

/** The stop-word list as a Xapian::Stopper (a process-wide object; never deleted). */
[[nodiscard]] const Xapian::Stopper* stopper();

}  // namespace fahras::detail
