/** @file
 *  @brief A literate example of the fahras library: index, analyze, search, filter, count.
 *
 *  Build it against an installed fahras (see examples/CMakeLists.txt) and run it with a
 *  directory for the index: `search_example /tmp/example-index`. Everything it uses is in
 *  the public headers: std::string in and out, no Xapian or ICU types.
 */
#include <fahras/fahras.h>  // the whole public API

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: search_example INDEX_DIR\n";
        return 2;
    }
    const std::string index = argv[1];

    // 1. Index. An IndexWriter holds the index's lock; nothing is visible before commit().
    //    A document with an id already in the index replaces it. Dates are ISO 8601: only
    //    those can be filtered, sorted and counted by month.
    {
        fahras::IndexOptions options;
        options.mode = fahras::OpenMode::Overwrite;  // start afresh (default: Update)
        fahras::IndexWriter writer(index, options);
        writer.add({.id = "a",
                    .title = "قمة",
                    .text = "التقى الرئيسُ الروسيّ بنظيره في موسكو.",
                    .date = "2017-07-07",
                    .source = "Okaz"});
        writer.add({.id = "b",
                    .title = "طقس",
                    .text = "أمطار غزيرة في القاهرة.",
                    .date = "2017-08-01",
                    .source = "Al Riyadh"});
        writer.add({.id = "c",
                    .title = "زيارة",
                    .text = "وصل الرئيس الروسي إلى القاهرة.",
                    .date = "2018-01-15 09:30:00",
                    .source = "Okaz"});
        writer.commit();
    }

    // 2. Analyze: each word as written, normalized, stemmed, with its byte offsets. The
    //    index and the searcher see exactly these stems.
    for (const fahras::Token& token : fahras::Analyzer().analyze("والرئيسُ الروسي في موسكو")) {
        std::cout << "token: " << token.surface << " -> " << token.normalized << " -> "
                  << token.stem << " [" << token.start << ", " << token.end << ")"
                  << (token.stop_word == fahras::StopWord::Yes ? " stop word" : "") << '\n';
    }

    // 3. Search: the same analysis on the query (للرئيس finds الرئيسُ); best hits first.
    const fahras::Searcher searcher(index);
    fahras::SearchOptions options;
    options.limit = 5;
    for (const fahras::Hit& hit : searcher.search("للرئيس الروسي", options).hits) {
        std::cout << hit.rank << ' ' << hit.id << ' ' << hit.title << ' ' << hit.date << '\n';
    }

    // 4. Filter, sort and count: newest first, from 2017-07 on, and the number of matches
    //    per month and per source over all matches (here the page holds only one hit).
    options.limit = 1;
    options.since = "2017-07";
    options.sort = fahras::Sort::Date;
    options.facets = {fahras::Facet::Month, fahras::Facet::Source};
    const fahras::SearchResult result = searcher.search("الرئيس OR القاهرة", options);
    std::cout << "newest: " << result.hits.at(0).id << ' ' << result.hits.at(0).date << '\n';
    for (const fahras::FacetCounts& facet : result.facets) {
        for (const fahras::FacetCount& count : facet.counts) {
            std::cout << fahras::to_string(facet.facet) << ' ' << count.value << ": " << count.count
                      << '\n';
        }
    }
    // The same filter in the query: source:NAME, quoted when the name has a space.
    std::cout << "Al Riyadh: " << searcher.search("source:\"al riyadh\"", {}).hits.at(0).id << '\n';

    // 5. Errors are exceptions: fahras::QueryError for a bad query, fahras::Error for the
    //    rest (a missing index, a bad date); what() is one line.
    try {
        (void)searcher.search("AND", {});
    } catch (const fahras::QueryError& e) {
        std::cout << "error: " << e.what() << '\n';
    }
    return 0;
}
