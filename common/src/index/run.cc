/** @file
 *  @brief What the threads of one index_sources() run share: statistics, progress, callbacks.
 */
#include "index/run.h"

#include <algorithm>

namespace fahras::detail {

void Run::warn(const InputError& e) {
    const std::lock_guard lock(mutex_);
    ++stats_.warnings;
    if (callbacks_.on_warning) callbacks_.on_warning(e);
}

std::size_t Run::warnings() {
    const std::lock_guard lock(mutex_);
    return stats_.warnings;
}

void Run::indexed(const Document& doc, Change change) {
    const std::lock_guard lock(mutex_);
    ++stats_.documents;
    ++(change == Change::Added ? stats_.added : stats_.updated);
    stats_.bytes += doc.text.size() + doc.title.size();
    if (callbacks_.on_document) callbacks_.on_document(doc);
}

void Run::unchanged(std::size_t count) {
    const std::lock_guard lock(mutex_);
    stats_.unchanged += count;
}

void Run::removed(std::size_t count) {
    const std::lock_guard lock(mutex_);
    stats_.removed += count;
}

void Run::not_pruned(const InputError& why) {
    const std::lock_guard lock(mutex_);
    ++stats_.warnings;
    ++stats_.not_pruned;
    if (callbacks_.on_warning) callbacks_.on_warning(why);
}

void Run::expect(std::size_t sources, std::uintmax_t bytes) {
    progress_.sources = sources;
    progress_.bytes = bytes;
}

void Run::read(std::size_t documents, std::uintmax_t bytes) {
    if (!callbacks_.on_progress) return;
    const std::lock_guard lock(mutex_);
    progress_.documents += documents;
    source_bytes_read_ += bytes;
    report_progress();
}

void Run::source_done(std::uintmax_t size) {
    if (!callbacks_.on_progress) return;
    const std::lock_guard lock(mutex_);
    ++progress_.sources_done;
    sources_bytes_ += size;
    source_bytes_read_ = 0;
    report_progress();
}

void Run::report_progress() {
    progress_.bytes_done = std::min(progress_.bytes, sources_bytes_ + source_bytes_read_);
    progress_.seconds = seconds();
    callbacks_.on_progress(progress_);
}

double Run::seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace fahras::detail
