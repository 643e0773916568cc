/** @file
 *  @brief fahras-search's command line: its options, their checks, and the SearchOptions they
 *  make (main.cc runs the search).
 */
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "fahras/search.h"
#include "output.h"

namespace fahras::cli {

/** What the command line of fahras-search says, as typed. */
struct SearchArgs {
    std::string db;
    std::vector<std::string> words;  ///< the QUERY, word by word
    std::string topics_path;
    std::string format_name = "text";
    SearchOptions options;  ///< those options CLI11 writes directly (limit, offset, k1, b…)
    bool no_variants = false;
    bool variants = false;  ///< the default now: still accepted, hidden from --help
    bool explain = false;
    std::string synonyms_path;
    std::size_t rerank = 0;
    CLI::Option* rerank_option = nullptr;  ///< to tell a given --rerank from its default
    std::string ranking_name = "learned";
    bool plain = false;
    std::string sort = "relevance";
    std::string facets;
    unsigned threads = 1;
    bool count = false;
    std::string color = "auto";
    bool analyze = false;
    std::string stemmer;
};

/** Adds every option of fahras-search to @p app, to be read into @p args. */
void add_search_options(CLI::App& app, SearchArgs& args);

/** Checks what CLI11 cannot check option by option.
 *  @throws CLI::ValidationError or CLI::RequiredError with the one-line message to print. */
void check_search_args(const SearchArgs& args);

/** The SearchOptions of @p args for output in @p format: ranking and its depth, syntax,
 *  explain, variants, --count, which parts of a hit the format shows, highlighting (--color
 *  and NO_COLOR on a terminal), sort and facets.
 *  @throws fahras::Error for an unknown sort or facet. */
[[nodiscard]] SearchOptions search_options(const SearchArgs& args, Format format);

}  // namespace fahras::cli
