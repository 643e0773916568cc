/** @file
 *  @brief fahras-search's output formats (text, JSON Lines, TSV, TREC runs) and the JSON
 *  objects of fahras-serve's answers.
 */
#pragma once

#include <nlohmann/json.hpp>
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

/** One hit as the JSON object of `--format json` (docs/output.md): fahras-search prints it
 *  as a line, fahras-serve answers it in "hits".
 *  @param qid  topic id in batch mode, empty for a single query. */
[[nodiscard]] nlohmann::json hit_json(std::string_view qid, const Hit& hit);

/** The summary object of one query's result, as `--format json` prints it after the hits
 *  and fahras-serve answers it in "summary". */
[[nodiscard]] nlohmann::json summary_json(std::string_view qid, std::string_view query,
                                          const SearchOptions& options, const SearchResult& result);

/** A stored document as fahras-serve's /api/doc answers it (docs/serve.md): id, title and
 *  text always, date, source and url when the document has them (as in a hit). */
[[nodiscard]] nlohmann::json document_json(const StoredDocument& doc);

/** @p j on one line, UTF-8 unescaped; invalid UTF-8 becomes U+FFFD REPLACEMENT CHARACTER. */
[[nodiscard]] std::string dump_json(const nlohmann::json& j);

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
