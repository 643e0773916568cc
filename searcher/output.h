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

#include "fahras/analyzer.h"
#include "fahras/search.h"

namespace fahras {

/** The output formats; docs/output.md documents each field. */
enum class Format { Text, Json, Tsv, Trec, Features };

/** Parses "text", "json", "tsv", "trec" or "features" (validated by CLI11 beforehand). */
[[nodiscard]] Format parse_format(std::string_view name);

/** Version of the JSON and TSV layouts; bumped when a field changes meaning or goes away.
 *  2: TSV has a header row, date, source and url columns, quoted fields, and its facet
 *     rows in a table of their own after the hits (docs/output.md). */
inline constexpr int kOutputVersion = 2;

/** One hit as the JSON object of `--format json` (docs/output.md): fahras-search prints it
 *  as a line, fahras-serve answers it in "hits". "title_highlighted" is there when the hit
 *  has one (SearchOptions::highlight_title).
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

/** The first line of Format::Features: `# features: NAME NAME…`, the names of the learned
 *  ranker's features in the order of each row's values. */
void print_features_header(std::ostream& out);

/** Prints the result of one query. In TSV, only the hit rows: the header comes first
 *  (print_tsv_header) and the facet rows after every query's hits (tsv_facet_rows).
 *  @param qid  topic id in batch mode, empty for a single query.
 */
void print_result(std::ostream& out, Format format, std::string_view qid, std::string_view query,
                  const SearchOptions& options, const SearchResult& result);

/** The text line after a query's hits: `Showing 1–10 of about 5234 matches.` ("about"
 *  unless the count is known to be exact: SearchResult::matches_lower_bound and
 *  matches_upper_bound meet, as with facets, or fewer hits than asked for). */
[[nodiscard]] std::string total_line(const SearchOptions& options, const SearchResult& result);

/** `--count`: the number of matches (SearchOptions::limit 0: exact) and a newline, after
 *  `QID<TAB>` in batch mode. */
void print_count(std::ostream& out, std::string_view qid, const SearchResult& result);

/** A topic whose query failed, as a record of the `--format json` stream:
 *  `{"type": "error", "qid", "query", "error": MESSAGE}`. */
[[nodiscard]] nlohmann::json error_json(std::string_view qid, std::string_view query,
                                        std::string_view message);

/** One field of a TSV row: tabs and line breaks become spaces (a row stays one line), then
 *  a field that holds a double quote or begins with `=`, `+`, `-` or `@` (what spreadsheets
 *  take for a formula) is quoted as in RFC 4180: between double quotes, each inner one
 *  doubled (docs/output.md). */
[[nodiscard]] std::string tsv_field(std::string_view value);

/** The TSV header row: `rank docid score id title date source url`, `qid` first in batch
 *  mode (@p topics). */
void print_tsv_header(std::ostream& out, bool topics);

/** The TSV facet rows of one query's result (`facet value count`, `qid` first in batch
 *  mode), for print_tsv_facets. */
[[nodiscard]] std::string tsv_facet_rows(std::string_view qid, const SearchResult& result);

/** The facets' table after all the hits: a blank line, its header row `facet value count`
 *  (`qid` first when @p topics) and @p rows; nothing if @p rows is empty. */
void print_tsv_facets(std::ostream& out, bool topics, std::string_view rows);

/** `--analyze`: each token of a text, on a line of its own; in JSON one object a line,
 *  `{"type": "token", "surface", "normalized", "stem", "start", "end", "stop_word"}`. */
void print_tokens(std::ostream& out, Format format, const std::vector<Token>& tokens);

/** The `#bench` line of a batch (FAHRAS_BENCH, bench/README.md): queries, the
 *  loop's wall seconds, and the 50th, 95th and 99th percentile of the per-query times
 *  (`p50_ms` ...; nearest rank), ending in a newline. */
[[nodiscard]] std::string bench_search_line(double seconds, std::vector<double> query_ms);

}  // namespace fahras
