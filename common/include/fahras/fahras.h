/** @file
 *  @brief The whole public API of the fahras library in one include.
 *
 *  @mainpage fahras
 *
 *  fahras is an Arabic full-text search engine on Xapian and ICU. Its public headers speak
 *  std::string and std::string_view, UTF-8 in and out, with no Xapian or ICU types; every
 *  failure is a fahras::Error (<fahras/error.h>). Include this header, or the one you need:
 *
 *  - <fahras/normalize.h>, <fahras/tokenize.h>, <fahras/analyzer.h>: text to index terms,
 *    the one analysis of documents and queries;
 *  - <fahras/corpus.h>, <fahras/fields.h>: reading documents (.txt, .html, JSONL, .tsv) and
 *    what their fields become (the day of a date, the key of a source);
 *  - <fahras/schema.h>: the index's term prefixes, value slots and metadata keys;
 *  - <fahras/index_writer.h>, <fahras/batch.h>, <fahras/shard.h>: building, updating and
 *    merging an index;
 *  - <fahras/search.h>, <fahras/query.h>: searching it.
 *
 *  docs/architecture.md maps the library's inside; examples/search_example.cc uses the API
 *  from an index to its facets.
 *
 *  **Example**
 *  @code
 *  #include <fahras/fahras.h>
 *  const fahras::Searcher searcher("/var/lib/fahras/index");
 *  for (const fahras::Hit& hit : searcher.search("بوتين", {}).hits) std::cout << hit.id << '\n';
 *  @endcode
 */
#pragma once

#include "fahras/analyzer.h"
#include "fahras/batch.h"
#include "fahras/corpus.h"
#include "fahras/error.h"
#include "fahras/fields.h"
#include "fahras/index_writer.h"
#include "fahras/normalize.h"
#include "fahras/query.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "fahras/shard.h"
#include "fahras/tokenize.h"
