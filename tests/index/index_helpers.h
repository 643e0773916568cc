/** @file
 *  @brief What the tests of the index writer share: sources to index, and what an index
 *  holds.
 */
#pragma once

#include <xapian.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "io/read_helpers.h"

namespace fahras::test {

/** A JSONL source of @p count documents "d0".."dN-1" that mention the word "مدينة"; the
 *  last line repeats id "d0" with other text. */
inline std::string jsonl(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"مدينة رقم " +
               std::to_string(i) + "\"}\n";
    }
    out += "{\"id\": \"d0\", \"text\": \"قرية بدلا من مدينة\"}\n";
    return out;
}

/** JSONL lines {"id": "dK", "text": "مدينة رقم K"} for each K in @p keys. */
inline std::string lines(const std::vector<int>& keys) {
    std::string out;
    for (const int k : keys) {
        out += "{\"id\": \"d" + std::to_string(k) + "\", \"text\": \"مدينة رقم " +
               std::to_string(k) + "\"}\n";
    }
    return out;
}

/** @p text repeated @p times. */
inline std::string repeat(std::string_view text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += text;
    return out;
}

/** The ids of the first 100 hits of @p query in index @p db. */
inline std::vector<std::string> ids(const std::string& db, const std::string& query) {
    const fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.limit = 100;
    std::vector<std::string> out;
    for (const fahras::Hit& hit : searcher.search(query, options).hits) out.push_back(hit.id);
    return out;
}

/** The ids of the hits of @p result, in order. */
inline std::vector<std::string> ids(const fahras::SearchResult& result) {
    std::vector<std::string> out;
    for (const fahras::Hit& hit : result.hits) out.push_back(hit.id);
    return out;
}

/** The ids of the hits of @p query in @p searcher (the default options). */
inline std::vector<std::string> ids(const fahras::Searcher& searcher, const std::string& query) {
    std::vector<std::string> out;
    for (const fahras::Hit& hit : searcher.search(query, {}).hits) out.push_back(hit.id);
    return out;
}

/** Writes an index of @p docs (id, text) at @p path. */
inline void write_index(const std::string& path, const std::vector<fahras::Document>& docs) {
    fahras::IndexWriter writer(path, {});
    for (const fahras::Document& doc : docs) writer.add(doc);
    writer.commit();
}

/** An empty database that says it was built with analyzer version 0. */
inline void write_old_index(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.set_metadata(std::string(fahras::schema::kMetaAnalyzer), "0");
    db.set_metadata(std::string(fahras::schema::kMetaStemmer), "light");
    db.commit();
}

/** The names in directory @p dir, sorted. */
inline std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        out.push_back(e.path().filename().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/** The line of the stub file of index directory @p db. */
inline std::string stub_line(const std::string& db) {
    std::ifstream stub(db + "/XAPIANDB");
    std::string line;
    std::getline(stub, line);
    return line;
}

/** The frequency of @p word in the spelling table of @p db (0: not there). */
inline Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) {
        if (*w == word) return w.get_termfreq();
    }
    return 0;
}

/** The number of SOURCEs recorded in index @p db. */
inline std::size_t recorded_sources(const std::string& db) {
    const Xapian::Database xdb(db);
    const std::string prefix(fahras::schema::kMetaSourcePrefix);
    return static_cast<std::size_t>(
        std::distance(xdb.metadata_keys_begin(prefix), xdb.metadata_keys_end(prefix)));
}

/** The counts of a run that the tests compare. */
struct Counts {
    std::size_t added, updated, removed, unchanged, index_size;
    bool operator==(const Counts&) const = default;
};

inline Counts counts(const fahras::IndexStats& s) {
    return {s.added, s.updated, s.removed, s.unchanged, s.index_size};
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

}  // namespace fahras::test
