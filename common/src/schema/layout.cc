/** @file
 *  @brief Internal: generation names and the stub line of a fahras index directory.
 */
#include "schema/layout.h"

#include <algorithm>
#include <cstdio>

namespace fahras::detail {

namespace {

constexpr std::string_view kBackend = "glass ";

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string generation_name(unsigned long number) {
    char name[32];
    std::snprintf(name, sizeof name, "gen-%0*lu", kGenerationDigits, number);
    return name;
}

unsigned long leading_generation_number(std::string_view name) {
    if (name.size() < kGenerationNameSize || !name.starts_with(kGenerationPrefix)) return 0;
    const std::string_view digits = name.substr(kGenerationPrefix.size(), kGenerationDigits);
    if (!all_digits(digits)) return 0;
    unsigned long n = 0;
    for (const char c : digits) n = n * 10 + static_cast<unsigned long>(c - '0');
    return n;
}

unsigned long generation_number(std::string_view name) {
    return name.size() == kGenerationNameSize ? leading_generation_number(name) : 0;
}

std::string stub_text(std::string_view name) {
    return std::string(kBackend).append(name).append("\n");
}

std::string stub_generation(std::string_view text, std::string& problem) {
    if (text.empty()) {
        problem = "it is empty";
        return {};
    }
    std::string generation;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const std::size_t end = text.find('\n');
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (number == 1 && line.starts_with(kBackend) &&
            generation_number(line.substr(kBackend.size())) != 0) {
            generation = line.substr(kBackend.size());
            continue;
        }
        problem = "line " + std::to_string(number) + " is '" + std::string(line) + "'";
        // A line Xapian would open (a database, a shard): its place is a stub file of its own.
        if (line.starts_with("auto ") || line.starts_with("glass ") ||
            line.starts_with("remote ")) {
            problem += "; list shards in a stub file of their own";
        }
        return {};
    }
    return generation;
}

}  // namespace fahras::detail
