/** @file
 *  @brief fahras-index: build or update an Arabic full-text index (silent on success, for cron).
 */
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli.h"
#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/shard.h"
#include "progress.h"
#include "summary.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitWarnings = 1;
constexpr int kExitError = 2;
constexpr int kExitLocked = 3;

constexpr const char* kExitCodes = R"(Exit codes:
  0  success
  1  success, but some files or lines were skipped or repaired (warnings on stderr)
  2  error (usage, unreadable or incompatible index, ...): the run stopped, batches committed before stay
  3  the index is locked by another fahras-index (a cron job may retry later))";

void report(const std::string& what) { std::cerr << "fahras-index: error: " << what << '\n'; }

}  // namespace

int main(int argc, char** argv) {
    // Big transient buffers (file parts, large documents) go back to the OS when freed.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    CLI::App app{"Build or update a fahras index of Arabic documents.", "fahras-index"};
    app.set_version_flag("--version", fahras::cli::version_line("fahras-index", FAHRAS_VERSION));
    app.footer(kExitCodes);

    std::string db;
    std::vector<std::string> sources;
    std::string stemmer;  // empty: the index's (light for a new index)
    bool verbose = false;
    bool stats = false;
    bool rebuild = false;
    app.add_option("--db", db, "Index directory (created if missing)")
        ->required()
        ->envname("FAHRAS_DB");
    app.add_option("SOURCE", sources,
                   "A .txt, .html, .jsonl or .tsv file, a directory, or - (JSONL on stdin)")
        ->required();
    app.add_option("--stemmer", stemmer,
                   "Stemmer: light, snowball or none (default: the index's; light for a new one)")
        ->check(CLI::IsMember({"light", "snowball", "none"}));
    std::size_t batch_size = fahras::IndexOptions{}.batch_size;
    app.add_option("--batch-size", batch_size, "Commit after every N documents (0: at the end)")
        ->capture_default_str();
    std::size_t batch_mb = fahras::IndexOptions{}.batch_bytes >> 20;
    app.add_option("--batch-mb", batch_mb,
                   "Also commit after every N MB of document text (0: no byte limit)")
        ->capture_default_str();
    std::size_t threads = fahras::IndexOptions::default_threads();
    app.add_option("--threads", threads,
                   "Writers for a new index (shards merged at the end); updates use one")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    std::string encoding;
    app.add_option("--encoding", encoding,
                   "Encoding of .txt and .html files without a byte-order mark (e.g. "
                   "windows-1256, ISO-8859-6); default: UTF-8 or detected")
        ->check([](const std::string& name) {
            return fahras::is_known_encoding(name) ? std::string()
                                                   : "unknown encoding '" + name + "'";
        });
    app.add_flag("--rebuild,--overwrite", rebuild,
                 "Build a new index from SOURCEs alone and swap it in atomically");
    bool prune = false;
    app.add_flag("--prune", prune, "Remove documents whose SOURCE is gone or no longer holds them");
    bool force_prune = false;
    app.add_flag("--force-prune", force_prune, "--prune, even over half of a SOURCE");
    bool quiet = false;
    std::string shard;
    app.add_option("--shard", shard, "Index only shard I of N (0 <= I < N) of the documents")
        ->type_name("I/N");
    bool merge = false;
    app.add_flag("--merge", merge, "SOURCEs are fahras indexes (shards): merge them into --db")
        ->excludes("--shard");
    app.add_flag("-v,--verbose", verbose, "Report each document indexed on stderr");
    app.add_flag("-q,--quiet", quiet,
                 "No warnings, no progress bar: errors only (exit code 1 stays)")
        ->excludes("--verbose");
    app.add_flag("--stats", stats, "Print a one-line summary on stdout");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return fahras::cli::parse_error_exit(app, e, "fahras-index");
    }

    fahras::cli::ProgressBar bar;  // on a terminal only: cron sees nothing
    const auto fail = [&bar](const std::string& what, int code) {
        bar.clear();
        report(what);
        return code;
    };
    try {
        if (merge) {
            using fahras::Existing;
            (void)fahras::merge_indexes(db, sources,
                                        rebuild ? Existing::Replace : Existing::Refuse);
            return kExitOk;
        }
        fahras::IndexOptions options;
        if (!shard.empty()) options.shard = fahras::parse_shard(shard);
        if (!stemmer.empty()) options.stemmer = fahras::parse_stemmer_kind(stemmer);
        options.batch_size = batch_size;
        options.batch_bytes = batch_mb << 20;
        options.threads = threads;
        options.read.encoding = encoding;
        options.prune = prune || force_prune;
        options.force_prune = force_prune;
        options.mode = rebuild ? fahras::OpenMode::Overwrite : fahras::OpenMode::Update;
        fahras::IndexCallbacks callbacks;
        if (!quiet) {
            callbacks.on_warning = [&bar](const fahras::InputError& e) {
                bar.clear();
                std::cerr << "fahras-index: warning: " << e.what() << '\n';
            };
        }
        if (bar.enabled() && !quiet && !verbose) {
            callbacks.on_progress = [&bar](const fahras::IndexProgress& p) { bar.update(p); };
        }
        if (verbose) {
            callbacks.on_document = [](const fahras::Document& doc) {
                std::cerr << "fahras-index: indexed '" << doc.id << "'";
                if (!doc.encoding.empty()) std::cerr << " (read as " << doc.encoding << ")";
                std::cerr << '\n';
            };
        }
        const fahras::IndexStats s = fahras::index_sources(db, sources, options, callbacks);
        bar.clear();
        if (stats) fahras::cli::print_stats(s, db);
        fahras::cli::print_bench_record(s);
        return s.warnings > 0 ? kExitWarnings : kExitOk;
    } catch (const fahras::IndexLockedError& e) {
        return fail(e.what(), kExitLocked);
    } catch (const fahras::IndexDamagedError& e) {  // docs/input.md, "A damaged index"
        return fail(std::string(e.what()) + ": the index is damaged: check it with xapian-check '" +
                        db + "/XAPIANDB' and rebuild it with fahras-index --rebuild",
                    kExitError);
    } catch (const std::exception& e) {  // Xapian's errors too: "index 'DB': ..."
        return fail(e.what(), kExitError);
    }
}
