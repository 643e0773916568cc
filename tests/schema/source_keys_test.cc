/** @file
 *  @brief Tests of the key of a source name (fahras::source_name_key).
 */
#include <doctest/doctest.h>

#include "fahras/fields.h"

TEST_CASE("source_name_key: normalized, case-folded, white space made single spaces") {
    CHECK(fahras::source_name_key("ant-v1.1/Jawhara FM") == "ant-v1.1/jawhara fm");
    CHECK(fahras::source_name_key("  BBC\t Arabic ") == "bbc arabic");
    CHECK(fahras::source_name_key("الجزيرة") == "الجزيره");  // teh marbuta, as in text
    CHECK(fahras::source_name_key("") == "");
}
