/** @file
 *  @brief Internal: the analyzer as Xapian sees it (stemmer and stopper objects).
 */
#pragma once

#include <xapian.h>

#include "fahras/analyzer.h"

namespace fahras::detail {

/** A Xapian::Stem that runs fahras's Analyzer::stem, so that TermGenerator, QueryParser
 *  and MSet::snippet all use the one analysis. */
[[nodiscard]] Xapian::Stem make_stem(StemmerKind kind);

/** The stop-word list as a Xapian::Stopper (a process-wide object; never deleted). */
[[nodiscard]] const Xapian::Stopper* stopper();

}  // namespace fahras::detail
