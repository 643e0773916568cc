/** @file
 *  @brief fahras-search: ranked search over a fahras index, one query or a batch of topics.
 */
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli.h"
#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/search.h"
#include "output.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitNoMatch = 1;
constexpr int kExitError = 2;

constexpr const char* kExitCodes = R"(Exit codes:
  0  at least one document matched
  1  no document matched
  2  error: usage, missing or incompatible index, malformed query)";

void report(const std::string& what) { std::cerr << "fahras-search: error: " << what << '\n'; }

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

/** --analyze: each word of @p text as the index analyzes it, with the stemmer of the index
 *  at @p db if one is given and @p stemmer is not (else @p stemmer, or light). */
int print_analysis(const std::string& db, const std::string& stemmer, const std::string& text,
                   fahras::Format format) {
    fahras::StemmerKind kind = fahras::StemmerKind::Light;
    if (!stemmer.empty()) {
        kind = fahras::parse_stemmer_kind(stemmer);
    } else if (!db.empty()) {
        kind = fahras::Searcher(db).stemmer();
    }
    fahras::print_tokens(std::cout, format, fahras::Analyzer(kind).analyze(text));
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Search a fahras index of Arabic documents, best matches first.", "fahras-search"};
    app.set_version_flag("--version", fahras::cli::version_line("fahras-search", FAHRAS_VERSION));
    app.footer(kExitCodes);

    std::string db;
    std::vector<std::string> words;
    std::string topics_path;
    std::string format_name = "text";
    fahras::SearchOptions options;
    app.add_option("--db", db, "Index directory (not needed with --analyze)")->envname("FAHRAS_DB");
    app.add_option("QUERY", words,
                   "Words, \"phrases\", AND OR NOT, +must -mustnot, prefix* (docs/query.md)");
    app.add_option("--topics", topics_path, "Answer every 'qid<TAB>query' line of FILE")
        ->check(CLI::ExistingFile);
    CLI::Option* limit =
        app.add_option("-n,--limit", options.limit,
                       "Number of hits per query (0: only count the matches, exactly)")
            ->check(kNotNegative)
            ->capture_default_str();
    CLI::Option* offset = app.add_option("--offset", options.offset, "Hits to skip (paging)")
                              ->check(kNotNegative)
                              ->capture_default_str();
    bool no_variants = false;
    app.add_flag("--no-variants", no_variants,
                 "Free words match only their own spelling, not also their spelling variants "
                 "(ترمب, ترامب) ranked lower");
    bool variants = false;  // the default now: still accepted, hidden from --help
    app.add_flag("--variants", variants)->group("");
    bool explain = false;
    CLI::Option* explain_flag = app.add_flag(
        "--explain", explain,
        "Show which terms each hit matched, with their weights and the query word each "
        "stands for (text, json)");
    std::string synonyms_path;
    app.add_option("--synonyms", synonyms_path, "Synonym groups, one per line (docs/query.md)")
        ->check(CLI::ExistingFile);
    app.add_option("--expand", options.expand_terms,
                   "Add N stems from the first hits to the query (pseudo-relevance feedback)")
        ->check(kNotNegative)
        ->capture_default_str();
    std::size_t rerank = 0;
    CLI::Option* rerank_option =
        app.add_option("--rerank", rerank,
                       "The second stage re-scores the first N hits (0: off): the learned model, "
                       "or with auto, dlh, bm25 how many query words they hold and how close")
            ->check(CLI::Range(std::size_t{0}, std::size_t{100000}))
            ->default_str("100 learned, 50 others");
    std::string ranking_name = "learned";
    app.add_option("--ranking", ranking_name,
                   "Scoring: learned (BM25, then a learned model), or one stage: dlh, bm25 "
                   "(with --bm25-k1, --bm25-b), auto (dlh from 1000 documents)")
        ->check(CLI::IsMember({"learned", "auto", "dlh", "bm25"}))
        ->capture_default_str();
    bool plain = false;
    app.add_flag("--plain", plain,
                 "The query is plain words: quotes, operators, signs and field names are words");
    app.add_option("--bm25-k1", options.bm25_k1, "BM25 k1: how fast repeated words saturate")
        ->check(CLI::Range(0.0, 100.0))
        ->capture_default_str();
    app.add_option("--bm25-b", options.bm25_b, "BM25 b: document length normalization, 0 to 1")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    app.add_option("--since", options.since, "Dated on or after: YYYY-MM-DD, YYYY-MM or YYYY");
    app.add_option("--until", options.until, "Dated on or before: YYYY-MM-DD, YYYY-MM or YYYY");
    std::string sort = "relevance";
    app.add_option("--sort", sort, "Order of hits: relevance or date (newest first)")
        ->check(CLI::IsMember({"relevance", "date"}))
        ->capture_default_str();
    std::string facets;
    CLI::Option* facets_option = app.add_option(
        "--facets", facets, "Count all matches per source and/or month: source,month");
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    app.add_option("--threads", threads,
                   "Topics searched at once (--topics); the output keeps the topics' order")
        ->check(CLI::Range(1U, fahras::kMaxSearchThreads))
        ->default_str("one per core");
    CLI::Option* format_option =
        app.add_option("--format", format_name,
                       "Output: text, json, tsv, trec or features (the learned ranker's, for "
                       "bench/train-ranker) (docs/output.md)")
            ->check(CLI::IsMember({"text", "json", "tsv", "trec", "features"}))
            ->capture_default_str();
    bool count = false;
    app.add_flag("--count", count,
                 "Print only the number of matches, exactly (QID<TAB>N per topic with --topics)")
        ->excludes(limit)
        ->excludes(offset)
        ->excludes(facets_option)
        ->excludes(explain_flag)
        ->excludes(format_option);
    std::string color = "auto";
    app.add_option("--color", color,
                   "Bold matches in text output: auto (on a terminal, unless NO_COLOR is set), "
                   "always, never (between **)")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    bool analyze = false;
    app.add_flag("--analyze", analyze,
                 "Show how the QUERY's text is analyzed, word by word (surface, normalized, "
                 "stem, byte offsets, stop word), with --db's stemmer if given; no search")
        ->excludes("--topics");
    std::string stemmer;
    app.add_option("--stemmer", stemmer,
                   "Stemmer for --analyze: light, snowball or none (default: --db's; light)")
        ->check(CLI::IsMember({"light", "snowball", "none"}));

    try {
        app.parse(argc, argv);
        if (words.empty() == topics_path.empty()) {
            throw CLI::ValidationError(analyze ? "give --analyze a TEXT"
                                               : "give either a QUERY or --topics FILE");
        }
        if (db.empty() && !analyze) {
            throw CLI::RequiredError("--db");
        }
        if (analyze && format_name != "text" && format_name != "json") {
            throw CLI::ValidationError("--analyze prints text or json, not " + format_name);
        }
        if (!stemmer.empty() && !analyze) {
            throw CLI::ValidationError("--stemmer is for --analyze (a search uses the index's)");
        }
    } catch (const CLI::ParseError& e) {
        return fahras::cli::parse_error_exit(app, e, "fahras-search");
    }

    const fahras::Format format = fahras::parse_format(format_name);
    options.ranking = fahras::parse_ranking(ranking_name);
    if (rerank_option->count() > 0) options.rerank_depth = options.learned_depth = rerank;
    if (plain) options.syntax = fahras::QuerySyntax::Plain;
    if (explain) options.explain = fahras::Explain::Yes;
    options.variants = no_variants ? fahras::Variants::No : fahras::Variants::Yes;
    if (count) {
        options.limit = 0;  // an exact count, no hits
        options.snippets = fahras::Snippets::No;
        options.suggestions = fahras::Suggestions::No;
    }
    if (format == fahras::Format::Features) {
        options.ranking_features = fahras::RankingFeatures::Yes;
    }
    if (format == fahras::Format::Trec || format == fahras::Format::Tsv ||
        format == fahras::Format::Features) {
        options.snippets = fahras::Snippets::No;
        options.suggestions = fahras::Suggestions::No;  // neither format has room for them
    }
    if ((format == fahras::Format::Text || format == fahras::Format::Json) && !count) {
        // JSON keeps "title" as written, for scripts, beside "title_highlighted".
        options.highlight_title = fahras::HighlightTitle::Yes;
    }
    if (format == fahras::Format::Text && !count) {
        // ripgrep's --color; NO_COLOR (no-color.org: set and not empty) only turns off auto.
        const char* no_color = std::getenv("NO_COLOR");
        if (color == "always" || (color == "auto" && isatty(STDOUT_FILENO) &&
                                  (no_color == nullptr || *no_color == '\0'))) {
            options.highlight_start = "\033[1m";
            options.highlight_end = "\033[0m";
        }
    }

    try {
        if (analyze) return print_analysis(db, stemmer, CLI::detail::join(words, " "), format);
        options.sort = fahras::parse_sort(sort);
        for (const std::string& facet : CLI::detail::split(facets, ',')) {
            if (!facet.empty()) options.facets.push_back(fahras::parse_facet(facet));
        }
        std::vector<fahras::Topic> topics;
        const bool batch = !topics_path.empty();
        if (batch) {
            topics = fahras::read_topics(topics_path);
        } else {
            topics.push_back({"", CLI::detail::join(words, " ")});
        }
        bool any_hit = false;
        bool any_error = false;
        using Clock = std::chrono::steady_clock;
        const auto started = Clock::now();
        std::vector<double> query_ms;  // per-query search time, for FAHRAS_BENCH
        std::string tsv_facets;        // every query's facet rows: a table after all the hits
        const auto prepare = [&](fahras::Searcher& searcher) {
            if (!synonyms_path.empty()) searcher.load_synonyms(synonyms_path);
        };
        const auto print = [&](const fahras::Topic& topic, fahras::TopicAnswer&& answer) {
            query_ms.push_back(answer.milliseconds);
            if (!answer.error.empty()) {
                // In a batch, one malformed topic does not stop the others.
                report(batch ? "topic '" + topic.id + "': " + answer.error : answer.error);
                // A JSON stream says so in its place, for the scripts that read it.
                if (batch && format == fahras::Format::Json && !count) {
                    std::cout << fahras::dump_json(
                                     fahras::error_json(topic.id, topic.query, answer.error))
                              << '\n';
                }
                any_error = true;
                return;
            }
            // -n 0 asks for a count: "at least one document matched" is then the count's.
            any_hit = any_hit || !answer.result.hits.empty() ||
                      (options.limit == 0 && answer.result.matches_estimated > 0);
            if (count) {
                fahras::print_count(std::cout, topic.id, answer.result);
                return;
            }
            fahras::print_result(std::cout, format, topic.id, topic.query, options, answer.result);
            if (format == fahras::Format::Tsv) {
                tsv_facets += fahras::tsv_facet_rows(topic.id, answer.result);
            }
        };
        if (format == fahras::Format::Tsv && !count) fahras::print_tsv_header(std::cout, batch);
        if (format == fahras::Format::Features) fahras::print_features_header(std::cout);
        fahras::search_topics(db, topics, options, threads, prepare, print);
        fahras::print_tsv_facets(std::cout, batch, tsv_facets);
        std::cout.flush();
        if (std::getenv("FAHRAS_BENCH") != nullptr) {
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            std::cerr << fahras::bench_search_line(seconds, std::move(query_ms));
        }
        if (any_error) return kExitError;
        return any_hit ? kExitOk : kExitNoMatch;
    } catch (const std::exception& e) {  // Xapian's errors too: "index 'DB': ..."
        report(e.what());
        return kExitError;
    }
}
