/** @file
 *  @brief Reading document collections: .txt and .html files, directories of them, and JSONL.
 */
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "fahras/error.h"
// iso_day, document_day and source_key (now source_name_key) were declared here: they are
// the schema's, and stay visible through this header.
#include "fahras/fields.h"

namespace fahras {

/** One document as read from a source; every field UTF-8, the text as written. */
struct Document {
    std::string id{};        ///< unique: path relative to the source directory, or the JSONL "id"
    std::string title{};     ///< JSONL "title", an HTML <title>, else the first non-empty line
    std::string text{};      ///< the whole text, original (diacritics and all)
    std::string date{};      ///< JSONL "date" as written (see document_day), empty if absent
    std::string source{};    ///< JSONL "source", empty if absent (.txt files)
    std::string url{};       ///< JSONL "url", empty if absent
    std::string encoding{};  ///< the file's encoding if it was not UTF-8 (e.g. "windows-1256")
    /** The line of a JSONL or .tsv file the document was read from (from 1); 0 for a
     *  document that is a whole file (or part of one). Warnings about it name the line. */
    std::size_t line = 0;
};

/** Receives each document read. */
using DocumentSink = std::function<void(Document&&)>;
/** Receives each problem with one file or line; reading goes on after it. */
using WarningSink = std::function<void(const InputError&)>;

/** Documents a source may still hold that a reading did not read (a file, a line or a
 *  directory it reported): a writer that prunes (IndexOptions::prune) keeps them. */
struct Unread {
    enum class Scope {
        Id,      ///< the document with id `id` (a JSONL or .tsv line skipped)
        Path,    ///< `id`, its parts `id#2`, `id#3`..., and every id below `id/` (a file or a
                 ///< directory below a directory SOURCE)
        Source,  ///< every document of the source (a line whose id cannot be read)
    };
    Scope scope = Scope::Source;
    std::string id{};      ///< Id, Path: as above; Source: empty
    std::size_t line = 0;  ///< Source: the line that could not be read, 0 if not a line
};

/** How sources are read. */
struct ReadOptions {
    /** The encoding of every .txt and .html file without a byte-order mark, as an ICU
     *  converter name or alias ("windows-1256", "cp1256", "ISO-8859-6", "UTF-8", ...);
     *  empty: UTF-8, or detected (see read_source). JSONL is always UTF-8. */
    std::string encoding{};
    /** A .txt file longer than this is read in parts of at most this many bytes, each a
     *  document (ids `NAME`, `NAME#2`, `NAME#3`, ...), cut at a line end where there is one;
     *  of an .html file only this many bytes are read (with a warning); a longer JSONL line
     *  is skipped (with a warning). Memory stays bounded by it whatever the input size. */
    std::size_t max_document_bytes = kDefaultMaxDocumentBytes;

    /** Asked before each file below a directory SOURCE is read, with the file's path and
     *  the id its (first) document gets: true skips the file (fahras::index_sources: it
     *  is unchanged since it was indexed). Empty: every file is read. */
    std::function<bool(const std::string& path, const std::string& id)> skip_file{};

    /** Told, besides the warning, of what a problem left unread (see Unread); empty: not
     *  told. A warning that only repaired something (bytes replaced, a repeated id) leaves
     *  nothing unread, except below a directory SOURCE, where any warning about a file
     *  leaves that file's documents (Unread::Scope::Path). */
    std::function<void(const Unread&)> on_unread{};

    /** 16 MiB: a long book is 2 MB; larger files are archives of many texts. */
    static constexpr std::size_t kDefaultMaxDocumentBytes = std::size_t{16} << 20;
};

/** True if ICU has a converter named @p name (an empty name is not one). */
[[nodiscard]] bool is_known_encoding(std::string_view name);

/** The SOURCE name that stands for standard input, read as JSONL. */
inline constexpr std::string_view kStandardInput = "-";

/** Reads one source and hands every document in it to @p on_document.
 *
 *  A source is a `.txt` file (id: its file name), an `.html` or `.htm` file (its visible
 *  text and `<title>`, parsed by libxml2's HTML parser), a directory (every `.txt`, `.html`
 *  and `.htm` file below it, in byte order of path, hidden files and directories skipped,
 *  symbolic links followed, each directory read once; id: the path relative to the
 *  directory, '/'-separated), a `.jsonl` file (one
 *  `{"id", "text", "title"?, "date"?, "source"?, "url"?}` object per line; a numeric id
 *  becomes a string), a `.tsv` file (one `id<TAB>text` per line; blank lines and lines
 *  beginning with '#' ignored), or kStandardInput (`-`: JSONL from standard input). A
 *  `.csv` file is refused (a warning). Any other regular file named directly is read as a
 *  .txt file; any other file that is not regular (a pipe such as `<(zcat a.jsonl.gz)`,
 *  /dev/stdin), as JSONL if its first byte that is not white space is '{', else as a .txt
 *  file.
 *
 *  Bad input never stops the reading: a file or directory that cannot be read, an empty or
 *  binary file, a symbolic link loop, a file or directory name that is not valid UTF-8 or
 *  holds a control character, a malformed JSONL or .tsv line, one without an id or text or
 *  with a control character in its id is reported to @p on_warning and skipped; a JSONL
 *  date that document_day cannot read is reported and the document indexed (undated); an
 *  id seen earlier in the same file is reported and the later line wins. A .txt file is
 *  read as UTF-8; with a byte-order mark, as UTF-16 (or UTF-8); in ReadOptions::encoding if
 *  given; if it is not valid UTF-8 and ICU's charset detector finds it to be Arabic
 *  windows-1256 or ISO-8859-6, it is converted from that (Document::encoding says so).
 *  Otherwise invalid UTF-8 is reported (with the byte offset of the first bad sequence) and
 *  indexed with each bad sequence replaced by U+FFFD. What each problem leaves unread goes
 *  to ReadOptions::on_unread. docs/input.md has every case.
 *
 *  @param source  path to a file or directory, or kStandardInput.
 *  @throws fahras::Error if ReadOptions::encoding is not a known encoding; nothing for bad
 *          input (see above); std::bad_alloc.
 */
void read_source(const std::string& source, const ReadOptions& options,
                 const DocumentSink& on_document, const WarningSink& on_warning);

/** read_source with the default ReadOptions. */
void read_source(const std::string& source, const DocumentSink& on_document,
                 const WarningSink& on_warning);

}  // namespace fahras
