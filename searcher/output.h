/** @file
 *  @brief fahras-search's output formats: text, JSON Lines, TSV and TREC runs.
 */
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/search.h"

namespace fahras {

/** The output formats; docs/output.md documents each field. */
enum class Format { Text, Json, Tsv, Trec };

/** Parses "text", "json", "tsv" or "trec" (validated by CLI11 beforehand). */
[[nodiscard]] Format parse_format(std::string_view name);

/** Version of the JSON and TSV layouts; bumped when a field changes meaning or goes away. */
inline constexpr int kOutputVersion = 1;

/** Prints the result of one query.
 *  @param qid  topic id in batch mode, empty for a single query.
 */
void print_result(std::ostream& out, Format format, std::string_view qid, std::string_view query,
                  const SearchOptions& options, const SearchResult& result);

/** The `#bench` line of a batch (FAHRAS_BENCH, ../shared/bench/README.md): queries, the
 *  loop's wall seconds, and the 50th, 95th and 99th percentile of the per-query times
 *  (`p50_ms` ...; nearest rank), ending in a newline. */
[[nodiscard]] std::string bench_search_line(double seconds, std::vector<double> query_ms);

}  // namespace fahras
