/** @file
 *  @brief Internal: the analysis an index records, and the one check that it is this
 *  library's (every message of the index writer, the shard merge and the searcher).
 */
#include "schema/metadata.h"

#include <charconv>
#include <system_error>

#include "fahras/error.h"
#include "fahras/schema.h"

namespace fahras::detail {

namespace {

/** True if @p version is a number above kAnalyzerVersion. */
bool is_newer(std::string_view version) {
    int number = 0;
    const auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), number);
    return ec == std::errc() && end == version.data() + version.size() && number > kAnalyzerVersion;
}

}  // namespace

RecordedAnalysis recorded_analysis(const Xapian::Database& db) {
    return {db.get_metadata(std::string(schema::kMetaAnalyzer)),
            db.get_metadata(std::string(schema::kMetaStemmer))};
}

void record_analysis(Xapian::WritableDatabase& db, StemmerKind stemmer) {
    db.set_metadata(std::string(schema::kMetaAnalyzer), std::to_string(kAnalyzerVersion));
    db.set_metadata(std::string(schema::kMetaStemmer), std::string(to_string(stemmer)));
}

std::optional<StemmerKind> known_stemmer(const RecordedAnalysis& recorded) {
    try {
        if (!recorded.stemmer.empty()) return parse_stemmer_kind(recorded.stemmer);
    } catch (const Error&) {
        // A stemmer of another version of fahras: the caller decides.
    }
    return std::nullopt;
}

void check_analyzer_version(const RecordedAnalysis& recorded, const VersionCheck& check) {
    const std::string version = std::to_string(kAnalyzerVersion);
    if (recorded.version == version) return;
    if (recorded.version.empty()) throw IndexVersionError(check.not_fahras);
    if (!check.newer_version.empty() && is_newer(recorded.version)) {
        throw IndexVersionError(check.subject + " was built by a newer fahras (analyzer version " +
                                recorded.version + ", this one uses " + version +
                                "): " + check.newer_version);
    }
    throw IndexVersionError(check.subject + " was built with analyzer version " + recorded.version +
                            ", this " + std::string(check.program) + " uses version " + version +
                            ": " + check.other_version);
}

void check_same_stemmer(const RecordedAnalysis& recorded, std::string_view expected,
                        std::string_view expected_from, const std::string& subject) {
    if (recorded.stemmer == expected) return;
    throw IndexVersionError(subject + " was built with stemmer '" + recorded.stemmer + "', " +
                            std::string(expected_from) + " with '" + std::string(expected) +
                            "': build every shard with the same --stemmer");
}

StemmerKind check_wanted_stemmer(const RecordedAnalysis& recorded,
                                 std::optional<StemmerKind> wanted, const std::string& subject) {
    const std::optional<StemmerKind> known = known_stemmer(recorded);
    const std::string& had = recorded.stemmer;
    if (!known) {
        throw IndexVersionError(subject + " was built with stemmer '" + had +
                                "', which this fahras does not know: rebuild it with --rebuild");
    }
    if (wanted && *wanted != *known) {
        const std::string want(to_string(*wanted));
        throw IndexVersionError(subject + " was built with stemmer '" + had + "', not '" + want +
                                "': --rebuild switches it to '" + want +
                                "' (an update without --stemmer keeps '" + had + "')");
    }
    return *known;
}

}  // namespace fahras::detail
