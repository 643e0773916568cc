/** @file
 *  @brief fahras-search: ranked search over a fahras index, one query or a batch of topics.
 */
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli.h"
#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/search.h"
#include "output.h"
#include "search_args.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitNoMatch = 1;
constexpr int kExitError = 2;

constexpr const char* kExitCodes = R"(Exit codes:
  0  at least one document matched
  1  no document matched
  2  error: usage, missing or incompatible index, malformed query)";

void report(const std::string& what) { std::cerr << "fahras-search: error: " << what << '\n'; }

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

    fahras::cli::SearchArgs args;
    fahras::cli::add_search_options(app, args);

    try {
        app.parse(argc, argv);
        fahras::cli::check_search_args(args);
    } catch (const CLI::ParseError& e) {
        return fahras::cli::parse_error_exit(app, e, "fahras-search");
    }

    const fahras::Format format = fahras::parse_format(args.format_name);

    try {
        if (args.analyze) {
            return print_analysis(args.db, args.stemmer, CLI::detail::join(args.words, " "),
                                  format);
        }
        const fahras::SearchOptions options = fahras::cli::search_options(args, format);
        std::vector<fahras::Topic> topics;
        const bool batch = !args.topics_path.empty();
        if (batch) {
            topics = fahras::read_topics(args.topics_path);
        } else {
            topics.push_back({"", CLI::detail::join(args.words, " ")});
        }
        bool any_hit = false;
        bool any_error = false;
        using Clock = std::chrono::steady_clock;
        const auto started = Clock::now();
        std::vector<double> query_ms;  // per-query search time, for FAHRAS_BENCH
        std::string tsv_facets;        // every query's facet rows: a table after all the hits
        const auto prepare = [&](fahras::Searcher& searcher) {
            if (!args.synonyms_path.empty()) searcher.load_synonyms(args.synonyms_path);
        };
        const auto print = [&](const fahras::Topic& topic, fahras::TopicAnswer&& answer) {
            query_ms.push_back(answer.milliseconds);
            if (!answer.error.empty()) {
                // In a batch, one malformed topic does not stop the others.
                report(batch ? "topic '" + topic.id + "': " + answer.error : answer.error);
                // A JSON stream says so in its place, for the scripts that read it.
                if (batch && format == fahras::Format::Json && !args.count) {
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
            if (args.count) {
                fahras::print_count(std::cout, topic.id, answer.result);
                return;
            }
            fahras::print_result(std::cout, format, topic.id, topic.query, options, answer.result);
            if (format == fahras::Format::Tsv) {
                tsv_facets += fahras::tsv_facet_rows(topic.id, answer.result);
            }
        };
        if (format == fahras::Format::Tsv && !args.count)
            fahras::print_tsv_header(std::cout, batch);
        if (format == fahras::Format::Features) fahras::print_features_header(std::cout);
        fahras::search_topics(args.db, topics, options, args.threads, prepare, print);
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
