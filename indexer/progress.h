/** @file
 *  @brief fahras-index's progress bar: one line on stderr, only on a terminal.
 */
#pragma once

#include <chrono>
#include <string>

#include "fahras/index_writer.h"

namespace fahras::cli {

/** A one-line progress bar on stderr (sources, MB, docs/s, ETA), redrawn at most ten times a
 *  second, erased by clear(). Draws nothing unless stderr is a terminal, so that cron,
 *  which mails any output, gets none. */
class ProgressBar {
  public:
    ProgressBar();

    /** True if stderr is a terminal: the bar will be drawn. */
    [[nodiscard]] bool enabled() const noexcept { return enabled_; }
    /** Redraws the bar, unless it was drawn less than a tenth of a second ago. */
    void update(const IndexProgress& progress);
    /** Erases the bar, if drawn (before a warning, and at the end). */
    void clear();

  private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

/** The bar's text for @p progress, e.g. `[=====>    ]  52%  3/7 sources  104.2/200.0 MB
 *  1041 docs/s  ETA 1:32`. */
[[nodiscard]] std::string progress_line(const IndexProgress& progress);

}  // namespace fahras::cli
