/** @file
 *  @brief fahras-search's command line: its options, their checks, and the SearchOptions they
 *  make.
 */
#include "search_args.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace fahras::cli {

namespace {

/** Refuses a negative count: CLI11 reads "-1" into a std::size_t as 2^64 - 1. */
const CLI::Validator kNotNegative(
    [](std::string& input) -> std::string {
        long long value = 0;
        if (CLI::detail::lexical_cast(input, value) && value < 0) {
            return "Value " + input + " is less than 0";
        }
        return {};
    },
    "", "not negative");

}  // namespace

void add_search_options(CLI::App& app, SearchArgs& args) {
    args.threads = std::max(1U, std::thread::hardware_concurrency());
    app.add_option("--db", args.db, "Index directory (not needed with --analyze)")
        ->envname("FAHRAS_DB");
    app.add_option("QUERY", args.words,
                   "Words, \"phrases\", AND OR NOT, +must -mustnot, prefix* (docs/query.md)");
    app.add_option("--topics", args.topics_path, "Answer every 'qid<TAB>query' line of FILE")
        ->check(CLI::ExistingFile);
    CLI::Option* limit =
        app.add_option("-n,--limit", args.options.limit,
                       "Number of hits per query (0: only count the matches, exactly)")
            ->check(kNotNegative)
            ->capture_default_str();
    CLI::Option* offset = app.add_option("--offset", args.options.offset, "Hits to skip (paging)")
                              ->check(kNotNegative)
                              ->capture_default_str();
    app.add_flag("--no-variants", args.no_variants,
                 "Free words match only their own spelling, not also their spelling variants "
                 "(ترمب, ترامب) ranked lower");
    app.add_flag("--variants", args.variants)->group("");
    CLI::Option* explain_flag = app.add_flag(
        "--explain", args.explain,
        "Show which terms each hit matched, with their weights and the query word each "
        "stands for, and the features that moved the learned ranker's score (text, json)");
    app.add_option("--synonyms", args.synonyms_path, "Synonym groups, one per line (docs/query.md)")
        ->check(CLI::ExistingFile);
    app.add_option("--expand", args.options.expand_terms,
                   "Add N stems from the first hits to the query (pseudo-relevance feedback)")
        ->check(kNotNegative)
        ->capture_default_str();
    args.rerank_option =
        app.add_option("--rerank", args.rerank,
                       "The second stage re-scores the first N hits (0: off): the learned model, "
                       "or with auto, dlh, bm25 how many query words they hold and how close")
            ->check(CLI::Range(std::size_t{0}, std::size_t{100000}))
            ->default_str("100 learned, 50 others");
    app.add_option("--ranking", args.ranking_name,
                   "Scoring: learned (BM25, then a learned model), or one stage: dlh, bm25 "
                   "(with --bm25-k1, --bm25-b), auto (dlh from 1000 documents)")
        ->check(CLI::IsMember({"learned", "auto", "dlh", "bm25"}))
        ->capture_default_str();
    app.add_flag("--plain", args.plain,
                 "The query is plain words: quotes, operators, signs and field names are words");
    app.add_option("--bm25-k1", args.options.bm25_k1, "BM25 k1: how fast repeated words saturate")
        ->check(CLI::Range(0.0, 100.0))
        ->capture_default_str();
    app.add_option("--bm25-b", args.options.bm25_b, "BM25 b: document length normalization, 0 to 1")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    app.add_option("--since", args.options.since, "Dated on or after: YYYY-MM-DD, YYYY-MM or YYYY");
    app.add_option("--until", args.options.until,
                   "Dated on or before: YYYY-MM-DD, YYYY-MM or YYYY");
    app.add_option("--sort", args.sort, "Order of hits: relevance or date (newest first)")
        ->check(CLI::IsMember({"relevance", "date"}))
        ->capture_default_str();
    CLI::Option* facets_option = app.add_option(
        "--facets", args.facets, "Count all matches per source and/or month: source,month");
    app.add_option("--threads", args.threads,
                   "Topics searched at once (--topics); the output keeps the topics' order")
        ->check(CLI::Range(1U, kMaxSearchThreads))
        ->default_str("one per core");
    CLI::Option* format_option =
        app.add_option("--format", args.format_name,
                       "Output: text, json, tsv, trec or features (the learned ranker's, for "
                       "bench/train-ranker) (docs/output.md)")
            ->check(CLI::IsMember({"text", "json", "tsv", "trec", "features"}))
            ->capture_default_str();
    app.add_flag("--count", args.count,
                 "Print only the number of matches, exactly (QID<TAB>N per topic with --topics)")
        ->excludes(limit)
        ->excludes(offset)
        ->excludes(facets_option)
        ->excludes(explain_flag)
        ->excludes(format_option);
    app.add_option("--color", args.color,
                   "Bold matches in text output: auto (on a terminal, unless NO_COLOR is set), "
                   "always, never (between **)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_flag("--analyze", args.analyze,
                 "Show how the QUERY's text is analyzed, word by word (surface, normalized, "
                 "stem, byte offsets, stop word), with --db's stemmer if given; no search")
        ->excludes("--topics");
    app.add_option("--stemmer", args.stemmer,
                   "Stemmer for --analyze: light, snowball or none (default: --db's; light)")
        ->check(CLI::IsMember({"light", "snowball", "none"}));
}

void check_search_args(const SearchArgs& args) {
    if (args.words.empty() == args.topics_path.empty()) {
        throw CLI::ValidationError(args.analyze ? "give --analyze a TEXT"
                                                : "give either a QUERY or --topics FILE");
    }
    if (args.db.empty() && !args.analyze) {
        throw CLI::RequiredError("--db");
    }
    if (args.analyze && args.format_name != "text" && args.format_name != "json") {
        throw CLI::ValidationError("--analyze prints text or json, not " + args.format_name);
    }
    if (!args.stemmer.empty() && !args.analyze) {
        throw CLI::ValidationError("--stemmer is for --analyze (a search uses the index's)");
    }
}

SearchOptions search_options(const SearchArgs& args, Format format) {
    SearchOptions options = args.options;
    options.ranking = parse_ranking(args.ranking_name);
    if (args.rerank_option->count() > 0) options.rerank_depth = options.learned_depth = args.rerank;
    if (args.plain) options.syntax = QuerySyntax::Plain;
    if (args.explain) options.explain = Explain::Yes;
    options.variants = args.no_variants ? Variants::No : Variants::Yes;
    if (args.count) {
        options.limit = 0;  // an exact count, no hits
        options.snippets = Snippets::No;
        options.suggestions = Suggestions::No;
    }
    if (format == Format::Features) {
        options.ranking_features = RankingFeatures::Yes;
    }
    if (format == Format::Trec || format == Format::Tsv || format == Format::Features) {
        options.snippets = Snippets::No;
        options.suggestions = Suggestions::No;  // neither format has room for them
    }
    if ((format == Format::Text || format == Format::Json) && !args.count) {
        // JSON keeps "title" as written, for scripts, beside "title_highlighted".
        options.highlight_title = HighlightTitle::Yes;
    }
    if (format == Format::Text && !args.count) {
        // ripgrep's --color; NO_COLOR (no-color.org: set and not empty) only turns off auto.
        const char* no_color = std::getenv("NO_COLOR");
        if (args.color == "always" || (args.color == "auto" && isatty(STDOUT_FILENO) &&
                                       (no_color == nullptr || *no_color == '\0'))) {
            options.highlight_start = "\033[1m";
            options.highlight_end = "\033[0m";
        }
    }
    options.sort = parse_sort(args.sort);
    for (const std::string& facet : CLI::detail::split(args.facets, ',')) {
        if (!facet.empty()) options.facets.push_back(parse_facet(facet));
    }
    return options;
}

}  // namespace fahras::cli
