/** @file
 *  @brief Tests of the one stable hash (util/hash.h): FNV-1a 64 and its 16 hex digits.
 */
#include "util/hash.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("FNV-1a 64 gives the published values, whatever the build") {
    // The reference values of the FNV authors' test suite (fnv.c, "test vectors").
    CHECK(fahras::detail::fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(fahras::detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fahras::detail::fnv1a64("foobar") == 0x85944171f73967e8ULL);
    static_assert(fahras::detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
}

TEST_CASE("a hash is written as 16 lower-case hex digits with leading zeros") {
    CHECK(fahras::detail::hex64(0) == "0000000000000000");
    CHECK(fahras::detail::hex64(0xabcULL) == "0000000000000abc");
    CHECK(fahras::detail::hex64(0xFFFFFFFFFFFFFFFFULL) == "ffffffffffffffff");
    CHECK(fahras::detail::fnv1a64_hex("foobar") == "85944171f73967e8");
}
