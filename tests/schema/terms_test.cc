/** @file
 *  @brief Tests of the schema's unique-id term (schema::id_term).
 */
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "analysis/utf8.h"  // common/src: detail::first_invalid_utf8
#include "fahras/schema.h"

namespace {

constexpr std::string_view kBeh = "\u0628";  // ARABIC LETTER BEH (2 bytes in UTF-8)

std::string repeat(std::string_view s, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out.append(s);
    return out;
}

}  // namespace

TEST_CASE("an id that fits is its own unique-id term") {
    CHECK(fahras::schema::id_term("a1") == "Qa1");
    CHECK(fahras::schema::id_term("أخبار/2019/تقرير.txt") == "Qأخبار/2019/تقرير.txt");
    // 244 bytes: with the prefix, exactly Xapian's 245-byte limit.
    CHECK(fahras::schema::id_term(std::string(244, 'x')) == "Q" + std::string(244, 'x'));
}

TEST_CASE("a longer id gives its beginning and a hash of all of it, 245 bytes at most") {
    SUBCASE("245 bytes: one too many") {
        const std::string term = fahras::schema::id_term(std::string(245, 'x'));
        CHECK(term.size() == 245);
        CHECK(term == "Q" + std::string(228, 'x') + "4ed05ea18a407b17");
    }
    SUBCASE("300 ASCII bytes") {
        const std::string id(300, 'x');
        const std::string term = fahras::schema::id_term(id);
        CHECK(term.size() == 245);
        CHECK(term == "Q" + std::string(228, 'x') + "e78ddf9f1ba85555");
        CHECK(fahras::schema::id_term(id) == term);  // the same every time
    }
    SUBCASE("two long ids that differ only in their last byte") {
        CHECK(fahras::schema::id_term(std::string(299, 'x') + "y") ==
              "Q" + std::string(228, 'x') + "e78dde9f1ba853a2");
        CHECK(fahras::schema::id_term(std::string(299, 'x') + "y") !=
              fahras::schema::id_term(std::string(300, 'x')));
    }
}

TEST_CASE("a long Arabic id is cut between two characters") {
    SUBCASE("the cut falls between two characters") {
        const std::string id = repeat(kBeh, 150);  // 300 bytes
        const std::string term = fahras::schema::id_term(id);
        CHECK(term == std::string("Q").append(repeat(kBeh, 114)).append("81095ab65610d895"));
        CHECK(!fahras::detail::first_invalid_utf8(term));
    }
    SUBCASE("the cut would fall inside a character: one byte less") {
        const std::string id = std::string("a").append(repeat(kBeh, 150));  // 301 bytes
        const std::string term = fahras::schema::id_term(id);
        CHECK(term.size() == 244);
        CHECK(term == std::string("Qa").append(repeat(kBeh, 113)).append("8307948b284176cc"));
        CHECK(!fahras::detail::first_invalid_utf8(term));
    }
}
