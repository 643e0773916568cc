/** @file
 *  @brief fahras-search: ranked search over a fahras index, one query or a batch of topics.
 */
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli.h"
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
    app.add_option("--db", db, "Index directory")->required()->envname("FAHRAS_DB");
    app.add_option("QUERY", words,
                   "Words, \"phrases\", AND OR NOT, +must -mustnot, prefix* (docs/query.md)");
    app.add_option("--topics", topics_path, "Answer every 'qid<TAB>query' line of FILE")
        ->check(CLI::ExistingFile);
    app.add_option("-n,--limit", options.limit,
                   "Number of hits per query (0: only count the matches, exactly)")
        ->check(kNotNegative)
        ->capture_default_str();
    app.add_option("--offset", options.offset, "Hits to skip (paging)")
        ->check(kNotNegative)
        ->capture_default_str();
    bool no_variants = false;
    app.add_flag("--no-variants", no_variants,
                 "Free words match only their own spelling, not also their spelling variants "
                 "(ترمب, ترامب) ranked lower");
    bool variants = false;  // the default now: still accepted, hidden from --help
    app.add_flag("--variants", variants)->group("");
    bool explain = false;
    app.add_flag("--explain", explain,
                 "Show which terms each hit matched, with their weights and the query word each "
                 "stands for (text, json)");
    std::string synonyms_path;
    app.add_option("--synonyms", synonyms_path, "Synonym groups, one per line (docs/query.md)")
        ->check(CLI::ExistingFile);
    app.add_option("--expand", options.expand_terms,
                   "Add N stems from the first hits to the query (pseudo-relevance feedback)")
        ->check(kNotNegative)
        ->capture_default_str();
    app.add_option("--rerank", options.rerank_depth,
                   "Re-rank the first N hits of a query of several words by how many of them "
                   "they hold and how close (0: off)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{100000}))
        ->capture_default_str();
    std::string ranking_name = "auto";
    app.add_option("--ranking", ranking_name,
                   "Scoring: dlh, bm25 (with --bm25-k1, --bm25-b), auto: dlh from 1000 documents")
        ->check(CLI::IsMember({"auto", "dlh", "bm25"}))
        ->capture_default_str();
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
    app.add_option("--facets", facets, "Count all matches per source and/or month: source,month");
    unsigned threads = std::max(1U, std::thread::hardware_concurrency());
    app.add_option("--threads", threads,
                   "Topics searched at once (--topics); the output keeps the topics' order")
        ->check(CLI::Range(1U, fahras::kMaxSearchThreads))
        ->default_str("one per core");
    app.add_option("--format", format_name, "Output: text, json, tsv or trec (docs/output.md)")
        ->check(CLI::IsMember({"text", "json", "tsv", "trec"}))
        ->capture_default_str();

    try {
        app.parse(argc, argv);
        if (words.empty() == topics_path.empty()) {
            throw CLI::ValidationError("give either a QUERY or --topics FILE");
        }
    } catch (const CLI::ParseError& e) {
        return fahras::cli::parse_error_exit(app, e, "fahras-search");
    }

    const fahras::Format format = fahras::parse_format(format_name);
    options.ranking = fahras::parse_ranking(ranking_name);
    if (explain) options.explain = fahras::Explain::Yes;
    options.variants = no_variants ? fahras::Variants::No : fahras::Variants::Yes;
    if (format == fahras::Format::Trec || format == fahras::Format::Tsv) {
        options.snippets = fahras::Snippets::No;
        options.suggestions = fahras::Suggestions::No;  // neither format has room for them
    }
    if (format == fahras::Format::Text && isatty(STDOUT_FILENO) &&
        std::getenv("NO_COLOR") == nullptr) {
        options.highlight_start = "\033[1m";
        options.highlight_end = "\033[0m";
    }

    try {
        options.sort = fahras::parse_sort(sort);
        for (const std::string& facet : CLI::detail::split(facets, ',')) {
            if (!facet.empty()) options.facets.push_back(fahras::parse_facet(facet));
        }
        std::vector<fahras::Topic> topics;
        if (topics_path.empty()) {
            topics.push_back({"", CLI::detail::join(words, " ")});
        } else {
            topics = fahras::read_topics(topics_path);
        }
        bool any_hit = false;
        bool any_error = false;
        using Clock = std::chrono::steady_clock;
        const auto started = Clock::now();
        std::vector<double> query_ms;  // per-query search time, for FAHRAS_BENCH
        const auto prepare = [&](fahras::Searcher& searcher) {
            if (!synonyms_path.empty()) searcher.load_synonyms(synonyms_path);
        };
        const auto print = [&](const fahras::Topic& topic, fahras::TopicAnswer&& answer) {
            query_ms.push_back(answer.milliseconds);
            if (!answer.error.empty()) {
                // In a batch, one malformed topic does not stop the others.
                report(topics_path.empty() ? answer.error
                                           : "topic '" + topic.id + "': " + answer.error);
                any_error = true;
                return;
            }
            // -n 0 asks for a count: "at least one document matched" is then the count's.
            any_hit = any_hit || !answer.result.hits.empty() ||
                      (options.limit == 0 && answer.result.matches_estimated > 0);
            fahras::print_result(std::cout, format, topic.id, topic.query, options, answer.result);
        };
        fahras::search_topics(db, topics, options, threads, prepare, print);
        std::cout.flush();
        if (std::getenv("FAHRAS_BENCH") != nullptr) {
            const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
            std::cerr << fahras::bench_search_line(seconds, std::move(query_ms));
        }
        if (any_error) return kExitError;
        return any_hit ? kExitOk : kExitNoMatch;
    } catch (const Xapian::Error& e) {
        report("index '" + db + "': " + e.get_description());
        return kExitError;
    } catch (const std::exception& e) {
        report(e.what());
        return kExitError;
    }
}
