/** @file
 *  @brief Tests of ICU's UTF-8 services behind analysis/utf8.h: validation, decoding, NFC.
 */
#include "analysis/utf8.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace {

constexpr std::string_view kFatha = "\u064e";   // ARABIC FATHA
constexpr std::string_view kShadda = "\u0651";  // ARABIC SHADDA

}  // namespace

TEST_CASE("next_code_point decodes UTF-8 and says where a sequence is invalid") {
    const std::string text = "a\u0628\xff";  // ARABIC LETTER BEH, then a byte that starts nothing
    std::size_t i = 0;
    CHECK(fahras::detail::next_code_point(text, i) == 'a');
    CHECK(i == 1);
    CHECK(fahras::detail::next_code_point(text, i) == 0x0628);
    CHECK(i == 3);
    CHECK(fahras::detail::next_code_point(text, i) < 0);
    CHECK(i == 4);
}

TEST_CASE("nfc gives one written form whatever order the marks were typed in") {
    const std::string shadda_fatha = "\u0628" + std::string(kShadda) + std::string(kFatha);
    const std::string fatha_shadda = "\u0628" + std::string(kFatha) + std::string(kShadda);
    CHECK(fahras::detail::nfc(shadda_fatha) == fahras::detail::nfc(fatha_shadda));
    CHECK(fahras::detail::nfc("\u0627\u0654") == "\u0623");  // ALEF + HAMZA ABOVE composes
    CHECK(fahras::detail::nfc("") == "");
}
