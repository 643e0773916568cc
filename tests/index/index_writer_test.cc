/** @file
 *  @brief Tests of index_sources: parallel shards for a new index, one writer for updates.
 */
#include "fahras/index_writer.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/batch.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "fahras/tokenize.h"
#include "temp_dir.h"

namespace {

/** A JSONL source of @p count documents "d0".."dN-1" that mention the word "مدينة"; the
 *  last line repeats id "d0" with other text. */
std::string jsonl(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"مدينة رقم " +
               std::to_string(i) + "\"}\n";
    }
    out += "{\"id\": \"d0\", \"text\": \"قرية بدلا من مدينة\"}\n";
    return out;
}

std::vector<std::string> ids(const std::string& db, const std::string& query) {
    const fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.limit = 100;
    std::vector<std::string> out;
    for (const fahras::Hit& hit : searcher.search(query, options).hits) out.push_back(hit.id);
    return out;
}

/** The names in directory @p dir, sorted. */
std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/** fahras's stemmer as a Xapian stemmer, for the reference term generator. */
class AnalyzerStem : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override { return analyzer_.stem(word); }
    std::string get_description() const override { return "test"; }

  private:
    fahras::Analyzer analyzer_;
};

using Postings = std::map<std::string, std::vector<Xapian::termpos>>;

/** The text terms of @p doc (stems, `Z…`) with their positions. */
Postings postings(const Xapian::Document& doc) {
    Postings out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (!(*t).starts_with('Z')) continue;
        std::vector<Xapian::termpos>& positions = out[*t];
        positions.assign(t.positionlist_begin(), t.positionlist_end());
    }
    return out;
}

}  // namespace

TEST_CASE("the index holds what Xapian's TermGenerator makes of the analysis text") {
    // IndexWriter writes terms and positions itself; this is the reference it must equal:
    // TermGenerator with STEM_ALL_Z over analysis_text() without its stop words, title first,
    // a gap of 100, then the text; the stop words' terms and the title field's terms with no
    // positions. Words it lower-cases or splits (ß, Greek, Cherokee, Ⓐ), numbers, and words
    // over its 64-byte limit included.
    const std::string title = "İstanbul AND Straße: الرئيسُ الروسي";
    const std::string text = "ΣΊΣΥΦΟΣ ᏣᎳᎩ café ﻻ پچژگ ١٢٣ 2.5.3 G20 145مليون الـ20 Ⓐ x² ﬁ وٰ " +
                             std::string(70, 'x') +
                             " بببببببببببببببببببببببببببببببببببببببب والرئيس لترامب في موسكو.";
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", "{\"id\": \"a\", \"title\": \"" + title +
                                                           "\", \"text\": \"" + text + "\"}\n");
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 1;
    (void)fahras::index_sources(db, {source}, options, {});

    // The analysis text's words split into stop words and the others.
    std::vector<std::string> stop_words;
    const auto without_stop_words = [&](const std::string& analysis) {
        std::string out;
        std::istringstream words(analysis);
        for (std::string word; words >> word;) {
            if (fahras::is_stop_word(word)) {
                stop_words.push_back(word);
            } else {
                out += word + ' ';
            }
        }
        return out;
    };
    Xapian::Document generated;
    Xapian::TermGenerator gen;
    gen.set_stemmer(Xapian::Stem(new AnalyzerStem));
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    gen.set_document(generated);
    gen.index_text(without_stop_words(fahras::analysis_text(title)));
    gen.increase_termpos();
    gen.index_text(without_stop_words(fahras::analysis_text(text)));
    Postings expected = postings(generated);
    const fahras::Analyzer analyzer;
    for (const std::string& word : stop_words) (void)expected["Z" + analyzer.stem(word)];
    Xapian::Document title_field;
    gen.set_document(title_field);
    gen.index_text(fahras::analysis_text(title), 1, "S");
    for (const auto& [term, positions] : postings(title_field)) (void)expected[term];

    const Xapian::Database index(db);
    const Postings got = postings(index.get_document(1));
    CHECK(got == expected);
    CHECK(got.contains("Zstrasse"));
    CHECK(got.at("ZSstrasse").empty());
    CHECK(got.at("Zفي").empty());
    CHECK(got.at("Zلا").empty());
    // 5 title words, the gap, then the 22nd word of the text less 3 stop words (ﻻ, the ال
    // of الـ20, في).
    CHECK(got.at("Zموسكو") == std::vector<Xapian::termpos>{5 + 100 + 22 - 3});
    CHECK_FALSE(got.contains(std::string("Z").append(70, 'x')));
}

TEST_CASE("a new index is written by parallel shards and merged; a repeated id replaces") {
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", jsonl(50));
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 3;
    options.batch_size = 7;
    std::vector<std::string> seen;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document& d) { seen.push_back(d.id); };

    const fahras::IndexStats stats = fahras::index_sources(db, {source}, options, callbacks);
    CHECK(stats.documents == 51);
    CHECK(seen.size() == 51);
    CHECK(stats.index_size == 50);
    CHECK(stats.warnings == 1);  // "line 51: id 'd0' also on line 1, this line replaces it"
    CHECK(ids(db, "مدينة").size() == 50);
    CHECK(ids(db, "قرية") == std::vector<std::string>{"d0"});
    CHECK(ids(db, "\"رقم 0\"").empty());  // the first d0 was replaced
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
}

TEST_CASE("an index that holds documents is updated in place by one writer") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 2;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(10))}, options, {});
    const fahras::IndexStats stats = fahras::index_sources(
        db, {dir.write("b.jsonl", "{\"id\": \"d5\", \"text\": \"بلدة\"}\n")}, options, {});
    CHECK(stats.documents == 1);
    CHECK(stats.index_size == 10);
    CHECK(ids(db, "بلدة") == std::vector<std::string>{"d5"});
    CHECK(ids(db, "مدينة").size() == 9);
}

TEST_CASE("the same documents give the same index with one thread or several") {
    const fahras::test::TempDir dir;
    const std::string source = dir.write("docs.jsonl", jsonl(30));
    fahras::IndexOptions one;
    one.threads = 1;
    fahras::IndexOptions two;
    two.threads = 2;
    const std::string db1 = (dir.path() / "one").string();
    const std::string db2 = (dir.path() / "two").string();
    (void)fahras::index_sources(db1, {source}, one, {});
    (void)fahras::index_sources(db2, {source}, two, {});
    for (const char* query : {"مدينة", "قرية", "رقم"}) {
        CAPTURE(query);
        std::vector<std::string> a = ids(db1, query);
        std::vector<std::string> b = ids(db2, query);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);
    }
}

TEST_CASE("a rebuild writes a new generation, swaps the stub, and keeps the previous one a run") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 2;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(10))}, options, {});
    CHECK(ids(db, "مدينة").size() == 10);

    fahras::IndexOptions rebuild = options;
    rebuild.mode = fahras::OpenMode::Overwrite;
    const std::string b = dir.write("b.jsonl", "{\"id\": \"b1\", \"text\": \"بلدة\"}\n");
    const fahras::IndexStats stats = fahras::index_sources(db, {b}, rebuild, {});
    CHECK(stats.index_size == 1);
    CHECK(ids(db, "بلدة") == std::vector<std::string>{"b1"});
    CHECK(ids(db, "مدينة").empty());
    // The previous generation stays for searchers that opened it before the swap.
    CHECK(entries(db) ==
          std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001", "gen-000002"});
    std::ifstream stub(db + "/XAPIANDB");
    std::string line;
    std::getline(stub, line);
    CHECK(line == "glass gen-000002");

    // The next run within a minute of the swap keeps it too; a later one removes it.
    (void)fahras::index_sources(db, {b}, options, {});
    CHECK(entries(db) ==
          std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001", "gen-000002"});
    std::filesystem::last_write_time(
        db + "/XAPIANDB", std::filesystem::file_time_type::clock::now() - std::chrono::minutes(2));
    (void)fahras::index_sources(db, {b}, options, {});
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000002"});
}

TEST_CASE("a run removes what a killed run left: unfinished generations, shards, temp stubs") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(5));
    (void)fahras::index_sources(db, {a}, {}, {});
    // Unfinished, as a killed run leaves them: marked as fahras's own from their creation.
    (void)dir.write("index/gen-000002/postlist.glass", "half written");
    (void)dir.write("index/gen-000002/fahras-unfinished", "");
    (void)dir.write("index/gen-000003.shard-1/termlist.glass", "half written");
    (void)dir.write("index/gen-000003.shard-1/fahras-unfinished", "");
    (void)dir.write("index/XAPIANDB.tmp", "glass gen-000002\n");
    // Not provably fahras's: the operator's own, whatever their names.
    (void)dir.write("index/notes.txt", "the operator's own file");
    (void)dir.write("index/gen-000004.shard-0/notes.txt", "no marker");
    const fahras::IndexStats stats = fahras::index_sources(db, {a}, {}, {});
    CHECK(stats.index_size == 5);
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001",
                                                  "gen-000004.shard-0", "notes.txt"});
}

TEST_CASE("a plain Xapian database from before generations is updated in place, not rebuilt") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "plain").string();
    {
        // A plain database, as fahras wrote them before generations: a generation's files
        // (IndexWriter writes generations now) in the directory itself.
        const std::string index = (dir.path() / "index").string();
        {
            fahras::IndexWriter writer(index, {});
            writer.add({.id = "p1", .title = "", .text = "مدينة قديمة"});
            writer.commit();
        }
        std::filesystem::copy(index + "/gen-000001", db);
    }
    const fahras::IndexStats stats = fahras::index_sources(
        db, {dir.write("b.jsonl", "{\"id\": \"b1\", \"text\": \"مدينة\"}\n")}, {}, {});
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة").size() == 2);
    CHECK_FALSE(std::filesystem::exists(db + "/XAPIANDB"));

    fahras::IndexOptions rebuild;
    rebuild.mode = fahras::OpenMode::Overwrite;
    CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {}, rebuild, {}),
                         ("index '" + db +
                          "' is a plain Xapian database, which cannot be rebuilt atomically: "
                          "move it away and index again")
                             .c_str(),
                         fahras::IndexVersionError);
    CHECK(ids(db, "مدينة").size() == 2);
}

TEST_CASE("a stub that fahras did not write is an error, and nothing is deleted") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)dir.write("index/XAPIANDB", "remote localhost:3000\n");
    CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {}, {}, {}),
                         ("index '" + db + "': stub file '" + db +
                          "/XAPIANDB' is not the one line 'glass gen-NNNNNN' that fahras "
                          "writes: make it name the live generation, and list remote shards in "
                          "a stub file of your own outside the index directory; nothing was "
                          "deleted")
                             .c_str(),
                         fahras::Error);
    CHECK(std::filesystem::exists(db + "/XAPIANDB"));
}

namespace {

/** JSONL lines {"id": "dK", "text": "مدينة رقم K"} for each K in @p keys. */
std::string lines(const std::vector<int>& keys) {
    std::string out;
    for (const int k : keys) {
        out += "{\"id\": \"d" + std::to_string(k) + "\", \"text\": \"مدينة رقم " +
               std::to_string(k) + "\"}\n";
    }
    return out;
}

struct Counts {
    std::size_t added, updated, removed, unchanged, index_size;
    bool operator==(const Counts&) const = default;
};

Counts counts(const fahras::IndexStats& s) {
    return {s.added, s.updated, s.removed, s.unchanged, s.index_size};
}

}  // namespace

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

TEST_CASE("an update commits every batch_bytes bytes of text, whatever batch_size says") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    (void)fahras::index_sources(db, {dir.write("a.jsonl", lines({0}))}, options, {});
    // Each document is committed (visible to a reader) before on_document reports it, if and
    // only if a commit came after it: batch_size alone would commit at the end only.
    options.batch_size = 0;
    std::vector<unsigned> visible;
    fahras::IndexCallbacks callbacks;
    callbacks.on_document = [&](const fahras::Document&) {
        visible.push_back(Xapian::Database(db).get_doccount());
    };
    const std::string b = dir.write("b.jsonl", lines({1, 2, 3, 4}));
    SUBCASE("a byte limit below one document: a commit after each") {
        options.batch_bytes = 1;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{2, 3, 4, 5});
    }
    SUBCASE("a byte limit of two documents' text (\"مدينة رقم K\": 19 bytes each)") {
        options.batch_bytes = 38;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{1, 3, 3, 5});
    }
    SUBCASE("no byte limit: the end only") {
        options.batch_bytes = 0;
        (void)fahras::index_sources(db, {b}, options, callbacks);
        CHECK(visible == std::vector<unsigned>{1, 1, 1, 1});
    }
}

TEST_CASE("a document with an id too long for one term is indexed, found and replaced") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    // 400 characters, 800 bytes: ARABIC LETTER BEH, and a last one that tells it apart.
    std::string id;
    for (int i = 0; i < 399; ++i) id += "\u0628";
    const std::string other = id + "2";
    id += "1";
    const auto record = [](const std::string& doc_id, const std::string& text) {
        return "{\"id\": \"" + doc_id + "\", \"text\": \"" + text + "\"}\n";
    };
    const std::string source = dir.write("long.jsonl", record(id, "مدينة") + record(other, "قرية"));
    fahras::IndexOptions options;
    fahras::IndexStats stats = fahras::index_sources(db, {source}, options, {});
    CHECK(stats.warnings == 0);
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة") == std::vector<std::string>{id});  // the whole id

    fahras::SearchOptions explain;
    explain.explain = fahras::Explain::Yes;
    const fahras::SearchResult result = fahras::Searcher(db).search("مدينة", explain);
    REQUIRE(result.hits.size() == 1);
    REQUIRE(result.hits[0].matches.size() == 1);
    CHECK(result.hits[0].matches[0].weight > 0);  // --explain finds the document by its term

    (void)dir.write("long.jsonl", record(id, "بلدة") + record(other, "قرية"));
    stats = fahras::index_sources(db, {source}, options, {});
    CHECK(stats.updated == 1);
    CHECK(stats.unchanged == 1);
    CHECK(stats.index_size == 2);
    CHECK(ids(db, "مدينة").empty());
    CHECK(ids(db, "بلدة") == std::vector<std::string>{id});
}

namespace {

/** The frequency of @p word in the spelling table of @p db (0: not there). */
Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
        if (*w == word) return w.get_termfreq();
    }
    return 0;
}

}  // namespace

TEST_CASE("the words pending for the spelling table are committed past 100,000 distinct words") {
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    fahras::IndexWriter writer(path, {});
    writer.add({.id = "first", .text = "city city city town"});
    // 210,000 distinct words: the terms cache (200,000) hands its counts over once full,
    // past the limit of 100,000, and add() commits without being asked.
    std::size_t word = 0;
    for (int doc = 0; doc < 100; ++doc) {
        std::string text;
        for (int i = 0; i < 2100; ++i, ++word) {
            // Letters only ("w12" would be two words, the number without letters).
            for (std::size_t n = word; n != 0; n /= 26) text += static_cast<char>('a' + n % 26);
            text += "w ";
        }
        writer.add({.id = std::to_string(doc), .text = text});
    }
    const Xapian::Database reader(path);
    CHECK(reader.get_doccount() > 1);
    CHECK(spelling_frequency(reader, "city") == 3);
    CHECK(spelling_frequency(reader, "town") == 0);  // seen once: not a suggestion
    CHECK(spelling_frequency(reader, "bw") == 0);
    writer.commit();
}

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

TEST_CASE("a batch is full after batch_size documents or batch_bytes of text, whichever first") {
    fahras::IndexOptions options;
    options.batch_size = 3;
    options.batch_bytes = 100;
    fahras::Batch batch(options);
    std::vector<bool> full;
    // 3 small documents; then 60 + 50 bytes; then a document over the byte limit by itself
    for (const std::size_t bytes : {10, 10, 10, 60, 50, 150, 10})
        full.push_back(batch.full_after(bytes));
    CHECK(full == std::vector<bool>{false, false, true, false, true, true, false});

    options.batch_size = 0;   // no count limit
    options.batch_bytes = 0;  // nor byte limit: one batch, committed at the end
    fahras::Batch unlimited(options);
    for (int i = 0; i < 5000; ++i) REQUIRE_FALSE(unlimited.full_after(1 << 20));
}

namespace {

/** The line of the stub file of index directory @p db. */
std::string stub_line(const std::string& db) {
    std::ifstream stub(db + "/XAPIANDB");
    std::string line;
    std::getline(stub, line);
    return line;
}

}  // namespace

TEST_CASE("regression: #15 an IndexWriter holds the index directory's lock against every writer") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(3));
    (void)fahras::index_sources(db, {a}, {}, {});
    const std::string locked = "index '" + db + "' is locked by another indexer";
    {
        fahras::IndexWriter writer(db, {});
        writer.add({.id = "w1", .title = "", .text = "مدينة الكاتب"});
        writer.commit();
        CHECK_THROWS_WITH_AS(fahras::IndexWriter(db, {}), locked.c_str(), fahras::IndexLockedError);
        fahras::IndexOptions rebuild;
        rebuild.mode = fahras::OpenMode::Overwrite;
        CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {a}, rebuild, {}), locked.c_str(),
                             fahras::IndexLockedError);
        CHECK_THROWS_WITH_AS((void)fahras::index_sources(db, {a}, {}, {}), locked.c_str(),
                             fahras::IndexLockedError);
    }
    // The writer's commit stayed, in the generation that was live: no rebuild swapped it out.
    CHECK(ids(db, "الكاتب") == std::vector<std::string>{"w1"});
    CHECK(stub_line(db) == "glass gen-000001");
}

TEST_CASE("regression: #15 a Xapian lock held by another program is an IndexLockedError") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(3))}, {}, {});
    // A writer that knows nothing of fahras.lock (xapian-compact, an older fahras).
    const Xapian::WritableDatabase other(db + "/gen-000001", Xapian::DB_OPEN);
    CHECK_THROWS_WITH_AS(fahras::IndexWriter(db, {}),
                         ("index '" + db + "' is locked by another writer").c_str(),
                         fahras::IndexLockedError);
}

TEST_CASE(
    "regression: #15 IndexWriter with OpenMode::Overwrite makes its generation live at commit") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)fahras::index_sources(db, {dir.write("a.jsonl", jsonl(3))}, {}, {});
    fahras::IndexOptions overwrite;
    overwrite.mode = fahras::OpenMode::Overwrite;
    {
        fahras::IndexWriter writer(db, overwrite);
        writer.add({.id = "new", .title = "", .text = "بلدة جديدة"});
        // Not committed: not live, nor visible.
        CHECK(stub_line(db) == "glass gen-000001");
        CHECK(ids(db, "مدينة").size() == 3);
        CHECK(ids(db, "بلدة").empty());
        // Destroyed without a commit: the new generation goes.
    }
    CHECK(entries(db) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
    {
        fahras::IndexWriter writer(db, overwrite);
        writer.add({.id = "new", .title = "", .text = "بلدة جديدة"});
        writer.commit();
        CHECK(stub_line(db) == "glass gen-000002");
        CHECK(ids(db, "بلدة") == std::vector<std::string>{"new"});
        CHECK(ids(db, "مدينة").empty());
        // Later commits go into the live generation in place.
        writer.add({.id = "newer", .title = "", .text = "بلدة أخرى"});
        writer.commit();
        CHECK(stub_line(db) == "glass gen-000002");
        CHECK(ids(db, "بلدة").size() == 2);
    }
    // A first writer of a new directory writes the layout too.
    const std::string fresh = (dir.path() / "fresh").string();
    {
        fahras::IndexWriter writer(fresh, {});
        writer.add({.id = "f", .title = "", .text = "بلدة"});
        writer.commit();
    }
    CHECK(stub_line(fresh) == "glass gen-000001");
    CHECK(entries(fresh) == std::vector<std::string>{"XAPIANDB", "fahras.lock", "gen-000001"});
}

TEST_CASE("regression: #15 a run that changes nothing rewrites variant groups left stale") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl",
                                    "{\"id\": \"n1\", \"text\": \"ترامب في موسكو\"}\n"
                                    "{\"id\": \"n2\", \"text\": \"ترامب في واشنطن\"}\n");
    (void)fahras::index_sources(db, {a}, {}, {});
    // Documents committed without the variant groups rewritten after them: what a run
    // killed after its last commit leaves (fault_points_test.sh kills one there).
    {
        fahras::IndexWriter writer(db, {});
        writer.add({.id = "v1", .title = "", .text = "ترمب في باريس"});
        writer.commit();
    }
    CHECK(ids(db, "ترمب") == std::vector<std::string>{"v1"});
    CHECK(Xapian::Database(db).get_metadata("fahras:variants-stale") == "1");
    const fahras::IndexStats stats = fahras::index_sources(db, {a}, {}, {});
    CHECK(stats.added + stats.updated + stats.removed == 0);
    std::vector<std::string> found = ids(db, "ترمب");
    std::sort(found.begin(), found.end());
    CHECK(found == std::vector<std::string>{"n1", "n2", "v1"});
    CHECK(Xapian::Database(db).get_metadata("fahras:variants-stale").empty());
}

TEST_CASE("regression: #15 an update without a stemmer keeps the index's, another is refused") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const std::string a = dir.write("a.jsonl", jsonl(3));
    fahras::IndexOptions snowball;
    snowball.stemmer = fahras::StemmerKind::Snowball;
    (void)fahras::index_sources(db, {a}, snowball, {});
    (void)fahras::index_sources(db, {dir.write("b.jsonl", lines({7}))}, {}, {});
    CHECK(Xapian::Database(db).get_metadata("fahras:stemmer") == "snowball");
    fahras::IndexOptions light;
    light.stemmer = fahras::StemmerKind::Light;
    CHECK_THROWS_WITH_AS(
        (void)fahras::index_sources(db, {a}, light, {}),
        ("index '" + db +
         "' was built with stemmer 'snowball', not 'light': --rebuild switches it to 'light' (an "
         "update without --stemmer keeps 'snowball')")
            .c_str(),
        fahras::IndexVersionError);
}

// --- Issue #15: input (items 4, 6, 14) -------------------------------------------------------

namespace {

/** @p text repeated @p times. */
std::string repeat(std::string_view text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}

/** 'PATH', built without `"'" + string` (GCC 12 warns about it: a false -Wrestrict). */
std::string in_quotes(std::string_view path) {
    std::string q;
    q.push_back('\'');
    q.append(path);
    q.push_back('\'');
    return q;
}

/** The ids of the hits of @p result, in order. */
std::vector<std::string> ids(const fahras::SearchResult& result) {
    std::vector<std::string> out;
    for (const fahras::Hit& hit : result.hits) out.push_back(hit.id);
    return out;
}

/** The number of SOURCEs recorded in index @p db. */
std::size_t recorded_sources(const std::string& db) {
    const Xapian::Database xdb(db);
    const std::string prefix(fahras::schema::kMetaSourcePrefix);
    return static_cast<std::size_t>(
        std::distance(xdb.metadata_keys_begin(prefix), xdb.metadata_keys_end(prefix)));
}

/** The warnings of a run, collected. */
struct Warnings {
    std::vector<std::string> lines;
    fahras::IndexCallbacks callbacks() {
        fahras::IndexCallbacks c;
        c.on_warning = [this](const fahras::InputError& e) { lines.push_back(e.what()); };
        return c;
    }
};

}  // namespace

TEST_CASE("regression: #15 a source name too long for one term is indexed and found by it") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    // 130 ARABIC LETTER BEH (260 bytes, past Xapian's 245 with the XSOURCE prefix), then a
    // letter that tells the two names apart only at their end.
    const std::string first = repeat("\u0628", 130) + " A";
    const std::string second = repeat("\u0628", 130) + " B";
    const std::string source =
        dir.write("long.jsonl", "{\"id\": \"n1\", \"text\": \"مدينة\", \"source\": \"" + first +
                                    "\"}\n{\"id\": \"n2\", \"text\": \"مدينة\", \"source\": \"" +
                                    second + "\"}\n");
    const fahras::IndexStats stats = fahras::index_sources(db, {source}, {}, {});
    CHECK(stats.warnings == 0);
    CHECK(stats.index_size == 2);

    const fahras::Searcher searcher(db);
    // source:"NAME" in the query (case-folded like any name) and SearchOptions::sources.
    CHECK(ids(db, "مدينة source:\"" + repeat("\u0628", 130) + " a\"") ==
          std::vector<std::string>{"n1"});
    fahras::SearchOptions options;
    options.sources = {second};
    options.facets = {fahras::Facet::Source};
    const fahras::SearchResult result = searcher.search("مدينة", options);
    REQUIRE(result.hits.size() == 1);
    CHECK(result.hits[0].id == "n2");
    REQUIRE(result.facets.size() == 1);
    REQUIRE(result.facets[0].counts.size() == 1);
    CHECK(result.facets[0].counts[0].value == second);  // the name whole
}

TEST_CASE("regression: #15 a word too long to index, seen three times, does not fail the commit") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string path = (dir.path() / "db").string();
    const std::string word = repeat("\u0628", 150);  // 300 bytes
    {
        fahras::IndexWriter writer(path, {});
        writer.add({.id = "long", .text = "مدينة " + word + " " + word + " " + word});
        writer.commit();  // the spelling table once got the word: "Key too long"
    }
    CHECK(ids(path, "مدينة") == std::vector<std::string>{"long"});
    CHECK(spelling_frequency(Xapian::Database(path), word) == 0);
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

TEST_CASE("regression: #15 RFC 2822 and day-first dates are filed by day; the undated counted") {
    // See: issue #15
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    const auto record = [](const char* id, const char* date) {
        return std::string("{\"id\": \"") + id + "\", \"text\": \"مدينة\", \"date\": \"" + date +
               "\"}\n";
    };
    const std::string news = dir.write(
        "news.jsonl",
        record("iso", "2015-07-21 02:51:32") + record("rfc", "Sun, 18 Feb 2018 17:21:49 GMT") +
            record("offset", "Sun, 18 Feb 2018 21:35:43 +0400") + record("dmy", "17/05/2015") +
            record("bad", "05/17/2015") + "{\"id\": \"none\", \"text\": \"مدينة\"}\n");
    Warnings w;
    const fahras::IndexStats stats = fahras::index_sources(db, {news}, {}, w.callbacks());
    CHECK(stats.index_size == 6);
    CHECK(stats.undated == 2);
    CHECK(w.lines == std::vector<std::string>{
                         in_quotes(news) +
                         " line 5: date '05/17/2015' not understood (use ISO 8601 YYYY-MM-DD), "
                         "document indexed undated"});

    const fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.since = "2018";
    std::vector<std::string> since_2018 = ids(searcher.search("مدينة", options));
    std::sort(since_2018.begin(), since_2018.end());
    CHECK(since_2018 == std::vector<std::string>{"offset", "rfc"});
    options.since = "2015-05";
    options.until = "2015-05";
    CHECK(ids(searcher.search("مدينة", options)) == std::vector<std::string>{"dmy"});
    fahras::SearchOptions facets;
    facets.facets = {fahras::Facet::Month};
    const fahras::SearchResult result = searcher.search("مدينة", facets);
    REQUIRE(result.facets.size() == 1);
    CHECK(result.facets[0].counts.size() == 3);  // 2015-05, 2015-07, 2018-02
    CHECK(result.facets[0].missing == 2);        // bad, none
}
