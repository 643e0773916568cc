/** @file
 *  @brief Reading one SOURCE: a file of whichever kind, a directory, a pipe or standard
 *  input, handed to its reader (fahras::read_source).
 */
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <streambuf>
#include <utility>

#include "fahras/corpus.h"
#include "io/readers.h"
#include "io/records.h"

namespace fahras {

namespace fs = std::filesystem;

namespace {

using detail::bad_name;
using detail::FileKind;
using detail::kind_of;
using detail::kUtf8Bom;
using detail::read_directory;
using detail::read_html_file;
using detail::read_text;
using detail::read_text_file;

/** A stream buffer that gives back the bytes already taken from another one, then the rest
 *  of it: a pipe cannot be rewound once its first bytes were looked at. */
class ReplayBuf : public std::streambuf {
  public:
    ReplayBuf(std::string head, std::streambuf& rest) : head_(std::move(head)), rest_(rest) {
        setg(head_.data(), head_.data(), head_.data() + head_.size());
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        const std::streamsize got =
            rest_.sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        if (got <= 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
        return traits_type::to_int_type(*gptr());
    }

  private:
    std::string head_;
    std::streambuf& rest_;
    std::array<char, 1 << 16> buffer_{};
};

/** Reads a file named directly that is not a regular file (a pipe: `<(zcat a.jsonl.gz)`,
 *  /dev/stdin) and whose name says nothing: JSONL if its first byte that is not white space
 *  (after a UTF-8 byte-order mark) is '{', else one text document. */
void read_pipe(const fs::path& path, const std::string& shown, const ReadOptions& options,
               const DocumentSink& on_document, const WarningSink& on_warning) {
    const auto in = detail::open_input(path, shown);
    // White space before the first record is rare and short; this bounds a file of nothing
    // else (it is then an empty text).
    constexpr std::size_t kMostLeadingSpace = 1 << 16;
    std::string head;
    std::streambuf& rest = *in->rdbuf();
    for (int c; head.size() < kMostLeadingSpace && (c = rest.sbumpc()) != EOF;) {
        head.push_back(static_cast<char>(c));
        const bool in_bom = head.size() <= kUtf8Bom.size() && kUtf8Bom.starts_with(head);
        if (!in_bom && std::isspace(c) == 0) break;
    }
    const bool jsonl = !head.empty() && head.back() == '{';
    ReplayBuf replay(std::move(head), rest);
    std::istream replayed(&replay);
    if (jsonl) {
        detail::read_jsonl(replayed, shown, options, on_document, on_warning);
    } else {
        read_text(replayed, path.filename().string(), shown, options, on_document, on_warning);
    }
}

/** Reads a file named directly (not a directory). */
void read_file(const fs::path& path, const fs::file_status& status, const std::string& source,
               const ReadOptions& options, const DocumentSink& on_document,
               const WarningSink& on_warning) {
    const std::string id = path.filename().string();
    if (const std::string bad = bad_name(id, "file"); !bad.empty()) {
        on_warning(InputError(detail::escape_bytes(source), 0, bad));
        return;
    }
    const auto read_records = [&](auto read) {
        const auto in = detail::open_input(path, source);
        read(*in, source, options, on_document, on_warning);
    };
    switch (kind_of(path)) {
        case FileKind::Jsonl:
            read_records(detail::read_jsonl);
            break;
        case FileKind::Tsv:
            read_records(detail::read_tsv);
            break;
        case FileKind::Csv:
            // Quoting rules differ from one program to the next: better no document than
            // a line of commas and quotes taken for one.
            throw InputError(source, 0, "CSV is not read (use JSONL or id<TAB>text .tsv), skipped");
        case FileKind::Html:
            read_html_file(path, id, source, options, on_document, on_warning);
            break;
        case FileKind::Text:
            read_text_file(path, id, source, options, on_document, on_warning);
            break;
        case FileKind::Other:
            // A pipe or device named here is read: the user asked for it (`<(zcat a.gz)`).
            if (fs::is_regular_file(status)) {
                read_text_file(path, id, source, options, on_document, on_warning);
            } else {
                read_pipe(path, source, options, on_document, on_warning);
            }
            break;
    }
}

}  // namespace

void read_source(const std::string& source, const ReadOptions& options,
                 const DocumentSink& on_document, const WarningSink& on_warning) {
    if (!options.encoding.empty() && !is_known_encoding(options.encoding)) {
        throw Error("unknown encoding '" + options.encoding + "'");
    }
    try {
        if (source == kStandardInput) {
            const auto in = detail::open_input("/dev/stdin", source);
            detail::read_jsonl(*in, source, options, on_document, on_warning);
            return;
        }
        const fs::path path(source);
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (status.type() == fs::file_type::not_found) {
            // Gone, not unread: a pruning writer removes what it held (with its guard).
            on_warning(InputError(source, 0, "no such file or directory"));
            return;
        }
        if (ec) throw InputError(source, 0, "cannot read: " + ec.message());
        if (fs::is_directory(status)) {
            read_directory(path, source, options, on_document, on_warning);
        } else {
            read_file(path, status, source, options, on_document, on_warning);
        }
    } catch (const InputError& e) {
        on_warning(e);
        detail::report_unread(options, Unread::Scope::Source, {}, e.line());
    }
}

void read_source(const std::string& source, const DocumentSink& on_document,
                 const WarningSink& on_warning) {
    read_source(source, ReadOptions{}, on_document, on_warning);
}

}  // namespace fahras
