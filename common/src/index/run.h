/** @file
 *  @brief Internal: what the threads of one index_sources() run share (Run): its statistics,
 *  its progress and the caller's callbacks.
 */
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/shard.h"

namespace fahras::detail {

/** Whether a document is new to the index or replaces one. */
enum class Change { Added, Updated };

/** What the threads of one run share: the statistics and the caller's callbacks, which are
 *  called one at a time. */
class Run {
  public:
    Run(IndexStats& stats, const IndexCallbacks& callbacks, const ShardSpec& shard)
        : stats_(stats), callbacks_(callbacks), shard_(shard) {}

    /** True if this run indexes the document with id @p id (IndexOptions::shard). */
    [[nodiscard]] bool wants(const std::string& id) const { return shard_.holds(id); }

    /** A bad file or line (a warning). */
    void warn(const InputError& e);
    /** The warnings so far. */
    [[nodiscard]] std::size_t warnings();
    /** @p doc written, new or replacing one. */
    void indexed(const Document& doc, Change change);
    /** @p count documents found unchanged, not analyzed again. */
    void unchanged(std::size_t count);
    /** @p count documents removed by pruning. */
    void removed(std::size_t count);
    /** A SOURCE not pruned, and why (a warning). */
    void not_pruned(const InputError& why);

    /** True if the caller wants progress reports (IndexCallbacks::on_progress). */
    [[nodiscard]] bool wants_progress() const { return bool(callbacks_.on_progress); }
    /** Before reading: what there is to read. */
    void expect(std::size_t sources, std::uintmax_t bytes);
    /** Reading thread: @p documents more read, @p bytes of their text. */
    void read(std::size_t documents, std::uintmax_t bytes);
    /** Reading thread: a source done, of @p size bytes (see source_size). */
    void source_done(std::uintmax_t size);

    /** Seconds since the run began. */
    [[nodiscard]] double seconds() const;

  private:
    void report_progress();

    std::mutex mutex_;
    IndexStats& stats_;
    const IndexCallbacks& callbacks_;
    const ShardSpec shard_;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    IndexProgress progress_;
    std::uintmax_t sources_bytes_ = 0;      // sources done
    std::uintmax_t source_bytes_read_ = 0;  // documents of the source being read
};

}  // namespace fahras::detail
