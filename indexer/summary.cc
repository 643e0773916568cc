/** @file
 *  @brief fahras-index's end-of-run lines: the --stats summary and the FAHRAS_BENCH record.
 */
#include "summary.h"

#include <cstdio>
#include <cstdlib>

namespace fahras::cli {

void print_stats(const IndexStats& s, const std::string& db) {
    std::printf(
        "fahras-index: %zu added, %zu updated, %zu removed, %zu unchanged (%.1f MB "
        "analyzed) from %zu sources in %.2f s (%.0f docs/s), %zu warnings, index '%s' "
        "holds %zu documents, %zu of them undated, %zu sources not pruned\n",
        s.added, s.updated, s.removed, s.unchanged, static_cast<double>(s.bytes) / 1e6, s.sources,
        s.seconds, s.seconds > 0 ? static_cast<double>(s.documents) / s.seconds : 0.0, s.warnings,
        db.c_str(), s.index_size, s.undated, s.not_pruned);
}

void print_bench_record(const IndexStats& s) {
    if (std::getenv("FAHRAS_BENCH") == nullptr) return;
    std::fprintf(stderr, "#bench {\"phase\": \"index\", \"docs\": %zu, \"seconds\": %.3f}\n",
                 s.documents, s.seconds);
}

}  // namespace fahras::cli
