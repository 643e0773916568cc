/** @file
 *  @brief What the tests of search share: small indexes, each document there for one
 *  behaviour, and the ids of a search's hits.
 */
#pragma once

#include <string>
#include <vector>

#include "fahras/index_writer.h"
#include "fahras/search.h"
#include "temp_dir.h"

namespace fahras::test {

using Ids = std::vector<std::string>;

/** The ids of the hits of @p query, best first. */
inline Ids hit_ids(const fahras::Searcher& searcher, const std::string& query,
                   const fahras::SearchOptions& options = {}) {
    Ids out;
    for (const fahras::Hit& hit : searcher.search(query, options).hits) out.push_back(hit.id);
    return out;
}

/** Options of the one-stage ranking of before the learned ranker (Ranking::Auto: DLH or
 *  BM25, coordination and proximity re-ranking), for the tests of that ranking. */
inline fahras::SearchOptions classic() {
    fahras::SearchOptions options;
    options.ranking = fahras::Ranking::Auto;
    return options;
}

/** The ids of the hits, separated by spaces (readable when a check fails). */
inline std::string ids_of(const fahras::SearchResult& result) {
    std::string out;
    for (const fahras::Hit& hit : result.hits) out += (out.empty() ? "" : " ") + hit.id;
    return out;
}

/** Writes @p docs to a new index at @p path and commits. */
inline void write_index(const std::string& path, const std::vector<fahras::Document>& docs) {
    fahras::IndexWriter writer(path, {});
    for (const fahras::Document& doc : docs) writer.add(doc);
    writer.commit();
}

/** An index of a few documents, each there for one behaviour. */
class SmallIndex {
  public:
    SmallIndex() {
        fahras::IndexWriter writer(path(), {});
        // Three occurrences of the name: ranks first for it.
        writer.add({.id = "putin3", .title = "", .text = "بوتين بوتين بوتين يلتقي ترامب"});
        // The name behind a proclitic, and a phrase with a stop word in it.
        writer.add({.id = "moscow", .title = "", .text = "وبوتين في موسكو"});
        // Fully diacritized text, with tatweel.
        writer.add({.id = "diacritics", .title = "خبر", .text = "ذَهَبَ الرَّئِيـــسُ إِلَى المَدْرَسَةِ"});
        writer.add({.id = "washington", .title = "", .text = "ترامب في واشنطن"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

    [[nodiscard]] Ids ids(const std::string& query) const {
        return hit_ids(fahras::Searcher(path()), query);
    }

  private:
    fahras::test::TempDir dir_;
};

/** Dated documents from two sources, and one undated .txt-like document. */
class NewsIndex {
  public:
    NewsIndex() {
        fahras::IndexWriter writer(path(), {});
        writer.add({.id = "n1",
                    .title = "",
                    .text = "بوتين في موسكو",
                    .date = "2015-07-21 02:51:32",
                    .source = "saudinewsnet/okaz"});
        writer.add({.id = "n2",
                    .title = "",
                    .text = "بوتين بوتين وترامب",
                    .date = "2017-01-20T21:43:00+01:00",
                    .source = "ant-v1.1/Jawhara FM"});
        writer.add({.id = "n3",
                    .title = "",
                    .text = "لقاء بوتين",
                    .date = "2015-08-02",
                    .source = "ant-v1.1/Jawhara FM"});
        // Not a date fahras::document_day reads: shown as written, but neither filtered nor
        // sorted by date.
        writer.add({.id = "n4",
                    .title = "",
                    .text = "بوتين",
                    .date = "Feb 18th, 2018",
                    .source = "ant-v2.1/BBC"});
        writer.add({.id = "undated", .title = "", .text = "بوتين وبوتين"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

  private:
    fahras::test::TempDir dir_;
};

/** A word of 32 Arabic letters, 64 bytes: the longest word the index takes. */
inline const std::string kLongestWord = "ثبتجحخدذرزسشصضطظعغفقثبتجحخدذرزسش";

/** An index whose spelling data (words seen three times or more) holds "at", بوتين, ترامب
 *  and kLongestWord; its BBC document is the only one with ترامب. */
class SpellingIndex {
  public:
    SpellingIndex() {
        fahras::IndexWriter writer(path(), {});
        writer.add({.id = "bbc",
                    .title = "",
                    .text = "ترامب ترامب ترامب at at at",
                    .source = "ant-v2.1/BBC"});
        writer.add(
            {.id = "okaz",
             .title = "",
             .text = "بوتين بوتين بوتين " + kLongestWord + " " + kLongestWord + " " + kLongestWord,
             .source = "saudinewsnet/okaz"});
        writer.commit();
    }

    [[nodiscard]] std::string path() const { return (dir_.path() / "index").string(); }

  private:
    fahras::test::TempDir dir_;
};

}  // namespace fahras::test
