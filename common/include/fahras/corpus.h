/** @file
 *  @brief Reading document collections: .txt files, directories of them, and JSONL.
 */
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "fahras/error.h"

namespace fahras {

/** One document as read from a source; every field UTF-8, the text as written. */
struct Document {
    std::string id{};        ///< unique: path relative to the source directory, or the JSONL "id"
    std::string title{};     ///< JSONL "title", else the first non-empty line of a .txt file
    std::string text{};      ///< the whole text, original (diacritics and all)
    std::string date{};      ///< JSONL "date" (ISO 8601), empty if absent (.txt files)
    std::string source{};    ///< JSONL "source", empty if absent (.txt files)
    std::string url{};       ///< JSONL "url", empty if absent
    std::string encoding{};  ///< the file's encoding if it was not UTF-8 (e.g. "windows-1256")
};

/** The calendar day of a document's date: `YYYY-MM-DD` if @p date begins with a valid ISO
 *  8601 calendar date (`2015-07-21`, `2015-07-21 02:51:32`, `2017-01-20T21:43:00+01:00`),
 *  else nullopt (`Sun, 18 Feb 2018`, `17/05/2015`, `2015-02-30`). The day is the one written:
 *  a time zone is not applied. Only such dates can be filtered, sorted and counted by month.
 */
[[nodiscard]] std::optional<std::string> iso_day(std::string_view date);

/** The form of a source name in the index and in `source:NAME` queries: normalized like
 *  text (fahras::normalize), case-folded, white space trimmed and each run of it made one
 *  space. `ant-v1.1/Jawhara FM` → `ant-v1.1/jawhara fm`.
 *  @param name  UTF-8.
 *  @throws fahras::Error if ICU fails.
 */
[[nodiscard]] std::string source_key(std::string_view name);

/** Receives each document read. */
using DocumentSink = std::function<void(Document&&)>;
/** Receives each problem with one file or line; reading goes on after it. */
using WarningSink = std::function<void(const InputError&)>;

/** Reads one source and hands every document in it to @p on_document.
 *
 *  A source is a `.txt` file (id: its file name), a directory (every `.txt` file below it,
 *  recursively, in byte order of path, hidden files and directories skipped; id: the path
 *  relative to the directory, '/'-separated), or a `.jsonl` file (one
 *  `{"id", "text", "title"?, "date"?, "source"?, "url"?}` object per line; a numeric id
 *  becomes a string).
 *
 *  Bad input never stops the reading: a file that cannot be read, an empty or binary file,
 *  a malformed JSONL line or one without "id" or "text" is reported to @p on_warning and
 *  skipped. A .txt file is read as UTF-8; with a byte-order mark, as UTF-16; if it is not
 *  valid UTF-8 and ICU's charset detector finds it to be Arabic windows-1256 or ISO-8859-6,
 *  it is converted from that (Document::encoding says so). Otherwise invalid UTF-8 is
 *  reported (with the byte offset of the first bad sequence) and indexed with each bad
 *  sequence replaced by U+FFFD. A UTF-8 byte-order mark is dropped.
 *
 *  @param source  path to a file or directory.
 *  @throws nothing for bad input (see above); std::bad_alloc only.
 */
void read_source(const std::string& source, const DocumentSink& on_document,
                 const WarningSink& on_warning);

}  // namespace fahras
