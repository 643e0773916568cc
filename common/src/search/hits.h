/** @file
 *  @brief Internal: what a search returns of a document: a hit (its stored fields and a
 *  snippet of its text) or the stored document whole.
 */
#pragma once

#include <xapian.h>

#include <cstddef>

#include "fahras/search.h"
#include "search/enquire.h"
#include "search/rank.h"

namespace fahras::detail {

/** The hit at rank @p rank (1-based) of @p match: @p candidate's document with its stored
 *  fields and, with Snippets::Yes, a snippet drawn around the terms it matched (words
 *  stemmed by @p stem); with HighlightTitle::Yes, its title with the matched words marked
 *  (analyzed with @p kind). Without its explanation (Explainer). */
[[nodiscard]] Hit make_hit(const Xapian::Database& db, const Xapian::Stem& stem, StemmerKind kind,
                           const Match& match, const Candidate& candidate, std::size_t rank,
                           const SearchOptions& options);

/** The stored fields and the whole original text of @p doc. */
[[nodiscard]] StoredDocument stored_document(const Xapian::Document& doc);

}  // namespace fahras::detail
