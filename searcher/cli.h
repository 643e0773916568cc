/** @file
 *  @brief What fahras-index, fahras-search and fahras-serve share on the command line: the
 *  `--version` line and one-line usage errors (`PROG: error: ...`, nearest option named).
 */
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::cli {

/** `PROG VERSION (analyzer N)`: the program's version and kAnalyzerVersion, which decides
 *  which indexes it reads and updates. */
[[nodiscard]] std::string version_line(std::string_view program, std::string_view version);

/** The option of @p names nearest to @p typed (`--limt` → `--limit`), or "" if none is near
 *  enough to be a likely typo: an optimal string alignment distance (a swap of two
 *  neighbouring characters counts one) of at most 1, or 2 when @p typed has 6 letters or
 *  more (dashes not counted); ties go to the first in @p names. Names of one or two letters
 *  (`-x`) get no suggestion: every short option is one edit from them.
 *  @param typed  the unknown option as typed, dashes included; a value after '=' is ignored.
 *  @param names  the options to choose from, dashes included. */
[[nodiscard]] std::string nearest_option(std::string_view typed,
                                         const std::vector<std::string>& names);

/** What a program does with a CLI11 parse error: --help and --version print on stdout and
 *  give 0; any other error prints one line on stderr, `PROG: error: MESSAGE`, and gives 2.
 *  An unknown option names the nearest of @p app's options when one is near:
 *  `fahras-search: error: unknown option '--limt'; did you mean '--limit'?`.
 *  @return the exit code. */
[[nodiscard]] int parse_error_exit(const CLI::App& app, const CLI::ParseError& e,
                                   std::string_view program);

}  // namespace fahras::cli
