/** @file
 *  @brief Tests of the source readers: .txt files, directories, JSONL, and bad input.
 */
#include "fahras/corpus.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace {

struct Read {
    std::vector<fahras::Document> docs;
    std::vector<std::string> warnings;
};

Read read(const std::string& source) {
    Read r;
    fahras::read_source(
        source, [&](fahras::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const fahras::InputError& e) { r.warnings.push_back(e.what()); });
    return r;
}

}  // namespace

TEST_CASE("a directory gives one document per .txt file, id relative, sorted") {
    const fahras::test::TempDir dir;
    dir.write("b.txt", "\n\n  عنوان ثان  \nنص");
    dir.write("a/c.txt", "العنوان\nالنص");
    dir.write("notes.md", "ليس نصا");
    dir.write(".hidden/d.txt", "مخفي");
    dir.write(".e.txt", "مخفي");
    const Read r = read(dir.path().string());
    REQUIRE(r.docs.size() == 2);
    CHECK(r.warnings.empty());
    CHECK(r.docs[0].id == "a/c.txt");
    CHECK(r.docs[0].title == "العنوان");
    CHECK(r.docs[0].text == "العنوان\nالنص");
    CHECK(r.docs[1].id == "b.txt");
    CHECK(r.docs[1].title == "عنوان ثان");
}

TEST_CASE("a .txt file named directly is one document with its file name as id") {
    const fahras::test::TempDir dir;
    const Read r = read(dir.write("sub/one.txt", "\xEF\xBB\xBFسطر أول\r\nسطر ثان\r\n"));
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].id == "one.txt");
    CHECK(r.docs[0].title == "سطر أول");  // byte-order mark and CR dropped
    CHECK(r.docs[0].text == "سطر أول\r\nسطر ثان\r\n");
}

TEST_CASE("bad files are reported and skipped, the others read") {
    const fahras::test::TempDir dir;
    dir.write("empty.txt", " \n\n");
    dir.write("binary.txt", std::string("PK\0\3", 4));
    dir.write("good.txt", "جيد");
    dir.write("invalid.txt", "عنوان\nنص \xff\xfe تالف");
    const Read r = read(dir.path().string());
    const std::string root = dir.path().string();
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].id == "good.txt");
    CHECK(r.docs[1].id == "invalid.txt");
    CHECK(r.docs[1].text == "عنوان\nنص \xEF\xBF\xBD\xEF\xBF\xBD تالف");
    CHECK(r.warnings == std::vector<std::string>{
                            "'" + root + "/binary.txt': binary file (contains NUL bytes), skipped",
                            "'" + root + "/empty.txt': empty file, skipped",
                            "'" + root +
                                "/invalid.txt': invalid UTF-8 at byte 16, bad bytes "
                                "replaced with U+FFFD",
                        });
}

TEST_CASE("a missing source is reported") {
    const Read r = read("/nonexistent/fahras/source");
    CHECK(r.docs.empty());
    CHECK(r.warnings ==
          std::vector<std::string>{"'/nonexistent/fahras/source': no such file or directory"});
}

TEST_CASE("JSONL: one document per line, bad lines reported by number") {
    const fahras::test::TempDir dir;
    const std::string path = dir.write(
        "news.jsonl",
        "{\"id\": \"n1\", \"title\": \"عنوان\", \"text\": \"نص\", \"date\": \"2015-03-01\", "
        "\"source\": \"alriyadh\", \"url\": \"http://x\"}\n"
        "\n"
        "{\"id\": 42, \"text\": \"رقم\"}\r\n"
        "not json\n"
        "{\"title\": \"بلا معرف\", \"text\": \"نص\"}\n"
        "{\"id\": \"n3\"}\n"
        "[1, 2]\n");
    const Read r = read(path);
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].id == "n1");
    CHECK(r.docs[0].title == "عنوان");
    CHECK(r.docs[0].date == "2015-03-01");
    CHECK(r.docs[0].source == "alriyadh");
    CHECK(r.docs[0].url == "http://x");
    CHECK(r.docs[1].id == "42");
    CHECK(r.docs[1].title.empty());
    CHECK(r.warnings == std::vector<std::string>{
                            "'" + path + "' line 4: not a JSON object, line skipped",
                            "'" + path + "' line 5: no \"id\", line skipped",
                            "'" + path + "' line 6: no \"text\" string, line skipped",
                            "'" + path + "' line 7: not a JSON object, line skipped",
                        });
}

namespace {

// "عنوان قديم" and a sentence (… بوتين يزور القاهرة …), in two Arabic legacy charsets.
constexpr std::string_view kWindows1256 =
    "\xda\xe4\xe6\xc7\xe4 \xde\xcf\xed\xe3\n\xc7\xe1\xd1\xc6\xed\xd3 \xc7\xe1\xd1\xe6\xd3\xed "
    "\xdd\xe1\xc7\xcf\xed\xe3\xed\xd1 \xc8\xe6\xca\xed\xe4 \xed\xd2\xe6\xd1 "
    "\xc7\xe1\xde\xc7\xe5\xd1\xc9 \xe6\xed\xe1\xca\xde\xed \xe6\xd2\xed\xd1 "
    "\xc7\xe1\xce\xc7\xd1\xcc\xed\xc9 \xdd\xed \xe3\xc4\xca\xe3\xd1 \xd5\xcd\xdd\xed \xda\xe4 "
    "\xc7\xe1\xda\xe1\xc7\xde\xc7\xca \xc8\xed\xe4 \xc7\xe1\xc8\xe1\xcf\xed\xe4.\n";
constexpr std::string_view kIso88596 =
    "\xd9\xe6\xe8\xc7\xe6 \xe2\xcf\xea\xe5\n\xc7\xe4\xd1\xc6\xea\xd3 \xc7\xe4\xd1\xe8\xd3\xea "
    "\xe1\xe4\xc7\xcf\xea\xe5\xea\xd1 \xc8\xe8\xca\xea\xe6 \xea\xd2\xe8\xd1 "
    "\xc7\xe4\xe2\xc7\xe7\xd1\xc9 \xe8\xea\xe4\xca\xe2\xea \xe8\xd2\xea\xd1 "
    "\xc7\xe4\xce\xc7\xd1\xcc\xea\xc9 \xe1\xea \xe5\xc4\xca\xe5\xd1 \xd5\xcd\xe1\xea \xd9\xe6 "
    "\xc7\xe4\xd9\xe4\xc7\xe2\xc7\xca \xc8\xea\xe6 \xc7\xe4\xc8\xe4\xcf\xea\xe6.\n";
constexpr std::string_view kSentence =
    "الرئيس الروسي فلاديمير بوتين يزور القاهرة ويلتقي وزير الخارجية في مؤتمر صحفي عن "
    "العلاقات بين البلدين.\n";

/** UTF-16 bytes of @p text with a byte-order mark, little- or big-endian. */
std::string utf16(std::u16string_view text, bool little_endian) {
    std::string bytes = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t unit : text) {
        const char high = static_cast<char>(unit >> 8);
        const char low = static_cast<char>(unit & 0xFF);
        bytes += little_endian ? low : high;
        bytes += little_endian ? high : low;
    }
    return bytes;
}

}  // namespace

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

TEST_CASE("iso_day: the day of a date that begins with an ISO 8601 calendar date") {
    const std::vector<std::pair<std::string, std::optional<std::string>>> cases = {
        {"2015-07-21", "2015-07-21"},
        {"2015-07-21 02:51:32", "2015-07-21"},
        {"2017-01-20T21:43:00+01:00", "2017-01-20"},
        {"2016-02-29", "2016-02-29"},
        {"2015-02-29", std::nullopt},
        {"2015-13-01", std::nullopt},
        {"2015-7-21", std::nullopt},
        {"2015-07-21Z", std::nullopt},
        {"17/05/2015", std::nullopt},
        {"Sun, 18 Feb 2018 17:21:49 GMT", std::nullopt},
        {"", std::nullopt},
    };
    for (const auto& [date, day] : cases) {
        CAPTURE(date);
        CHECK(fahras::iso_day(date) == day);
    }
}

TEST_CASE("source_key: normalized, case-folded, white space made single spaces") {
    CHECK(fahras::source_key("ant-v1.1/Jawhara FM") == "ant-v1.1/jawhara fm");
    CHECK(fahras::source_key("  BBC\t Arabic ") == "bbc arabic");
    CHECK(fahras::source_key("الجزيرة") == "الجزيره");  // teh marbuta, as in text
    CHECK(fahras::source_key("") == "");
}
