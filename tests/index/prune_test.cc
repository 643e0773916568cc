/** @file
 *  @brief Tests of pruning: vanished sources and files, what a warning left unread, the half guard
 * (index/prune.cc).
 */
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("--prune removes the documents of vanished sources and files, not those left unread") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string docs = dir.write("docs/x.txt", "مدينة أولى");
    (void)dir.write("docs/sub/y.txt", "مدينة ثانية");
    const std::string dir_source = (dir.path() / "docs").string();
    const std::string a = dir.write("a.jsonl", lines({1, 2}));
    fahras::IndexOptions options;
    options.prune = true;
    CHECK(counts(fahras::index_sources(db, {dir_source, a}, options, {})) == Counts{4, 0, 0, 0, 4});

    // Without --prune nothing goes.
    std::filesystem::remove(dir.path() / "docs/sub/y.txt");
    fahras::IndexOptions keep;
    CHECK(counts(fahras::index_sources(db, {dir_source, a}, keep, {})) == Counts{0, 0, 0, 3, 4});

    // A file with a warning keeps only its own documents (issue #15): y.txt goes.
    (void)dir.write("docs/empty.txt", "");
    CHECK(counts(fahras::index_sources(db, {dir_source, a}, options, {})) == Counts{0, 0, 1, 3, 3});
    CHECK(ids(db, "ثانية").empty());
    std::filesystem::remove(dir.path() / "docs/empty.txt");
    CHECK(counts(fahras::index_sources(db, {dir_source, a}, options, {})) == Counts{0, 0, 0, 3, 3});

    // A SOURCE that is gone, named or not, takes its documents with it: all of them, more
    // than half, so only with force_prune (an unmounted path looks gone too).
    std::filesystem::remove(a);
    options.force_prune = true;
    CHECK(counts(fahras::index_sources(db, {dir_source}, options, {})) == Counts{0, 0, 2, 1, 1});
    CHECK(ids(db, "مدينة") == std::vector<std::string>{"x.txt"});
}

TEST_CASE("regression: #15 --prune keeps only what a warning left unread, and says so") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    for (const char* name : {"a", "b", "c", "d"})
        (void)dir.write(std::string("docs/") + name + ".txt", "مدينة");
    const std::string docs = (dir.path() / "docs").string();
    const std::string news = dir.write("news.jsonl", lines({1, 2, 3, 4}));
    fahras::IndexOptions options;
    options.prune = true;
    CHECK(counts(fahras::index_sources(db, {docs, news}, options, {})) == Counts{8, 0, 0, 0, 8});

    SUBCASE("an empty file keeps itself, not its directory: b.txt goes") {
        std::filesystem::remove(dir.path() / "docs/b.txt");
        (void)dir.write("docs/empty.txt", "");
        Warnings w;
        const fahras::IndexStats stats =
            fahras::index_sources(db, {docs, news}, options, w.callbacks());
        CHECK(counts(stats) == Counts{0, 0, 1, 7, 7});
        CHECK(stats.not_pruned == 0);
        CHECK(w.lines ==
              std::vector<std::string>{in_quotes(docs + "/empty.txt") + ": empty file, skipped"});
    }
    SUBCASE("a changed file with a warning keeps its own documents") {
        (void)dir.write("docs/c.txt", "قرية \xff");  // repaired, indexed, warned
        std::filesystem::remove(dir.path() / "docs/d.txt");
        const fahras::IndexStats stats = fahras::index_sources(db, {docs}, options, {});
        CHECK(counts(stats) == Counts{0, 1, 1, 2, 7});
    }
    SUBCASE("a JSONL line skipped with its id read keeps that id; the others are pruned") {
        (void)dir.write("news.jsonl", lines({1}) + "{\"id\": \"d2\"}\n" + lines({3}));
        Warnings w;
        const fahras::IndexStats stats =
            fahras::index_sources(db, {docs, news}, options, w.callbacks());
        CHECK(counts(stats) == Counts{0, 0, 1, 6, 7});  // d4 goes, d2 stays
        CHECK(ids(db, "\"رقم 2\"") == std::vector<std::string>{"d2"});
        CHECK(stats.not_pruned == 0);
    }
    SUBCASE("a JSONL line whose id cannot be read keeps the whole file, with a warning") {
        (void)dir.write("news.jsonl", lines({1}) + "{\"id\": \"d2\", \"text\": \n" + lines({3}));
        Warnings w;
        const fahras::IndexStats stats =
            fahras::index_sources(db, {docs, news}, options, w.callbacks());
        CHECK(counts(stats) == Counts{0, 0, 0, 6, 8});
        CHECK(stats.not_pruned == 1);
        CHECK(stats.warnings == 2);
        CHECK(w.lines == std::vector<std::string>{
                             in_quotes(news) + " line 2: not a JSON object, line skipped",
                             in_quotes(news) + ": not pruned: line 2 could not be read",
                         });
    }
}

TEST_CASE("regression: #15 --prune refuses to remove more than half of a SOURCE unless forced") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    for (const char* name : {"a", "b", "c"})
        (void)dir.write(std::string("mnt/") + name + ".txt", "مدينة");
    const std::string mnt = (dir.path() / "mnt").string();
    const std::string other = dir.write("other.jsonl", lines({1, 2}));
    fahras::IndexOptions options;
    options.prune = true;
    CHECK(counts(fahras::index_sources(db, {mnt, other}, options, {})) == Counts{5, 0, 0, 0, 5});

    SUBCASE("a SOURCE directory that reads as empty (an unmounted mount point)") {
        for (const char* name : {"a", "b", "c"})
            std::filesystem::remove(dir.path() / "mnt" / (std::string(name) + ".txt"));
        Warnings w;
        fahras::IndexStats stats = fahras::index_sources(db, {mnt, other}, options, w.callbacks());
        CHECK(counts(stats) == Counts{0, 0, 0, 2, 5});
        CHECK(stats.not_pruned == 1);
        CHECK(w.lines ==
              std::vector<std::string>{
                  in_quotes(mnt) + ": not pruned: would remove 3 of 3 documents (more than half); "
                                   "use --force-prune if that is intended"});
        options.force_prune = true;
        stats = fahras::index_sources(db, {mnt, other}, options, {});
        CHECK(counts(stats) == Counts{0, 0, 3, 2, 2});
        CHECK(stats.not_pruned == 0);
    }
    SUBCASE("two of three files gone is more than half; one is not") {
        std::filesystem::remove(dir.path() / "mnt/a.txt");
        std::filesystem::remove(dir.path() / "mnt/b.txt");
        CHECK(counts(fahras::index_sources(db, {mnt, other}, options, {})) ==
              Counts{0, 0, 0, 3, 5});
        (void)dir.write("mnt/b.txt", "مدينة");  // back, the same: unchanged
        CHECK(counts(fahras::index_sources(db, {mnt, other}, options, {})) ==
              Counts{0, 0, 1, 4, 4});
    }
    SUBCASE("a recorded SOURCE that is gone, named or not, keeps its record until forced") {
        std::filesystem::rename(mnt, dir.path() / "elsewhere");
        Warnings w;
        CHECK(counts(fahras::index_sources(db, {other}, options, w.callbacks())) ==
              Counts{0, 0, 0, 2, 5});
        CHECK(w.lines ==
              std::vector<std::string>{
                  in_quotes(mnt) + ": not pruned: would remove 3 of 3 documents (more than half); "
                                   "use --force-prune if that is intended"});
        w.lines.clear();
        CHECK(counts(fahras::index_sources(db, {mnt, other}, options, w.callbacks())) ==
              Counts{0, 0, 0, 2, 5});
        CHECK(w.lines ==
              std::vector<std::string>{
                  in_quotes(mnt) + ": no such file or directory",
                  in_quotes(mnt) + ": not pruned: would remove 3 of 3 documents (more than half); "
                                   "use --force-prune if that is intended"});
        options.force_prune = true;
        CHECK(recorded_sources(db) == 2);
        CHECK(counts(fahras::index_sources(db, {other}, options, {})) == Counts{0, 0, 3, 2, 2});
        CHECK(recorded_sources(db) == 1);
    }
}
