/** @file
 *  @brief Tests of the .html reader (io/html_reader.cc).
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

TEST_CASE("HTML: the visible text and the title, not markup, scripts or styles") {
    const fahras::test::TempDir dir;
    const std::string page =
        "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\">"
        "<title> قمة   العشرين </title><style>p { color: red }</style>"
        "<script>var x = \"مخفي\";</script></head><body><!-- تعليق -->"
        "<h1>ترامب في <b>أوسا</b>كا</h1><p>التقى&nbsp;الرئيسان &laquo;اليوم&raquo;.<br>ثم "
        "افترقا.</p><noscript>جافاسكربت</noscript><table><tr><td>أ</td><td>ب</td></tr></table>"
        "</body></html>";
    SUBCASE("UTF-8") {
        const Read r = read(dir.write("page.html", page));
        CHECK(r.warnings.empty());
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].id == "page.html");
        CHECK(r.docs[0].encoding.empty());
        CHECK(r.docs[0].title == "قمة العشرين");
        CHECK(r.docs[0].text == "ترامب في أوساكا\nالتقى\u00a0الرئيسان «اليوم».\nثم افترقا.\nأ\nب");
    }
    SUBCASE("no title: the first line") {
        const Read r = read(dir.write("bare.htm", "<p>سطر أول</p><p>سطر ثان</p>"));
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].title == "سطر أول");
        CHECK(r.docs[0].text == "سطر أول\nسطر ثان");
    }
    SUBCASE("no title and a first paragraph: no title, as in a .txt file") {
        // See: issue #17
        const Read r = read(dir.write("para.html",
                                      "<p>التقى الرئيسان في موسكو، وبحثا العلاقات بين البلدين.</p>"
                                      "<p>سطر ثان</p>"));
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].title.empty());
        CHECK(r.docs[0].text == "التقى الرئيسان في موسكو، وبحثا العلاقات بين البلدين.\nسطر ثان");
    }
    SUBCASE("windows-1256 without a meta charset: detected, like a .txt file") {
        const std::string html =
            "<html><body><p>" + std::string(kWindows1256) + "</p></body></html>";
        const Read r = read(dir.write("old.html", html));
        CHECK(r.warnings.empty());
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].encoding == "windows-1256");
        CHECK(r.docs[0].title == "عنوان قديم");
    }
    SUBCASE("a meta charset is obeyed, --encoding overrides it") {
        const std::string html = "<html><head><meta charset=\"ISO-8859-6\"></head><body><p>" +
                                 std::string(kWindows1256) + "</p></body></html>";
        const Read by_meta = read(dir.write("meta.html", html));
        REQUIRE(by_meta.docs.size() == 1);
        CHECK(by_meta.docs[0].encoding == "ISO-8859-6");
        const Read forced = read(dir.path().string() + "/meta.html", {.encoding = "windows-1256"});
        REQUIRE(forced.docs.size() == 1);
        CHECK(forced.docs[0].encoding == "windows-1256");
        CHECK(forced.docs[0].text ==
              "عنوان قديم\n" + std::string(kSentence.substr(0, kSentence.size() - 1)));
    }
    SUBCASE("bad pages") {
        dir.write("empty.html", "<html><body><script>x()</script></body></html>");
        dir.write("binary.html", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
        const Read r = read(dir.path().string());
        CHECK(r.docs.empty());
        CHECK(r.warnings ==
              std::vector<std::string>{
                  in_quotes(dir.path().string() + "/binary.html") +
                      ": binary file (contains NUL bytes), skipped",
                  in_quotes(dir.path().string() + "/empty.html") + ": no text, skipped",
              });
    }
}
