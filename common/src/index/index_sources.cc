/** @file
 *  @brief Reading sources into an index directory: the run (index_sources), an update in
 *  place or a new generation.
 */
#include <xapian.h>

#include <algorithm>
#include <thread>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/schema.h"
#include "index/database_writer.h"
#include "index/generation.h"
#include "index/index_dir.h"
#include "index/pipeline.h"
#include "index/prune.h"
#include "index/run.h"
#include "index/upgrade.h"
#include "util/xapian_errors.h"

namespace fahras {

std::size_t IndexOptions::default_threads() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

namespace {

/** Updates the live generation @p live in place with @p sources: one writer, so that each
 *  id replaces its earlier version; each batch commit is visible to searchers at once.
 *  Fills @p stats' index_size and undated. */
void update_in_place(const std::string& path, const std::string& live,
                     const std::vector<std::string>& sources, const IndexOptions& options,
                     detail::Run& run, IndexStats& stats) {
    IndexOptions resolved = options;
    resolved.stemmer = detail::check_version(Xapian::Database(live), path, options.stemmer);
    detail::DatabaseWriter writer(live, Xapian::DB_CREATE_OR_OPEN, resolved.stemmer, path);
    // Before the reading thread opens the live generation: it compares source keys.
    (void)detail::upgrade_source_keys(writer.database());
    detail::ReadPlan plan;
    plan.live = live;
    plan.prune = options.prune;
    plan.read = options.read;
    detail::read_and_write(sources, {&writer}, resolved, plan, run);
    Xapian::WritableDatabase& db = writer.database();
    if (options.prune) run.removed(detail::prune_vanished_sources(db, sources, resolved, run));
    // Set by this run's changes, or by those of a run killed before it got here.
    if (!db.get_metadata(std::string(schema::kMetaVariantsStale)).empty()) {
        writer.update_variants();
    }
    stats.index_size = db.get_doccount();
    stats.undated = stats.index_size - db.get_value_freq(schema::kSlotDay);
}

/** Writes @p sources into a new generation of @p dir (beside the live one, @p live if any)
 *  and makes it live by one rename(2) once it is complete. Fills @p stats' index_size and
 *  undated. */
void rebuild(const detail::IndexDir& dir, const std::string& live,
             const std::vector<std::string>& sources, const IndexOptions& options, detail::Run& run,
             IndexStats& stats) {
    const std::string& path = dir.path();
    if (dir.plain()) {
        throw IndexVersionError("index '" + path +
                                "' is a plain Xapian database, which cannot be rebuilt "
                                "atomically: move it away and index again");
    }
    IndexOptions resolved = options;
    // Without --stemmer, a rebuild keeps the stemmer the index records.
    if (!resolved.stemmer) resolved.stemmer = detail::live_stemmer(live);
    const std::size_t threads = std::max<std::size_t>(options.threads, 1);
    detail::NewGeneration gen(dir, threads);
    detail::build_generation(gen, sources, resolved, threads, run, path);
    const detail::GenerationContents contents = gen.publish(path);
    stats.index_size = contents.documents;
    stats.undated = contents.undated;
}

}  // namespace

IndexStats index_sources(const std::string& path, const std::vector<std::string>& sources,
                         const IndexOptions& options, const IndexCallbacks& callbacks) try {
    IndexStats stats;
    stats.sources = sources.size();
    detail::Run run(stats, callbacks, options.shard);  // the run's clock starts

    const detail::IndexDir dir(path);  // the lock, until the end of the run
    // What killed runs left, and replaced generations, go; a damaged layout stops the run
    // before anything is written.
    dir.clean();
    const std::string live = dir.current();
    if (options.mode == OpenMode::Update && !live.empty()) {
        // An update: each batch is durable and visible once committed; a failed run leaves
        // the batches it committed.
        update_in_place(path, live, sources, options, run, stats);
    } else {
        // A new or rebuilt index: searchers see the old index or the new one, never a mix; a
        // failed run leaves the live index as it was.
        rebuild(dir, live, sources, options, run, stats);
    }
    stats.seconds = run.seconds();
    return stats;
} catch (...) {
    detail::rethrow_index_error(path);
}

}  // namespace fahras
