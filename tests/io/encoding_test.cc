/** @file
 *  @brief Tests of how a file's bytes become UTF-8 (io/encoding.cc): charsets, byte-order marks,
 * repairs.
 */
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "fahras/corpus.h"
#include "io/read_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of io/read_helpers.h

TEST_CASE("legacy Arabic charsets and UTF-16 are converted, and say so") {
    const fahras::test::TempDir dir;
    dir.write("cp1256.txt", kWindows1256);
    dir.write("iso.txt", kIso88596);
    dir.write("le.txt", utf16(u"عنوان\r\nنص", true));
    dir.write("be.txt", utf16(u"عنوان\nنص", false));
    const Read r = read(dir.path().string());
    CHECK(r.warnings.empty());
    REQUIRE(r.docs.size() == 4);
    CHECK(r.docs[0].id == "be.txt");
    CHECK(r.docs[0].encoding == "UTF-16BE");
    CHECK(r.docs[0].text == "عنوان\nنص");
    CHECK(r.docs[1].id == "cp1256.txt");
    CHECK(r.docs[1].encoding == "windows-1256");
    CHECK(r.docs[1].title == "عنوان قديم");
    CHECK(r.docs[1].text == "عنوان قديم\n" + std::string(kSentence));
    CHECK(r.docs[2].id == "iso.txt");
    CHECK(r.docs[2].encoding == "ISO-8859-6");
    CHECK(r.docs[2].text == r.docs[1].text);
    CHECK(r.docs[3].id == "le.txt");
    CHECK(r.docs[3].encoding == "UTF-16LE");
    CHECK(r.docs[3].title == "عنوان");
}

TEST_CASE("UTF-8 Arabic with one bad byte stays UTF-8, repaired") {
    const fahras::test::TempDir dir;
    std::string text;
    for (int i = 0; i < 20; ++i) text += kSentence;
    text += "\xff";
    const std::string path = dir.write("stray.txt", text);
    const Read r = read(path);
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].encoding.empty());
    CHECK(r.docs[0].text.ends_with("البلدين.\n\xEF\xBF\xBD"));
    CHECK(r.warnings.size() == 1);
}

TEST_CASE("--encoding forces a charset on files without a byte-order mark") {
    const fahras::test::TempDir dir;
    dir.write("old.txt", kWindows1256);
    dir.write("le.txt", utf16(u"نص", true));
    SUBCASE("the right one") {
        const Read r = read(dir.path().string(), {.encoding = "cp1256"});
        CHECK(r.warnings.empty());
        REQUIRE(r.docs.size() == 2);
        CHECK(r.docs[0].encoding == "UTF-16LE");  // a byte-order mark wins
        CHECK(r.docs[0].text == "نص");
        CHECK(r.docs[1].encoding == "cp1256");
        CHECK(r.docs[1].text == "عنوان قديم\n" + std::string(kSentence));
    }
    SUBCASE("a wrong one: bytes it does not have are replaced and reported") {
        const Read r = read(dir.path().string() + "/old.txt", {.encoding = "ISO-8859-6"});
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].encoding == "ISO-8859-6");
        CHECK(r.warnings == std::vector<std::string>{in_quotes(dir.path().string() + "/old.txt") +
                                                     ": bytes not valid in ISO-8859-6 at byte 6, "
                                                     "replaced with U+FFFD"});
    }
    SUBCASE("an unknown one is an error, not a warning") {
        CHECK_THROWS_WITH_AS(read(dir.path().string(), {.encoding = "arabic-dos"}),
                             "unknown encoding 'arabic-dos'", fahras::Error);
        CHECK_FALSE(fahras::is_known_encoding("arabic-dos"));
        CHECK_FALSE(fahras::is_known_encoding(""));
        CHECK(fahras::is_known_encoding("windows-1256"));
        CHECK(fahras::is_known_encoding("ISO-8859-6"));
    }
}
