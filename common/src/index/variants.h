/** @file
 *  @brief Internal: the spelling-variant groups of an index (schema::kPrefixVariant).
 */
#pragma once

#include <xapian.h>

namespace fahras::detail {

/** Rewrites the spelling-variant groups (schema::kPrefixVariant) of @p db from its stems
 *  and clears schema::kMetaVariantsStale; the caller commits. Fault point `variants`. */
void update_variants(Xapian::WritableDatabase& db);

}  // namespace fahras::detail
