/** @file
 *  @brief A new generation: created, written, finished and made live.
 */
#include "index/generation.h"

#include <xapian.h>

#include <memory>

#include "fahras/schema.h"
#include "index/database_writer.h"
#include "index/pipeline.h"
#include "index/variants.h"

namespace fahras::detail {

NewGeneration::NewGeneration(const IndexDir& dir, std::size_t parts)
    : dir_(dir), path_(dir.create_generation()) {
    try {
        for (std::size_t k = 0; k < parts; ++k) parts_.push_back(dir.create_part(path_, k));
    } catch (...) {
        remove();
        throw;
    }
}

void NewGeneration::remove() noexcept {
    for (const std::string& p : parts_) dir_.discard(p);
    if (!published_) dir_.discard(path_);
}

void NewGeneration::compact_parts() {
    Xapian::Database all;
    for (const std::string& part : parts_) all.add_database(Xapian::Database(part));
    all.compact(path_);
}

GenerationContents NewGeneration::publish(const std::string& shown) {
    // No sync of each commit: IndexDir::publish syncs the whole generation before the swap.
    Xapian::WritableDatabase db = open_writable(path_, Xapian::DB_OPEN | Xapian::DB_NO_SYNC, shown);
    update_variants(db);
    db.commit();
    GenerationContents contents;
    contents.documents = db.get_doccount();
    contents.undated = contents.documents - db.get_value_freq(schema::kSlotDay);
    db.close();
    publish_as_is();
    return contents;
}

void NewGeneration::publish_as_is() {
    dir_.publish(path_);
    published_ = true;
}

void build_generation(NewGeneration& gen, const std::vector<std::string>& sources,
                      const IndexOptions& options, std::size_t threads, Run& run,
                      const std::string& shown) {
    ReadPlan plan;  // everything is new
    plan.read = options.read;
    // Until the swap nothing reads the new generation, and a crash before it loses it
    // whatever was synced (the next run removes it, marked unfinished): its batches need no
    // fsync(2) each. IndexDir::publish syncs it once, before the stub names it.
    const int flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC;
    // One writer writes a part too, compacted into the generation like several: a database
    // written batch by batch is a third larger than compacted (its tables' blocks are part
    // full), and compaction takes a few percent of the run (bench/results/indexing.md).
    {
        std::vector<std::unique_ptr<DatabaseWriter>> parts;
        std::vector<DatabaseWriter*> writers;
        for (std::size_t k = 0; k < threads; ++k) {
            parts.push_back(
                std::make_unique<DatabaseWriter>(gen.part(k), flags, options.stemmer, shown));
            writers.push_back(parts.back().get());
        }
        read_and_write(sources, writers, options, plan, run);
    }  // closes the parts
    gen.compact_parts();
}

}  // namespace fahras::detail
