/** @file
 *  @brief The exceptions the fahras library throws.
 */
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace fahras {

/** Base of every error the fahras library throws. Xapian's errors do not leave the library:
 *  its entry points (IndexWriter, index_sources, merge_indexes, Searcher, search_topics)
 *  throw them as an Error `index 'PATH': <Xapian's description>` (or a subclass below), so
 *  that callers need not include <xapian.h> (docs/architecture.md, "The library boundary").
 *
 *  what() is one line, suitable for `fahras-…: error: <what>`.
 */
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/** A problem with one input file or one line of it; the run can go on without it. */
class InputError : public Error {
  public:
    /** @param path  the file, as the user named it (UTF-8).
     *  @param line  1-based line number, or 0 when the problem concerns the whole file.
     *  @param problem  what is wrong, without the file name.
     */
    InputError(std::string path, std::size_t line, const std::string& problem);

    [[nodiscard]] const std::string& path() const noexcept { return path_; }
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

  private:
    std::string path_;
    std::size_t line_;
};

/** The query cannot be parsed or has nothing to search for. */
class QueryError : public Error {
  public:
    using Error::Error;
};

/** Another indexer holds the index's lock (fahras-index exits with code 3). */
class IndexLockedError : public Error {
  public:
    using Error::Error;
};

/** Xapian finds the index damaged (Xapian::DatabaseCorruptError): what() is `index 'PATH':
 *  <Xapian's description>`; fahras-index adds how to check and rebuild it. (Searcher::search
 *  says so itself, in an Error: docs/index-layout.md.) */
class IndexDamagedError : public Error {
  public:
    using Error::Error;
};

/** The index was built by another analyzer version (or does not exist as a fahras index). */
class IndexVersionError : public Error {
  public:
    using Error::Error;
};

}  // namespace fahras
