/** @file
 *  @brief Reading fahras's line files: topics, synonyms, stub files.
 */
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace fahras::detail {

/** Calls @p f(line, number) for each line of @p in that is neither blank nor a '#' comment:
 *  the line without its final carriage return (CRLF files), and its number, from 1. */
template <class F>
void for_each_content_line(std::istream& in, F&& f) {
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        f(line, number);
    }
}

}  // namespace fahras::detail
