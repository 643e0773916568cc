/** @file
 *  @brief Long-lived readers: a Searcher across rebuilds, during updates in place, and on
 *         index directories whose stub holds more than a generation (issue #15).
 */
#include "search/open_index.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;

Ids hit_ids(const fahras::Searcher& searcher, const std::string& query) {
    Ids out;
    for (const fahras::Hit& hit : searcher.search(query, {}).hits) out.push_back(hit.id);
    return out;
}

/** An index directory that fahras-index manages, rebuilt from a JSONL file each time. */
class Rebuilt {
  public:
    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

    /** Rebuilds the index (a new generation, swapped in) from @p text, one document
     *  @p id, with @p stemmer. */
    void rebuild(const std::string& id, const std::string& text,
                 fahras::StemmerKind stemmer = fahras::StemmerKind::Light) const {
        const std::string source =
            dir_.write("docs.jsonl", "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}\n");
        fahras::IndexOptions options;
        options.mode = fahras::OpenMode::Overwrite;
        options.stemmer = stemmer;
        (void)fahras::index_sources(path(), {source}, options, {});
    }

    /** Dates the last swap two minutes back: the next run then removes the generations the
     *  live one replaced (IndexDir::clean keeps them a minute for searchers). */
    void age_last_swap() const {
        const fs::path stub = fs::path(path()) / "XAPIANDB";
        fs::last_write_time(stub, fs::last_write_time(stub) - std::chrono::minutes(2));
    }

    [[nodiscard]] bool has(const std::string& generation) const {
        return fs::exists(fs::path(path()) / generation);
    }

    [[nodiscard]] const fahras::test::TempDir& dir() const { return dir_; }

  private:
    fahras::test::TempDir dir_;
};

/** Sets the search seams for one test and clears them at its end. */
class Seams {
  public:
    Seams() = default;
    ~Seams() { fahras::detail::search_seams() = {}; }
    Seams(const Seams&) = delete;
    Seams& operator=(const Seams&) = delete;
    fahras::detail::SearchSeams& operator*() const { return fahras::detail::search_seams(); }
    fahras::detail::SearchSeams* operator->() const { return &fahras::detail::search_seams(); }
};

constexpr int kBatch = 1000;

/** Replaces every document of the database at @p path (the live generation) and commits:
 *  what one batch of an update in place does. */
void commit_batch(const std::string& path, const std::string& word) {
    fahras::IndexWriter writer(path, {});
    for (int i = 0; i < kBatch; ++i) {
        // Words of their own make the tables deep enough that a search reads blocks past
        // the roots it holds (a one-block table is read once, at opening).
        std::string text = word + " مدينة";
        for (int j = 0; j < 20; ++j) text += " w" + std::to_string(i * 20 + j);
        writer.add({.id = "d" + std::to_string(i), .title = "", .text = text});
    }
    writer.commit();
}

}  // namespace

TEST_CASE("regression: #15 a searcher follows its index across rebuilds") {
    // See: issue #15
    const Rebuilt index;
    index.rebuild("v1", "قرية");
    const fahras::Searcher searcher(index.path());
    CHECK(hit_ids(searcher, "قرية") == Ids{"v1"});

    index.rebuild("v2", "جبل");
    CHECK(hit_ids(searcher, "جبل") == Ids{"v2"});
    CHECK(hit_ids(searcher, "قرية").empty());
    CHECK(searcher.document_count() == 1);

    // Two more runs, a swap more than a minute old before each: the first removes the
    // generation the searcher opened first, the second the one it reads now.
    const fahras::Searcher untouched(index.path());  // opened at gen-000002, not searched
    index.age_last_swap();
    index.rebuild("v3", "نهر");
    index.age_last_swap();
    index.rebuild("v4", "بحر");
    REQUIRE_FALSE(index.has("gen-000001"));
    REQUIRE_FALSE(index.has("gen-000002"));
    CHECK(hit_ids(searcher, "بحر") == Ids{"v4"});
    CHECK(hit_ids(untouched, "بحر") == Ids{"v4"});
    CHECK(hit_ids(untouched, "جبل").empty());
}

TEST_CASE("regression: #15 synonyms stay in force across rebuilds, a new stemmer included") {
    // See: issue #15
    const Rebuilt index;
    index.rebuild("v1", "موسكو");
    fahras::Searcher searcher(index.path());
    searcher.load_synonyms(index.dir().write("synonyms.txt", "العاصمة موسكو\n"));
    CHECK(hit_ids(searcher, "العاصمة") == Ids{"v1"});
    index.rebuild("v2", "موسكو");
    CHECK(hit_ids(searcher, "العاصمة") == Ids{"v2"});
    // Another stemmer makes other terms of both words (عاصمه, موسك): the groups are
    // analyzed again.
    index.rebuild("v3", "موسكو", fahras::StemmerKind::Snowball);
    CHECK(hit_ids(searcher, "العاصمة") == Ids{"v3"});
    searcher.reopen();
    CHECK(hit_ids(searcher, "العاصمة") == Ids{"v3"});
}

TEST_CASE("regression: #15 a searcher whose generation vanishes between the stub and the read") {
    // See: issue #15
    // The race the stub check alone cannot close: the searcher checked the stub, then two
    // runs swap and remove the generation it holds open before it reads its revision.
    const Rebuilt index;
    index.rebuild("v1", "قرية");
    const fahras::Searcher searcher(index.path());
    CHECK(hit_ids(searcher, "قرية") == Ids{"v1"});
    const Seams seams;
    int calls = 0;
    seams->before_reopen = [&] {
        if (++calls > 1) return;
        index.rebuild("v2", "جبل");
        index.age_last_swap();
        index.rebuild("v3", "نهر");
    };
    CHECK(hit_ids(searcher, "نهر") == Ids{"v3"});
    CHECK(calls == 2);
    CHECK_FALSE(index.has("gen-000001"));
}

TEST_CASE("regression: #15 a search outlasting commits retries until a deadline, not 5 times") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    // Commits before: the free blocks of a young database lie past the blocks in use.
    for (const char* word : {"جبل", "نهر", "قرية"}) commit_batch(path, word);
    const fahras::Searcher searcher(path);
    CHECK(searcher.search("قرية", {}).matches_estimated == kBatch);
    const Seams seams;
    int attempts = 0;
    // Between reopening the newest revision and reading it, three commits rewrite every
    // document: the blocks of the revision opened are reused, and reading them throws
    // Xapian::DatabaseModifiedError.
    seams->before_search = [&] {
        if (++attempts > 7) return;
        commit_batch(path, "جبل");
        commit_batch(path, "نهر");
        commit_batch(path, "سهل");
    };
    // Seven attempts fail so; the eighth reads the revision the seventh's commits left.
    const fahras::SearchResult result = searcher.search("مدينة", {});
    CHECK(result.matches_estimated == kBatch);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits[0].snippet.starts_with("سهل **مدينة** w"));
    CHECK(attempts == 8);

    SUBCASE("past the deadline, a plain error") {
        seams->deadline = std::chrono::seconds(0);
        seams->before_search = [&] {
            commit_batch(path, "جبل");
            commit_batch(path, "نهر");
            commit_batch(path, "بحر");
        };
        CHECK_THROWS_WITH_AS(
            (void)searcher.search("مدينة", {}),
            ("index '" + path + "' changed faster than the search could read it; try again")
                .c_str(),
            fahras::Error);
    }
}

TEST_CASE("regression: #15 a corrupt read right after a commit is retried, a damaged index named") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "index").string();
    commit_batch(path, "قرية");
    const fahras::Searcher searcher(path);
    const Seams seams;
    int attempts = 0;
    SUBCASE("the index changed since: a torn read, searched again") {
        seams->before_search = [&] {
            if (++attempts > 1) return;
            commit_batch(path, "جبل");
            throw Xapian::DatabaseCorruptError("a block read as it was being replaced");
        };
        CHECK(searcher.search("جبل", {}).matches_estimated == kBatch);
        CHECK(attempts == 2);
    }
    SUBCASE("unchanged since: damaged, at once") {
        seams->before_search = [&] {
            ++attempts;
            throw Xapian::DatabaseCorruptError("Expected block 4 to be level 0, not 1");
        };
        CHECK_THROWS_WITH_AS(
            (void)searcher.search("قرية", {}),
            ("index '" + path +
             "' is damaged (DatabaseCorruptError: Expected block 4 to be level 0, not 1): run "
             "xapian-check '" +
             path + "/XAPIANDB'; if it reports errors, rebuild the index (fahras-index --rebuild)")
                .c_str(),
            fahras::Error);
        CHECK(attempts == 1);
    }
}

TEST_CASE("regression: #15 a damaged index is named as such, with xapian-check") {
    // See: issue #15
    const Rebuilt index;
    index.rebuild("v1", "قرية");
    // Every block of the posting lists claims the wrong level in the tree (byte 4 of a glass
    // block): the first read of one, at opening or searching, finds the damage.
    const fs::path postlist = fs::path(index.path()) / "gen-000001" / "postlist.glass";
    std::fstream file(postlist, std::ios::in | std::ios::out | std::ios::binary);
    constexpr std::size_t kBlock = 8192;
    for (std::size_t block = 0; block < fs::file_size(postlist) / kBlock; ++block) {
        char level = 0;
        file.seekg(static_cast<std::streamoff>(block * kBlock + 4));
        file.get(level);
        file.seekp(static_cast<std::streamoff>(block * kBlock + 4));
        file.put(static_cast<char>(level ^ 1));
    }
    file.close();
    const std::string start = "index '" + index.path() + "' is damaged (DatabaseCorruptError: ";
    const std::string end = "): run xapian-check '" + index.path() +
                            "/XAPIANDB'; if it reports errors, rebuild the index "
                            "(fahras-index --rebuild)";
    std::string message;
    try {
        (void)fahras::Searcher(index.path()).search("قرية", {});
    } catch (const fahras::Error& e) {
        message = e.what();
    }
    CAPTURE(message);
    CHECK(message.starts_with(start));
    CHECK(message.ends_with(end));
}

TEST_CASE("regression: #15 an index directory's stub names one generation, nothing else") {
    // See: issue #15
    const Rebuilt index;
    index.rebuild("v1", "قرية");
    const std::string stub = index.path() + "/XAPIANDB";
    const fs::path pwned = fs::path(index.path()).parent_path() / "pwned";
    const std::string expected = "index '" + index.path() + "': stub file '" + stub +
                                 "' must hold one line 'glass gen-NNNNNN' ";
    SUBCASE("a remote program after the generation: refused, not run") {
        std::ofstream(stub, std::ios::app) << "remote :touch " << pwned.string() << "\n";
        CHECK_THROWS_WITH_AS(fahras::Searcher{index.path()},
                             (expected + "(line 2 is 'remote :touch " + pwned.string() +
                              "'; list shards in a stub file of their own)")
                                 .c_str(),
                             fahras::Error);
        CHECK_FALSE(fs::exists(pwned));
    }
    SUBCASE("a database that is not a generation") {
        std::ofstream(stub) << "auto /tmp\n";
        CHECK_THROWS_WITH_AS(
            fahras::Searcher{index.path()},
            (expected + "(line 1 is 'auto /tmp'; list shards in a stub file of their own)").c_str(),
            fahras::Error);
    }
    SUBCASE("reached through 'auto DIR' in a stub file the user names: the same") {
        std::ofstream(stub, std::ios::app) << "remote :touch " << pwned.string() << "\n";
        const std::string named = (fs::path(index.path()).parent_path() / "news.stub").string();
        std::ofstream(named) << "auto index\n";
        CHECK_THROWS_WITH_AS(fahras::Searcher{named},
                             (expected + "(line 2 is 'remote :touch " + pwned.string() +
                              "'; list shards in a stub file of their own)")
                                 .c_str(),
                             fahras::Error);
        CHECK_FALSE(fs::exists(pwned));
    }
}

TEST_CASE("regression: #19 a folder of texts given as the index is said to be none") {
    // See: issue #19
    // Xapian said "Couldn't detect type of database" for a directory holding no database.
    const fahras::test::TempDir dir;
    const fs::path texts = dir.path() / "corpus";
    fs::create_directories(texts);
    std::ofstream(texts / "a.txt") << "مدينة\n";
    CHECK_THROWS_WITH_AS(fahras::detail::open_index(texts.string()),
                         ("'" + texts.string() +
                          "' is not a fahras index (it holds no XAPIANDB): build one with "
                          "fahras-index --db INDEX '" +
                          texts.string() + "'")
                             .c_str(),
                         fahras::Error);
    const fs::path empty = dir.path() / "empty";
    fs::create_directories(empty);
    CHECK_THROWS_WITH_AS(fahras::Searcher{empty.string()},
                         ("'" + empty.string() +
                          "' is not a fahras index (it is an empty directory): build one with "
                          "fahras-index --db '" +
                          empty.string() + "' SOURCE...")
                             .c_str(),
                         fahras::Error);
}
