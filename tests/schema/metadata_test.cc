/** @file
 *  @brief Tests of the one analyzer-version and stemmer check (schema/metadata.h).
 */
#include "schema/metadata.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>

#include "fahras/error.h"

namespace {

using fahras::detail::RecordedAnalysis;

const std::string kVersion = std::to_string(fahras::kAnalyzerVersion);

fahras::detail::VersionCheck check(std::string newer = {}) {
    return {.subject = "index 'x'",
            .program = "fahras-search",
            .not_fahras = "'x' is not a fahras index",
            .other_version = "rebuild it",
            .newer_version = std::move(newer)};
}

}  // namespace

TEST_CASE("an index records this library's analysis and stemmer") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    CHECK(fahras::detail::recorded_analysis(db).version.empty());
    fahras::detail::record_analysis(db, fahras::StemmerKind::Snowball);
    const RecordedAnalysis recorded = fahras::detail::recorded_analysis(db);
    CHECK(recorded.version == kVersion);
    CHECK(recorded.stemmer == "snowball");
    CHECK(fahras::detail::known_stemmer(recorded) == fahras::StemmerKind::Snowball);
    CHECK_FALSE(fahras::detail::known_stemmer({kVersion, "porter"}));
    CHECK_FALSE(fahras::detail::known_stemmer({kVersion, ""}));
}

TEST_CASE("the analyzer version check: none, another, a newer one") {
    CHECK_NOTHROW(fahras::detail::check_analyzer_version({kVersion, "light"}, check()));
    CHECK_THROWS_WITH_AS(fahras::detail::check_analyzer_version({"", ""}, check()),
                         "'x' is not a fahras index", fahras::IndexVersionError);
    CHECK_THROWS_WITH_AS(fahras::detail::check_analyzer_version({"0", "light"}, check()),
                         ("index 'x' was built with analyzer version 0, this fahras-search uses "
                          "version " +
                          kVersion + ": rebuild it")
                             .c_str(),
                         fahras::IndexVersionError);
    // A newer version is told apart only where there is something else to do about it.
    CHECK_THROWS_WITH_AS(fahras::detail::check_analyzer_version({"999", "light"}, check()),
                         ("index 'x' was built with analyzer version 999, this fahras-search uses "
                          "version " +
                          kVersion + ": rebuild it")
                             .c_str(),
                         fahras::IndexVersionError);
    CHECK_THROWS_WITH_AS(
        fahras::detail::check_analyzer_version({"999", "light"}, check("use that fahras")),
        ("index 'x' was built by a newer fahras (analyzer version 999, this one uses " + kVersion +
         "): use that fahras")
            .c_str(),
        fahras::IndexVersionError);
}

TEST_CASE("the stemmer checks: the same as the shards before, the one wanted") {
    CHECK_NOTHROW(fahras::detail::check_same_stemmer({kVersion, "light"}, "light",
                                                     "the first shard", "shard 'b'"));
    CHECK_THROWS_WITH_AS(
        fahras::detail::check_same_stemmer({kVersion, "none"}, "light", "the first shard",
                                           "shard 'b'"),
        "shard 'b' was built with stemmer 'none', the first shard with 'light': build every "
        "shard with the same --stemmer",
        fahras::IndexVersionError);
    CHECK(fahras::detail::check_wanted_stemmer({kVersion, "none"}, std::nullopt, "index 'x'") ==
          fahras::StemmerKind::None);
    CHECK_THROWS_WITH_AS(
        (void)fahras::detail::check_wanted_stemmer({kVersion, "porter"}, std::nullopt, "index 'x'"),
        "index 'x' was built with stemmer 'porter', which this fahras does not know: rebuild it "
        "with --rebuild",
        fahras::IndexVersionError);
}
