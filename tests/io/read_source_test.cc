/** @file
 *  @brief Tests of reading one SOURCE (io/read_source.cc): missing, refused, pipes, what is left
 * unread.
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

TEST_CASE("a missing source is reported") {
    const Read r = read("/nonexistent/fahras/source");
    CHECK(r.docs.empty());
    CHECK(r.warnings ==
          std::vector<std::string>{"'/nonexistent/fahras/source': no such file or directory"});
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
