/** @file
 *  @brief Tests of the generation names and the stub line of an index directory
 *  (schema/layout.h).
 */
#include "schema/layout.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("generation names: gen- and six digits, read back whole or before a suffix") {
    CHECK(fahras::detail::generation_name(12) == "gen-000012");
    CHECK(fahras::detail::generation_number("gen-000012") == 12);
    CHECK(fahras::detail::generation_number("gen-000012.shard-0") == 0);
    CHECK(fahras::detail::leading_generation_number("gen-000012.shard-0") == 12);
    CHECK(fahras::detail::generation_number("gen-00001x") == 0);
    CHECK(fahras::detail::generation_number("gen-000000") == 0);
    CHECK(fahras::detail::stub_text("gen-000012") == "glass gen-000012\n");
}

TEST_CASE("an index directory's stub is the one line fahras writes, or what is wrong") {
    std::string problem;
    CHECK(fahras::detail::stub_generation("glass gen-000007\n", problem) == "gen-000007");
    CHECK(fahras::detail::stub_generation("glass gen-000007", problem) == "gen-000007");
    CHECK(problem.empty());
    CHECK(fahras::detail::stub_generation("", problem).empty());
    CHECK(problem == "it is empty");
    CHECK(fahras::detail::stub_generation("glass gen-000007\n\n", problem).empty());
    CHECK(problem == "line 2 is ''");
    CHECK(fahras::detail::stub_generation("glass gen-000007\nremote :x\n", problem).empty());
    CHECK(problem == "line 2 is 'remote :x'; list shards in a stub file of their own");
    CHECK(fahras::detail::stub_generation("auto gen-000007\n", problem).empty());
    CHECK(problem == "line 1 is 'auto gen-000007'; list shards in a stub file of their own");
}
