/** @file
 *  @brief Tests of the source readers: .txt files, directories, JSONL, and bad input.
 */
#include "fahras/corpus.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace {

struct Read {
    std::vector<fahras::Document> docs;
    std::vector<std::string> warnings;
};

Read read(const std::string& source, const fahras::ReadOptions& options = {}) {
    Read r;
    fahras::read_source(
        source, options, [&](fahras::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const fahras::InputError& e) { r.warnings.push_back(e.what()); });
    return r;
}

/** 'PATH', built without `"'" + string` (GCC 12 warns about it: a false -Wrestrict). */
std::string in_quotes(std::string_view path) {
    std::string q;
    q.push_back('\'');
    q.append(path);
    q.push_back('\'');
    return q;
}

/** The ids of @p docs, in order. */
std::vector<std::string> ids(const std::vector<fahras::Document>& docs) {
    std::vector<std::string> out;
    for (const fahras::Document& d : docs) out.push_back(d.id);
    return out;
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

TEST_CASE("ReadOptions::skip_file is asked for each file of a directory, with path and id") {
    const fahras::test::TempDir dir;
    dir.write("b.txt", "نص ثان");
    dir.write("a/c.txt", "نص أول");
    std::vector<std::string> asked;
    fahras::ReadOptions options;
    options.skip_file = [&](const std::string& path, const std::string& id) {
        asked.push_back(std::filesystem::path(path).lexically_relative(dir.path()).string() + " " +
                        id);
        return id == "a/c.txt";
    };
    const Read r = read(dir.path().string(), options);
    CHECK(asked == std::vector<std::string>{"a/c.txt a/c.txt", "b.txt b.txt"});
    CHECK(ids(r.docs) == std::vector<std::string>{"b.txt"});
    CHECK(r.warnings.empty());
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

TEST_CASE("directories: symbolic links are followed, loops and special files reported") {
    const fahras::test::TempDir dir;
    const std::string root = dir.path().string();
    dir.write("a/one.txt", "واحد");
    std::string deep = "d";
    for (int i = 0; i < 99; ++i) deep += "/d";
    dir.write(deep + "/deep.txt", "عميق");
    std::filesystem::create_directory_symlink("..", dir.path() / "a/up");
    std::filesystem::create_directory_symlink(dir.path() / "a", dir.path() / "b");
    std::filesystem::create_symlink("one.txt", dir.path() / "a/link.txt");
    std::filesystem::create_symlink("/nonexistent/fahras", dir.path() / "broken.txt");
    REQUIRE(::mkfifo((dir.path() / "pipe.txt").c_str(), 0600) == 0);
    const Read r = read(root);
    CHECK(ids(r.docs) == std::vector<std::string>{"a/link.txt", "a/one.txt", deep + "/deep.txt"});
    CHECK(r.docs[0].text == "واحد");
    CHECK(r.warnings ==
          std::vector<std::string>{
              "'" + root + "/b': directory already read (symbolic link loop?), skipped",
              "'" + root + "/broken.txt': broken symbolic link, skipped",
              "'" + root + "/pipe.txt': not a regular file, skipped",
              "'" + root + "/a/up': directory already read (symbolic link loop?), skipped",
          });
}

TEST_CASE("unreadable files and directories are reported, the rest read") {
    // Root reads files whatever their mode: as root, the reading runs in a child process
    // that has become 'nobody'. Where that is impossible the test says so and stops.
    const fahras::test::TempDir dir;
    const std::string root = dir.path().string();
    dir.write("ok.txt", "مقروء");
    const std::string secret = dir.write("secret.txt", "سري");
    dir.write("closed/inside.txt", "مغلق");
    ::chmod(root.c_str(), 0755);
    ::chmod(secret.c_str(), 0);
    ::chmod((dir.path() / "closed").c_str(), 0);
    ::chmod((dir.path() / "ok.txt").c_str(), 0644);
    const std::vector<std::string> expected{
        "'" + root + "/closed': cannot read directory: Permission denied",
        "'" + root + "/secret.txt': cannot read: Permission denied",
        "ok.txt",
    };
    const auto run = [&] {
        const Read r = read(root);
        std::vector<std::string> out = r.warnings;
        for (const std::string& id : ids(r.docs)) out.push_back(id);
        return out;
    };
    if (::geteuid() != 0) {
        CHECK(run() == expected);
    } else {
        int pipe_fds[2];
        REQUIRE(::pipe(pipe_fds) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(pipe_fds[0]);
            constexpr uid_t kNobody = 65534;
            if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(3);
            std::string out;
            for (const std::string& line : run()) out += line + "\n";
            const bool written =
                ::write(pipe_fds[1], out.data(), out.size()) == static_cast<ssize_t>(out.size());
            ::_exit(written ? 0 : 4);
        }
        ::close(pipe_fds[1]);
        std::string out;
        char buffer[4096];
        for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;)
            out.append(buffer, n);
        ::close(pipe_fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        REQUIRE(WIFEXITED(status));
        if (WEXITSTATUS(status) == 3) {
            MESSAGE("running as root and cannot become 'nobody': unreadable files not tested");
        } else {
            CHECK(WEXITSTATUS(status) == 0);
            std::string want;
            for (const std::string& line : expected) want += line + "\n";
            CHECK(out == want);
        }
    }
    ::chmod((dir.path() / "closed").c_str(), 0755);  // so that TempDir can remove it
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

// --- Issue #15: input (items 4, 6, 14, 17) ---------------------------------------------------

namespace {

/** read() that also collects what ReadOptions::on_unread is told, as "SCOPE ID LINE". */
struct ReadWithUnread : Read {
    std::vector<std::string> unread;
};

ReadWithUnread read_unread(const std::string& source) {
    ReadWithUnread r;
    fahras::ReadOptions options;
    options.on_unread = [&](const fahras::Unread& u) {
        const char* scope = u.scope == fahras::Unread::Scope::Id     ? "id"
                            : u.scope == fahras::Unread::Scope::Path ? "path"
                                                                     : "source";
        r.unread.push_back(std::string(scope) + " " + u.id + " " + std::to_string(u.line));
    };
    fahras::read_source(
        source, options, [&](fahras::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const fahras::InputError& e) { r.warnings.push_back(e.what()); });
    return r;
}

}  // namespace

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

TEST_CASE("regression: #15 a .csv file named directly is refused, not read as one document") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = dir.write("news.csv", "id,text\nn1,بوتين\n");
    const Read r = read(path);
    CHECK(r.docs.empty());
    CHECK(r.warnings ==
          std::vector<std::string>{in_quotes(path) + ": CSV is not read (use JSONL or id<TAB>text "
                                                     ".tsv), skipped"});
}

TEST_CASE("regression: #15 a pipe named directly is JSONL if it begins with '{', else text") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string fifo = (dir.path() / "pipe").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto read_pipe = [&](const std::string& bytes) {
        // A child writes what a shell's <(zcat ...) would; the reader runs here.
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            std::FILE* out = std::fopen(fifo.c_str(), "wb");
            const bool ok =
                out != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size();
            if (out != nullptr) std::fclose(out);
            ::_exit(ok ? 0 : 1);
        }
        const Read r = read(fifo);
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFEXITED(status));
        return r;
    };
    SUBCASE("JSONL, after white space and a byte-order mark") {
        const Read r = read_pipe(
            "\xEF\xBB\xBF \n{\"id\": \"p1\", \"text\": \"بوتين\"}\nnot json\n"
            "{\"id\": \"p2\", \"text\": \"ترامب\"}\n");
        CHECK(ids(r.docs) == std::vector<std::string>{"p1", "p2"});
        CHECK(r.docs[1].line == 4);  // lines counted from the first byte
        CHECK(r.warnings == std::vector<std::string>{in_quotes(fifo) +
                                                     " line 3: not a JSON object, line skipped"});
    }
    SUBCASE("text: one document named after the pipe") {
        const Read r = read_pipe("\n  عنوان\nنص {\"id\": 1}\n");
        REQUIRE(ids(r.docs) == std::vector<std::string>{"pipe"});
        CHECK(r.docs[0].title == "عنوان");
        CHECK(r.docs[0].text == "\n  عنوان\nنص {\"id\": 1}\n");  // nothing lost to the look
        CHECK(r.warnings.empty());
    }
}

TEST_CASE("regression: #15 file names that are not valid UTF-8 or hold a control character") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string root = dir.path().string();
    dir.write("good.txt", "جيد");
    dir.write("bad\xff.txt", "تالف");
    dir.write("tab\there.txt", "جدول");
    dir.write("c1\xc2\x85.txt", "سطر");
    dir.write("sub\xfe/inside.txt", "داخل");
    const ReadWithUnread r = read_unread(root);
    CHECK(ids(r.docs) == std::vector<std::string>{"good.txt"});
    CHECK(r.warnings ==
          std::vector<std::string>{
              in_quotes(root + "/bad\\xFF.txt") +
                  ": file name is not valid UTF-8, skipped: rename it",
              in_quotes(root + "/c1\\xC2\\x85.txt") +
                  ": file name contains a control character (U+0085), skipped: rename it",
              in_quotes(root + "/sub\\xFE") +
                  ": directory name is not valid UTF-8, skipped: rename it",
              in_quotes(root + "/tab\\x09here.txt") +
                  ": file name contains a control character (U+0009), skipped: rename it",
          });
    CHECK(r.unread.empty());  // such a name gives no id: nothing to keep from it
    // Named directly, as a SOURCE: the same.
    const Read direct = read(root + "/bad\xff.txt");
    CHECK(direct.docs.empty());
    CHECK(direct.warnings ==
          std::vector<std::string>{in_quotes(root + "/bad\\xFF.txt") +
                                   ": file name is not valid UTF-8, skipped: rename it"});
}

TEST_CASE("regression: #15 what a warning leaves unread is told to on_unread, and no more") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string root = dir.write("docs/a.txt", "نص");
    dir.write("docs/empty.txt", "");
    dir.write("docs/sub/b.txt", "نص \xff تالف");  // repaired, still a warning
    std::filesystem::create_symlink("/nonexistent/fahras", dir.path() / "docs/gone.txt");
    const ReadWithUnread below = read_unread((dir.path() / "docs").string());
    CHECK(ids(below.docs) == std::vector<std::string>{"a.txt", "sub/b.txt"});
    CHECK(below.unread ==
          std::vector<std::string>{"path gone.txt 0", "path empty.txt 0", "path sub/b.txt 0"});

    const std::string jsonl = dir.write("a.jsonl",
                                        "{\"id\": \"j1\", \"text\": \"نص \xff\"}\n"
                                        "{\"id\": \"j2\"}\n"
                                        "{\"id\": \"j1\", \"text\": \"نص\"}\n"
                                        "{\"text\": \"بلا معرف\"}\n"
                                        "[1]\n");
    CHECK(read_unread(jsonl).unread ==
          std::vector<std::string>{"id j2 2", "source  4", "source  5"});
    CHECK(read_unread((dir.path() / "missing").string()).unread.empty());  // gone, not unread
}
