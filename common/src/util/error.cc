/** @file
 *  @brief The exceptions the fahras library throws.
 */
#include "fahras/error.h"

#include <utility>

namespace fahras {

namespace {

std::string describe(const std::string& path, std::size_t line, const std::string& problem) {
    std::string where;
    where.reserve(path.size() + problem.size() + 32);
    where.push_back('\'');
    where.append(path);
    where.push_back('\'');
    if (line != 0) where.append(" line ").append(std::to_string(line));
    where.append(": ").append(problem);
    return where;
}

}  // namespace

InputError::InputError(std::string path, std::size_t line, const std::string& problem)
    : Error(describe(path, line, problem)), path_(std::move(path)), line_(line) {}

}  // namespace fahras
