/** @file
 *  @brief fahras-index's end-of-run lines: the --stats summary and the FAHRAS_BENCH record.
 */
#pragma once

#include <string>

#include "fahras/index_writer.h"

namespace fahras::cli {

/** Prints the --stats line about run @p stats of index @p db on stdout. */
void print_stats(const IndexStats& stats, const std::string& db);

/** If the environment sets FAHRAS_BENCH, prints a `#bench` JSON record of the run's
 *  documents and seconds on stderr (for bench/ scripts). */
void print_bench_record(const IndexStats& stats);

}  // namespace fahras::cli
