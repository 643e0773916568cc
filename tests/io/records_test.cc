/** @file
 *  @brief Tests of the JSONL and .tsv readers (io/records.cc).
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

TEST_CASE("JSONL: duplicate ids, control characters, white space, long lines, BOM") {
    const fahras::test::TempDir dir;
    const std::string path = dir.write("ids.jsonl",
                                       "\xEF\xBB\xBF{\"id\": \"x\", \"text\": \"أول\"}\r\n"
                                       "{\"id\": \"تقرير 2019\", \"text\": \"بمسافة\"}\n"
                                       "{\"id\": \"a\\u0001b\", \"text\": \"تحكم\"}\n"
                                       "{\"id\": \"a\\nb\", \"text\": \"سطر\"}\n"
                                       "{\"id\": \"a\xC2\x85\", \"text\": \"C1\"}\n"
                                       "{\"id\": \"x\", \"text\": \"ثان\"}\n"
                                       "{\"id\": \"long\", \"text\": \"" +
                                           std::string(100, 'a') +
                                           "\"}\n"
                                           "{\"id\": \"x\", \"text\": \"ثالث\"}");
    const Read r = read(path, {.max_document_bytes = 64});
    CHECK(ids(r.docs) == std::vector<std::string>{"x", "تقرير 2019", "x", "x"});
    CHECK(r.docs[3].text == "ثالث");
    CHECK(r.warnings ==
          std::vector<std::string>{
              "'" + path + "' line 3: \"id\" contains a control character (U+0001), line skipped",
              "'" + path + "' line 4: \"id\" contains a control character (U+000A), line skipped",
              "'" + path + "' line 5: \"id\" contains a control character (U+0085), line skipped",
              "'" + path + "' line 6: id 'x' also on line 1, this line replaces it",
              "'" + path + "' line 7: longer than 64 bytes, line skipped",
              "'" + path + "' line 8: id 'x' also on line 6, this line replaces it",
          });
}

TEST_CASE("regression: #15 a JSONL date that cannot be read is a warning; the record is read") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path =
        dir.write("news.jsonl",
                  "{\"id\": \"a\", \"text\": \"نص\", \"date\": \"Sun, 18 Feb 2018 17:21:49 GMT\"}\n"
                  "{\"id\": \"b\", \"text\": \"نص\", \"date\": \"05/17/2015\"}\n"
                  "{\"id\": \"c\", \"text\": \"نص\", \"date\": \"17/05/2015\"}\n"
                  "{\"id\": \"d\", \"text\": \"نص\", \"date\": \"\\u0001yesterday\"}\n"
                  "{\"id\": \"e\", \"text\": \"نص\", \"date\": \"\"}\n");
    const Read r = read(path);
    CHECK(ids(r.docs) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(r.docs[1].date == "05/17/2015");  // stored as written
    CHECK(r.docs[1].line == 2);
    CHECK(r.warnings ==
          std::vector<std::string>{
              in_quotes(path) +
                  " line 2: date '05/17/2015' not understood (use ISO 8601 YYYY-MM-DD), "
                  "document indexed undated",
              in_quotes(path) +
                  " line 4: date '\\x01yesterday' not understood (use ISO 8601 YYYY-MM-DD), "
                  "document indexed undated",
          });
}

TEST_CASE("regression: #15 a .tsv file named directly is read as id<TAB>text lines") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = dir.write("topics.tsv",
                                       "# id\ttext\n"
                                       "q1\tبوتين في موسكو\n"
                                       "\n"
                                       "no tab here\n"
                                       "\tنص بلا معرف\n"
                                       "q2\tنص\tبعد علامة\r\n"
                                       "q\x01"
                                       "3\tنص\n"
                                       "q1\tمرة ثانية\n");
    const ReadWithUnread r = read_unread(path);
    REQUIRE(ids(r.docs) == std::vector<std::string>{"q1", "q2", "q1"});
    CHECK(r.docs[0].text == "بوتين في موسكو");
    CHECK(r.docs[0].line == 2);
    CHECK(r.docs[1].text == "نص\tبعد علامة");  // the rest of the line, tabs and all
    CHECK(r.docs[2].text == "مرة ثانية");
    CHECK(r.warnings ==
          std::vector<std::string>{
              in_quotes(path) + " line 4: no tab (expected id<TAB>text), line skipped",
              in_quotes(path) + " line 5: empty id, line skipped",
              in_quotes(path) + " line 7: id contains a control character (U+0001), line skipped",
              in_quotes(path) + " line 8: id 'q1' also on line 2, this line replaces it",
          });
    CHECK(r.unread == std::vector<std::string>{"source  4",
                                               "id q\x01"
                                               "3 7"});
}
