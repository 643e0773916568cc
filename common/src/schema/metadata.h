/** @file
 *  @brief Internal: the analysis an index records (schema::kMetaAnalyzer,
 *  schema::kMetaStemmer), and the one check that it is this library's, with its messages.
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

#include "fahras/analyzer.h"

namespace fahras::detail {

/** What an index records of the analysis that built it, as recorded. */
struct RecordedAnalysis {
    std::string version;  ///< schema::kMetaAnalyzer; empty: none (not built by fahras)
    std::string stemmer;  ///< schema::kMetaStemmer; empty: none
};

/** What @p db records of the analysis that built it. */
[[nodiscard]] RecordedAnalysis recorded_analysis(const Xapian::Database& db);

/** Records in @p db (uncommitted) that this library's analysis built it, with @p stemmer:
 *  kAnalyzerVersion and to_string(@p stemmer). */
void record_analysis(Xapian::WritableDatabase& db, StemmerKind stemmer);

/** The stemmer @p recorded names, or nullopt if it names none or one this library does not
 *  know (a later fahras's). */
[[nodiscard]] std::optional<StemmerKind> known_stemmer(const RecordedAnalysis& recorded);

/** What the messages of check_analyzer_version() say besides the versions: they differ
 *  with who checks (fahras-index updating or merging, fahras-search). */
struct VersionCheck {
    /** What was checked: "index 'DB'", "shard 'PATH'", "index 'STUB', shard 'LINE'". */
    std::string subject;
    /** Who checks, in "this PROGRAM uses version N": fahras, fahras-index, fahras-search. */
    std::string_view program;
    /** The whole message for an index that records no analyzer version. */
    std::string not_fahras;
    /** What to do about an index of another analyzer version. */
    std::string other_version;
    /** What to do about one of a newer version; empty: as about another one, and said so. */
    std::string newer_version{};
};

/** Checks that @p recorded is this library's analyzer version (kAnalyzerVersion).
 *  @throws fahras::IndexVersionError otherwise, with @p check.not_fahras if none is
 *          recorded; `SUBJECT was built by a newer fahras (analyzer version V, this one uses
 *          N): NEWER` for a newer version, if @p check says what to do about one; `SUBJECT
 *          was built with analyzer version V, this PROGRAM uses version N: OTHER` else. */
void check_analyzer_version(const RecordedAnalysis& recorded, const VersionCheck& check);

/** Checks that @p recorded names the stemmer @p expected, the one that @p expected_from
 *  ("the first shard", "the shards before it") was built with.
 *  @throws fahras::IndexVersionError `SUBJECT was built with stemmer 'S', EXPECTED_FROM with
 *          'E': build every shard with the same --stemmer` otherwise. */
void check_same_stemmer(const RecordedAnalysis& recorded, std::string_view expected,
                        std::string_view expected_from, const std::string& subject);

/** The stemmer to write with: @p wanted if given, else the one @p recorded names.
 *  @throws fahras::IndexVersionError, naming @p subject, if @p recorded names a stemmer this
 *          library does not know, or another than @p wanted (with how --rebuild switches). */
[[nodiscard]] StemmerKind check_wanted_stemmer(const RecordedAnalysis& recorded,
                                               std::optional<StemmerKind> wanted,
                                               const std::string& subject);

}  // namespace fahras::detail
