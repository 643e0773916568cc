/** @file
 *  @brief Internal: what the readers of io/ share, and each reader of a file or directory
 *  (read_source.cc chooses one; records.h has the JSONL and .tsv readers).
 */
#pragma once

#include <cstddef>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "fahras/corpus.h"

namespace fahras::detail {

inline constexpr std::string_view kUtf8Bom =
    "\xEF\xBB\xBF";  // ZERO WIDTH NO-BREAK SPACE (byte-order mark), UTF-8

/** What a file holds, by its name's extension. */
enum class FileKind { Text, Html, Jsonl, Tsv, Csv, Other };

/** The kind of file @p path names: `.txt`, `.html` or `.htm`, `.jsonl`, `.tsv`, `.csv`,
 *  each also gzip-compressed (`news.jsonl.gz` is JSONL: io/gzip.h, without_gzip). */
[[nodiscard]] FileKind kind_of(const std::filesystem::path& path);

/** @p s without the white space around it. */
[[nodiscard]] std::string trim(std::string_view s);

/** The first line of @p text that is not blank, trimmed; empty if there is none. */
[[nodiscard]] std::string first_line(std::string_view text);

/** The longest line, in words and in characters, that title_line() takes for a title. */
inline constexpr std::size_t kMaxTitleWords = 15;
inline constexpr std::size_t kMaxTitleChars = 120;

/** The title of a text without one of its own (a .txt file, a page without <title>): its
 *  first line that is not blank when that looks like a title, else empty (docs/input.md,
 *  "Titles"). A title is short (at most kMaxTitleWords words and kMaxTitleChars characters)
 *  and does not end as a sentence or a lead-in does: with a full stop (. ۔, not an ellipsis),
 *  a comma (، ,), a semicolon (؛ ;) or a colon, closing quotes and brackets aside. */
[[nodiscard]] std::string title_line(std::string_view text);

/** @p what followed by strerror(errno). */
[[nodiscard]] std::string errno_message(const char* what);

/** The file @p path opened for reading, in binary, decompressed if its name ends in `.gz`
 *  (io/gzip.h, open_maybe_gzipped: a damaged .gz throws InputError from the read that meets
 *  the damage, naming the line reached).
 *  @throws fahras::InputError naming @p shown (`cannot read: REASON`) if it cannot be. */
[[nodiscard]] std::unique_ptr<std::istream> open_input(const std::filesystem::path& path,
                                                       const std::string& shown);

/** Up to @p limit bytes from @p in (fewer at the end of the file).
 *  @throws fahras::InputError naming @p shown on a read error. */
[[nodiscard]] std::string read_some(std::istream& in, std::size_t limit, const std::string& shown);

/** Reads @p in as a .txt file (see fahras::read_source): documents @p id, `ID#2`... in
 *  parts of at most ReadOptions::max_document_bytes, named @p shown in warnings.
 *  @throws fahras::InputError if it is empty or binary (after the parts before). */
void read_text(std::istream& in, const std::string& id, const std::string& shown,
               const ReadOptions& options, const DocumentSink& on_document,
               const WarningSink& on_warning);

/** read_text() of the file @p path. @throws fahras::InputError if it cannot be read. */
void read_text_file(const std::filesystem::path& path, const std::string& id,
                    const std::string& shown, const ReadOptions& options,
                    const DocumentSink& on_document, const WarningSink& on_warning);

/** Reads the .html file @p path: its visible text and <title>, as document @p id.
 *  @throws fahras::InputError if it cannot be read, is binary or holds no text. */
void read_html_file(const std::filesystem::path& path, const std::string& id,
                    const std::string& shown, const ReadOptions& options,
                    const DocumentSink& on_document, const WarningSink& on_warning);

/** Reads every .txt and .html file below the directory @p root (see fahras::read_source),
 *  named @p shown in warnings; never throws for a file or directory below it. */
void read_directory(const std::filesystem::path& root, const std::string& shown,
                    const ReadOptions& options, const DocumentSink& on_document,
                    const WarningSink& on_warning);

/** Why a file or directory named @p name cannot give ids (every output format is a line of
 *  UTF-8, and Python decodes each id), or empty if it can. @p what: "file" or "directory". */
[[nodiscard]] std::string bad_name(std::string_view name, std::string_view what);

}  // namespace fahras::detail
