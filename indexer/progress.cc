/** @file
 *  @brief fahras-index's progress bar: one line on stderr, only on a terminal.
 */
#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace fahras::cli {

namespace {

constexpr int kBarWidth = 20;
constexpr auto kRedraw = std::chrono::milliseconds(100);

std::string clock_time(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char out[32];
    if (s >= 3600) {
        std::snprintf(out, sizeof out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    } else {
        std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
    }
    return out;
}

}  // namespace

std::string progress_line(const IndexProgress& p) {
    const double fraction =
        p.bytes > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes) : 0.0;
    const int filled = static_cast<int>(fraction * kBarWidth);
    std::string bar(static_cast<std::size_t>(kBarWidth), ' ');
    for (int i = 0; i < filled; ++i) bar[static_cast<std::size_t>(i)] = '=';
    if (filled < kBarWidth) bar[static_cast<std::size_t>(filled)] = '>';
    const double rate = p.seconds > 0 ? static_cast<double>(p.documents) / p.seconds : 0.0;
    std::string eta = "-:--";
    if (p.bytes_done > 0 && p.bytes > p.bytes_done && p.seconds > 0) {
        eta = clock_time(p.seconds * static_cast<double>(p.bytes - p.bytes_done) /
                         static_cast<double>(p.bytes_done));
    }
    char out[256];
    std::snprintf(out, sizeof out, "[%s] %3d%%  %zu/%zu sources  %.1f/%.1f MB  %.0f docs/s  ETA %s",
                  bar.c_str(), static_cast<int>(fraction * 100), p.sources_done, p.sources,
                  static_cast<double>(p.bytes_done) / 1e6, static_cast<double>(p.bytes) / 1e6, rate,
                  eta.c_str());
    return out;
}

ProgressBar::ProgressBar() : enabled_(::isatty(STDERR_FILENO) == 1) {}

void ProgressBar::update(const IndexProgress& progress) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < kRedraw) return;
    last_ = now;
    drawn_ = true;
    // \r and erase-to-end-of-line (ECMA-48 EL): the bar is redrawn in place.
    std::fprintf(stderr, "\r%s\033[K", progress_line(progress).c_str());
    std::fflush(stderr);
}

void ProgressBar::clear() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace fahras::cli
