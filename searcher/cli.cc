/** @file
 *  @brief What fahras-index, fahras-search and fahras-serve share on the command line: the
 *  `--version` line and one-line usage errors (`PROG: error: ...`, nearest option named).
 */
#include "cli.h"

#include <algorithm>
#include <iostream>

#include "fahras/analyzer.h"
#include "fahras/search.h"

namespace fahras::cli {

namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 2;  // STYLE 4.6: CLI11's own codes (100-127) are mapped to 2

/** Optimal string alignment distance: edits, a swap of two neighbours counting one
 *  (`--fromat` is one from `--format`). Options are ASCII: bytes are characters. */
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

/** The options of @p app a user may type, as typed: `--limit`, `-n`. Hidden ones (no
 *  group: old spellings kept for scripts) are not suggested. */
std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        if (!option->nonpositional() || option->get_group().empty()) continue;
        for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
        for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

/** The message of an ExtrasError: the first argument nobody took. */
std::string extras_message(const CLI::App& app) {
    const std::vector<std::string> extras = app.remaining();
    if (extras.empty()) return "unexpected arguments";
    const std::string& first = extras.front();
    if (first.size() < 2 || first.front() != '-') return "unexpected argument '" + first + "'";
    const std::string typed = first.substr(0, first.find('='));
    const std::string nearest = nearest_option(typed, option_names(app));
    if (nearest.empty()) return "unknown option '" + typed + "' (--help lists them)";
    return "unknown option '" + typed + "'; did you mean '" + nearest + "'?";
}

}  // namespace

std::string version_line(std::string_view program, std::string_view version) {
    return std::string(program) + " " + std::string(version) + " (analyzer " +
           std::to_string(kAnalyzerVersion) + ", ranker " + std::to_string(kRankerVersion) + ")";
}

std::string nearest_option(std::string_view typed, const std::vector<std::string>& names) {
    typed = typed.substr(0, typed.find('='));
    const std::size_t letters = typed.size() - std::min(typed.find_first_not_of('-'), typed.size());
    // One or two letters are one edit from too many options to tell which was meant.
    if (letters < 3) return {};
    const std::size_t most = letters >= 6 ? 2 : 1;
    std::string best;
    std::size_t best_distance = most + 1;
    for (const std::string& name : names) {
        const std::size_t d = distance(typed, name);
        if (d < best_distance) {
            best = name;
            best_distance = d;
        }
    }
    return best;
}

int parse_error_exit(const CLI::App& app, const CLI::ParseError& e, std::string_view program) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
        (void)app.exit(e);  // --help, --version: on stdout
        return kExitOk;
    }
    std::string message =
        dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr ? extras_message(app) : e.what();
    // One line: CLI11 joins some messages with line breaks.
    std::replace(message.begin(), message.end(), '\n', ' ');
    std::cerr << program << ": error: " << message << '\n';
    return kExitError;
}

}  // namespace fahras::cli
