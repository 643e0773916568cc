/** @file
 *  @brief A literate example: index two documents with the fahras library, then search them.
 *
 *  Build it against an installed fahras (see examples/CMakeLists.txt) and run it with a
 *  directory for the index: `search_example /tmp/example-index`.
 */
#include <fahras/analyzer.h>
#include <fahras/index_writer.h>
#include <fahras/search.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: search_example INDEX_DIR\n";
        return 2;
    }
    const std::string index = argv[1];

    // 1. Index: an IndexWriter holds the index's lock; nothing is visible before commit().
    {
        fahras::IndexOptions options;
        options.mode = fahras::OpenMode::Overwrite;
        fahras::IndexWriter writer(index, options);
        writer.add({.id = "a", .title = "قمة", .text = "التقى الرئيسُ الروسيّ بنظيره في موسكو."});
        writer.add({.id = "b", .title = "طقس", .text = "أمطار غزيرة في القاهرة."});
        writer.commit();
    }

    // 2. Analyze: the terms the index and the searcher see (stop words left out).
    for (const std::string& term : fahras::Analyzer().terms("والرئيس الروسي في موسكو")) {
        std::cout << "term: " << term << '\n';
    }

    // 3. Search: the same analysis on the query; hits come best first.
    const fahras::Searcher searcher(index);
    fahras::SearchOptions options;
    options.limit = 5;
    for (const fahras::Hit& hit : searcher.search("للرئيس الروسي", options).hits) {
        std::cout << hit.rank << ' ' << hit.id << ' ' << hit.title << '\n';
    }
    return 0;
}
