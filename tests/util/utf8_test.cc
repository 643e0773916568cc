/** @file
 *  @brief Tests of counting and splitting UTF-8 by its bytes (util/utf8.h).
 */
#include "util/utf8.h"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

TEST_CASE("code points are counted and split by their bytes") {
    CHECK(fahras::detail::utf8_length("") == 0);
    CHECK(fahras::detail::utf8_length("abc") == 3);
    CHECK(fahras::detail::utf8_length("بوتين") == 5);
    CHECK(fahras::detail::utf8_code_points("aب€") == std::vector<std::string_view>{"a", "ب", "€"});
    CHECK(fahras::detail::is_utf8_continuation('\x80'));
    CHECK_FALSE(fahras::detail::is_utf8_continuation('a'));
}
