/** @file
 *  @brief Tests of the .txt reader (io/text_reader.cc): one document or parts, bad files.
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
#include "io/readers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of io/read_helpers.h

TEST_CASE("a .txt file named directly is one document with its file name as id") {
    const fahras::test::TempDir dir;
    const Read r = read(dir.write("sub/one.txt", "\xEF\xBB\xBFسطر أول\r\nسطر ثان\r\n"));
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].id == "one.txt");
    CHECK(r.docs[0].title == "سطر أول");  // byte-order mark and CR dropped
    CHECK(r.docs[0].text == "سطر أول\r\nسطر ثان\r\n");
}

TEST_CASE("regression: #17 a .txt file's first line is its title only when it looks like one") {
    // See: issue #17
    const fahras::test::TempDir dir;
    const auto title_of = [&](const std::string& text) {
        const Read r = read(dir.write("t.txt", text));
        REQUIRE(r.docs.size() == 1);
        CHECK(r.docs[0].text == text);  // the text begins at the first line either way
        return r.docs[0].title;
    };
    // Headlines: short, a question or an ellipsis at the end is fine.
    CHECK(title_of("ترامب وبوتين خلال قمة العشرين في اليابان\nنص") ==
          "ترامب وبوتين خلال قمة العشرين في اليابان");
    CHECK(title_of("\n\nبوتين يهنئ ترمب ويبدي استعداده للتواصل.. كيف رد الرئيس المنتخب؟\nنص") ==
          "بوتين يهنئ ترمب ويبدي استعداده للتواصل.. كيف رد الرئيس المنتخب؟");
    CHECK(title_of("تحرير عدن..\nنص") == "تحرير عدن..");
    CHECK(title_of("بوتين: لم تكن لدينا قنوات للاتصال\nنص") == "بوتين: لم تكن لدينا قنوات للاتصال");
    CHECK(title_of("Mixed Script\ntext") == "Mixed Script");
    // corpus/000's first paragraph: 25 words, and a full stop at its end.
    const std::string paragraph =
        "أكدت روسيا الخميس بأنها كانت على اتصال مع فريق الرئيس الأمريكي المنتخب دونالد ترامب "
        "خلال الحملة الإنتخابية، بحسب ما نقلته وكالة “إنترفاكس” الروسية الخاصة للأنباء.";
    CHECK(title_of(paragraph + "\n\nنص").empty());
    // Short lines that end as a sentence or lead into the next line.
    CHECK(title_of("وصل الرئيس إلى موسكو مساء أمس.\nنص").empty());       // FULL STOP
    CHECK(title_of("وصل الرئيس إلى موسكو مساء أمس\u06D4\nنص").empty());  // ARABIC FULL STOP
    CHECK(title_of("وصل الرئيس إلى موسكو\u060C\nنص").empty());           // ARABIC COMMA
    CHECK(title_of("وصل الرئيس إلى موسكو\u061B\nنص").empty());           // ARABIC SEMICOLON
    CHECK(title_of("حائل - بشير الرشيدي:\nنص").empty());
    CHECK(title_of("«لن نتراجع عن قرارنا.»\nنص").empty());  // the full stop inside the quotes
    CHECK(title_of("“لن نتراجع عن قرارنا.” \r\nنص").empty());
    // Long lines: 15 words are a title, 16 are not; nor 121 characters.
    std::string words;
    for (int i = 0; i < 15; ++i) words += (i ? " " : "") + std::string("كلمة");
    CHECK(title_of(words + "\nنص") == words);
    CHECK(title_of(words + " أخرى\nنص").empty());
    CHECK(fahras::detail::title_line(std::string(120, 'a')) == std::string(120, 'a'));
    CHECK(fahras::detail::title_line(std::string(121, 'a')).empty());
    CHECK(fahras::detail::title_line(std::string(60, 'x') + "\u0628").size() == 62);  // BEH
    CHECK(fahras::detail::title_line(std::string(120, 'x') + "\u0628").empty());
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

TEST_CASE("a file longer than max_document_bytes is read in parts cut at line ends") {
    const fahras::test::TempDir dir;
    std::string text;
    for (int i = 1; i <= 9; ++i) text += "السطر رقم " + std::to_string(i) + "\n";  // 19 bytes
    text += "بلا نهاية";
    SUBCASE("UTF-8") {
        const Read r = read(dir.write("big.txt", text), {.max_document_bytes = 64});
        CHECK(r.warnings.empty());
        CHECK(ids(r.docs) ==
              std::vector<std::string>{"big.txt", "big.txt#2", "big.txt#3", "big.txt#4"});
        std::string joined;
        for (const fahras::Document& d : r.docs) {
            CHECK(d.text.size() <= 64);
            joined += d.text;
        }
        CHECK(joined == text);
        CHECK(r.docs[0].title == "السطر رقم 1");
        CHECK(r.docs[1].title == "السطر رقم 4");
    }
    SUBCASE("UTF-16, and a line longer than a part is cut between characters") {
        std::u16string wide = u"عنوان\n";
        for (int i = 0; i < 40; ++i) wide += u'ب';  // ARABIC LETTER BEH
        const Read r = read(dir.write("wide.txt", utf16(wide, true)), {.max_document_bytes = 32});
        CHECK(r.warnings.empty());
        std::string joined;
        for (const fahras::Document& d : r.docs) {
            CHECK(d.encoding == "UTF-16LE");
            joined += d.text;
        }
        CHECK(r.docs.size() == 4);
        std::string beh;
        for (int i = 0; i < 40; ++i) beh += "ب";
        CHECK(joined == "عنوان\n" + beh);
    }
    SUBCASE("invalid UTF-8 in a later part: the offset is the file's") {
        const Read r = read(dir.write("bad.txt", text + "\n\xff"), {.max_document_bytes = 64});
        REQUIRE(r.docs.size() == 4);
        CHECK(r.docs.back().text == "بلا نهاية\n\xEF\xBF\xBD");
        CHECK(r.warnings == std::vector<std::string>{in_quotes(dir.path().string() + "/bad.txt") +
                                                     ": invalid UTF-8 at byte " +
                                                     std::to_string(text.size() + 1) +
                                                     ", bad bytes replaced with U+FFFD"});
    }
}
