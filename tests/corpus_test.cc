/** @file
 *  @brief Tests of the source readers: .txt files, directories, JSONL, and bad input.
 */
#include "fahras/corpus.h"

#include <doctest/doctest.h>

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
