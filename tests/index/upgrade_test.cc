/** @file
 *  @brief Tests of what an update does to an index an older fahras wrote (index/upgrade.h).
 */
#include "index/upgrade.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "temp_dir.h"
#include "util/hash.h"

namespace {

/** The live generation of the index directory @p db, as its stub names it. */
std::string live_generation(const std::string& db) {
    std::ifstream stub(db + "/XAPIANDB");
    std::string backend;
    std::string name;
    stub >> backend >> name;
    return db + "/" + name;
}

/** std::hash of @p text as fahras wrote it before the stable hash (issue #16). */
std::string legacy_hash(const std::string& text) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(std::hash<std::string>{}(text)));
    return hex;
}

/** The SOURCE records of @p db: key, `KIND SIZE MTIME CTIME\tPATH`. */
std::vector<std::pair<std::string, std::string>> records(const Xapian::Database& db) {
    const std::string prefix(fahras::schema::kMetaSourcePrefix);
    std::vector<std::pair<std::string, std::string>> out;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        out.emplace_back((*k).substr(prefix.size()), db.get_metadata(*k));
    }
    return out;
}

/** Makes the index at @p generation hold what fahras wrote before the stable hash: SOURCE
 *  keys and content hashes from std::hash. */
void make_legacy(const std::string& generation) {
    Xapian::WritableDatabase db(generation, Xapian::DB_OPEN);
    const std::string prefix(fahras::schema::kMetaSourcePrefix);
    for (const auto& [key, record] : records(db)) {
        const std::string legacy = legacy_hash(record.substr(record.find('\t') + 1));
        REQUIRE(legacy != key);
        const std::string term = std::string(fahras::schema::kPrefixSourcePathKey) + key;
        const std::vector<Xapian::docid> docs(db.postlist_begin(term), db.postlist_end(term));
        for (const Xapian::docid id : docs) {
            Xapian::Document doc = db.get_document(id);
            doc.remove_term(term);
            doc.add_boolean_term(std::string(fahras::schema::kPrefixSourcePathKey) + legacy);
            doc.add_value(fahras::schema::kSlotSourcePathKey, legacy);
            doc.add_value(fahras::schema::kSlotContentHash,
                          legacy_hash(doc.get_value(fahras::schema::kSlotContentHash)));
            db.replace_document(id, doc);
        }
        db.set_metadata(prefix + legacy, record);
        db.set_metadata(prefix + key, "");
    }
    db.commit();
}

/** Every document id in @p db, sorted. */
std::vector<std::string> all_ids(const Xapian::Database& db) {
    std::vector<std::string> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        out.push_back(db.get_document(*p).get_value(fahras::schema::kSlotId));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("an index keyed by std::hash is updated to the same documents, pruned and skipped") {
    // See: issue #16 (one stable hash for everything an index stores)
    const fahras::test::TempDir dir;
    const std::string docs = (dir.path() / "docs").string();
    (void)dir.write("docs/a.txt", "مدينة أولى");
    const std::string b = dir.write("docs/b.txt", "مدينة ثانية");
    (void)dir.write("docs/sub/c.txt", "مدينة ثالثة");
    const std::string news = dir.write("news.jsonl",
                                       "{\"id\": \"n1\", \"text\": \"خبر أول\"}\n"
                                       "{\"id\": \"n2\", \"text\": \"خبر ثان\"}\n");
    const std::string db = (dir.path() / "index").string();
    fahras::IndexOptions options;
    options.threads = 1;
    options.prune = true;
    (void)fahras::index_sources(db, {docs, news}, options, {});
    make_legacy(live_generation(db));

    // What changed since: a file is gone, a record is new.
    std::filesystem::remove(b);
    std::ofstream(news, std::ios::app) << "{\"id\": \"n3\", \"text\": \"خبر ثالث\"}\n";
    const fahras::IndexStats stats = fahras::index_sources(db, {docs, news}, options, {});
    CHECK(stats.removed == 1);    // b.txt, under the old key: pruned all the same
    CHECK(stats.unchanged == 2);  // a.txt and sub/c.txt: skipped by their file state
    CHECK(stats.updated == 2);    // n1 and n2: analyzed once again (content hash)
    CHECK(stats.added == 1);      // n3
    CHECK(stats.index_size == 5);
    {
        const Xapian::Database index(live_generation(db));
        CHECK(all_ids(index) == std::vector<std::string>{"a.txt", "n1", "n2", "n3", "sub/c.txt"});
        // Every SOURCE and its documents under the key of its path, none under the old one.
        const auto now = records(index);
        CHECK(now.size() == 2);
        for (const auto& [key, record] : now) {
            CAPTURE(record);
            CHECK(key == fahras::detail::fnv1a64_hex(record.substr(record.find('\t') + 1)));
            const std::string term = std::string(fahras::schema::kPrefixSourcePathKey) + key;
            CHECK(index.get_termfreq(term) == (record.ends_with("news.jsonl") ? 3U : 2U));
        }
    }

    // And the next run finds everything unchanged.
    const fahras::IndexStats again = fahras::index_sources(db, {docs, news}, options, {});
    CHECK(again.unchanged == 5);
    CHECK(again.documents == 0);
    CHECK(again.removed == 0);
}

TEST_CASE("upgrade_source_keys leaves an index keyed by the stable hash as it is") {
    const fahras::test::TempDir dir;
    const std::string db = (dir.path() / "index").string();
    (void)fahras::index_sources(db, {dir.write("a.txt", "نص")}, fahras::IndexOptions{}, {});
    Xapian::WritableDatabase live(live_generation(db), Xapian::DB_OPEN);
    const auto before = records(live);
    CHECK(fahras::detail::upgrade_source_keys(live) == 0);
    CHECK(records(live) == before);
}
