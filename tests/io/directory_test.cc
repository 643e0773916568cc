/** @file
 *  @brief Tests of reading a directory SOURCE (io/directory.cc): ids, order, links, unreadable
 * entries, names.
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
