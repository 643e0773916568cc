/** @file
 *  @brief Tests of incremental updates: unchanged sources, files and documents
 * (index/incremental.cc, index/reader.cc).
 */
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "index/index_helpers.h"
#include "temp_dir.h"

using namespace fahras::test;  // the helpers of index/index_helpers.h

TEST_CASE("updates are incremental: unchanged sources and documents are not analyzed again") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", lines({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    std::vector<std::string> analyzed;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document& d) { analyzed.push_back(d.id); };
    fahras::IndexOptions options;

    CHECK(counts(fahras::index_sources(db, {a}, options, callbacks)) == Counts{10, 0, 0, 0, 10});
    analyzed.clear();
    SUBCASE("the same file again is skipped") {
        CHECK(counts(fahras::index_sources(db, {a}, options, callbacks)) ==
              Counts{0, 0, 0, 10, 10});
        CHECK(analyzed.empty());
    }
    SUBCASE("a changed file is read again and only changed records are analyzed") {
        std::string changed = lines({0, 1, 2, 4, 6, 7, 8, 9, 10});
        changed += "{\"id\": \"d3\", \"text\": \"قرية\"}\n";
        (void)dir.write("a.jsonl", changed);
        CHECK(counts(fahras::index_sources(db, {a}, options, callbacks)) == Counts{1, 1, 0, 8, 11});
        CHECK(analyzed == std::vector<std::string>{"d10", "d3"});
        CHECK(ids(db, "قرية") == std::vector<std::string>{"d3"});

        // --prune: d5 is no longer in a.jsonl; nothing else changed.
        options.prune = true;
        (void)dir.write("a.jsonl", changed + " \n");  // read again, same records
        analyzed.clear();
        CHECK(counts(fahras::index_sources(db, {a}, options, callbacks)) ==
              Counts{0, 0, 1, 10, 10});
        CHECK(analyzed.empty());
        CHECK(ids(db, "\"رقم 5\"").empty());
    }
    SUBCASE("a rebuild analyzes everything again") {
        options.mode = fahras::OpenMode::Overwrite;
        CHECK(counts(fahras::index_sources(db, {a}, options, callbacks)) ==
              Counts{10, 0, 0, 0, 10});
        CHECK(analyzed.size() == 10);
    }
}

TEST_CASE("files below a directory are skipped while their size, mtime and ctime stay") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("docs/a.txt", "مدينة أولى");
    (void)dir.write("docs/b.txt", "مدينة ثانية");
    const std::string docs = (dir.path() / "docs").string();
    const auto stored_state = [&] {
        const Xapian::Database xdb(db);
        return xdb.get_document(*xdb.postlist_begin("Qa.txt"))
            .get_value(fahras::schema::kSlotFileState);
    };
    const auto file_state = [&] {
        struct stat st {};
        REQUIRE(::stat(a.c_str(), &st) == 0);
        const auto ns = [](const timespec& t) {
            return std::to_string(static_cast<long long>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec);
        };
        return std::to_string(st.st_size) + " " + ns(st.st_mtim) + " " + ns(st.st_ctim);
    };
    std::vector<std::string> analyzed;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document& d) { analyzed.push_back(d.id); };

    CHECK(counts(fahras::index_sources(db, {docs}, {}, callbacks)) == Counts{2, 0, 0, 0, 2});
    CHECK(stored_state() == file_state());
    analyzed.clear();
    CHECK(counts(fahras::index_sources(db, {docs}, {}, callbacks)) == Counts{0, 0, 0, 2, 2});
    CHECK(analyzed.empty());

    // Touched, same text: read again, not analyzed, its new state stored.
    std::filesystem::last_write_time(
        a, std::filesystem::file_time_type::clock::now() + std::chrono::seconds(5));
    const std::string touched = file_state();
    CHECK(stored_state() != touched);
    CHECK(counts(fahras::index_sources(db, {docs}, {}, callbacks)) == Counts{0, 0, 0, 2, 2});
    CHECK(analyzed.empty());
    CHECK(stored_state() == touched);

    // Changed: analyzed again.
    (void)dir.write("docs/a.txt", "قرية");
    CHECK(counts(fahras::index_sources(db, {docs}, {}, callbacks)) == Counts{0, 1, 0, 1, 2});
    CHECK(analyzed == std::vector<std::string>{"a.txt"});
    CHECK(stored_state() == file_state());
}
