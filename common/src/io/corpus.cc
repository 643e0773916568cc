/** @file
 *  @brief Reading document collections: .txt and .html files, directories of them, JSONL,
 *  .tsv, pipes and standard input.
 */
#include "fahras/corpus.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <sys/stat.h>
#include <unicode/localpointer.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "analysis/unicode_text.h"
#include "fahras/normalize.h"
#include "io/gzip.h"
#include "io/records.h"

namespace fahras {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kUtf8Bom =
    "\xEF\xBB\xBF";  // ZERO WIDTH NO-BREAK SPACE (byte-order mark), UTF-8
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";  // ZERO WIDTH NO-BREAK SPACE, UTF-16LE
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";  // ZERO WIDTH NO-BREAK SPACE, UTF-16BE

enum class FileKind { Text, Html, Jsonl, Tsv, Csv, Other };

FileKind kind_of(const fs::path& path) {
    const std::string ext = detail::without_gzip(path).extension().string();  // a.jsonl.gz
    if (ext == ".txt") return FileKind::Text;
    if (ext == ".html" || ext == ".htm") return FileKind::Html;
    if (ext == ".jsonl") return FileKind::Jsonl;
    if (ext == ".tsv") return FileKind::Tsv;
    if (ext == ".csv") return FileKind::Csv;
    return FileKind::Other;
}

bool is_hidden(const fs::path& name) {
    const std::string s = name.filename().string();
    return !s.empty() && s.front() == '.';
}

std::string trim(std::string_view s) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    const auto first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(kSpace);
    return std::string(s.substr(first, last - first + 1));
}

std::string first_line(std::string_view text) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string line = trim(text.substr(0, end));
        if (!line.empty() || end == std::string_view::npos) return line;
        text.remove_prefix(end + 1);
    }
    return {};
}

std::string errno_message(const char* what) { return std::string(what) + std::strerror(errno); }

/** Up to @p limit bytes from @p in (fewer at the end of the file). The buffer grows as the
 *  file turns out to be long: most files are small, and a part is up to 16 MiB. */
std::string read_some(std::istream& in, std::size_t limit, const std::string& shown) {
    std::string bytes;
    std::size_t chunk = std::size_t{1} << 16;
    while (bytes.size() < limit) {
        const std::size_t want = std::min(chunk, limit - bytes.size());
        const std::size_t had = bytes.size();
        bytes.resize(had + want);
        in.read(bytes.data() + had, static_cast<std::streamsize>(want));
        if (in.bad()) throw InputError(shown, 0, errno_message("read error: "));
        const auto got = static_cast<std::size_t>(in.gcount());
        bytes.resize(had + got);
        if (got < want) break;
        chunk *= 2;
    }
    return bytes;
}

// --- Encodings -----------------------------------------------------------------------------

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    Converter converter(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status) || name.empty()) return nullptr;
    return converter;
}

/** @p bytes converted from @p charset to UTF-8; bytes that are not valid in it become
 *  U+FFFD, and the offset of the first is returned in @p first_bad. */
std::string convert(std::string_view bytes, const std::string& charset,
                    std::optional<std::size_t>& first_bad) {
    const Converter converter = open_converter(charset);
    if (!converter) throw Error("unknown encoding '" + charset + "'");
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                        &status);
    detail::check_icu(status, "ucnv_setToUCallBack");
    std::u16string utf16;
    std::vector<UChar> buffer(1 << 16);
    const char* source = bytes.data();
    const char* const source_end = bytes.data() + bytes.size();
    for (;;) {
        UChar* target = buffer.data();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(converter.get(), &target, buffer.data() + buffer.size(), &source, source_end,
                       nullptr, true, &status);
        utf16.append(buffer.data(), target);
        if (status == U_BUFFER_OVERFLOW_ERROR) continue;
        if (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND ||
            status == U_TRUNCATED_CHAR_FOUND) {
            // The bad bytes were consumed: they end at `source`.
            char bad[32];
            int8_t bad_length = sizeof bad;
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter.get(), bad, &bad_length, &ignored);
            if (!first_bad) {
                first_bad = static_cast<std::size_t>(source - bytes.data()) -
                            static_cast<std::size_t>(std::max<int8_t>(bad_length, 0));
            }
            utf16 += u'\uFFFD';  // REPLACEMENT CHARACTER
            if (status == U_TRUNCATED_CHAR_FOUND || source == source_end) break;
            continue;
        }
        detail::check_icu(status, "ucnv_toUnicode");
        break;
    }
    std::string out;
    icu::UnicodeString(false, utf16.data(), static_cast<int32_t>(utf16.size())).toUTF8String(out);
    return out;
}

/** The Arabic legacy charset ICU's detector finds @p bytes to be in, or empty. */
std::string detect_arabic_charset(std::string_view bytes, FileKind kind) {
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUCharsetDetectorPointer detector(ucsdet_open(&status));
    if (U_FAILURE(status)) return {};
    // Markup would weigh for Latin charsets: the detector can skip it.
    ucsdet_enableInputFilter(detector.getAlias(), kind == FileKind::Html);
    // The detector looks at the beginning only; 64 KiB is plenty and bounds its time.
    const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 16));
    ucsdet_setText(detector.getAlias(), bytes.data(), length, &status);
    const UCharsetMatch* match = ucsdet_detect(detector.getAlias(), &status);
    if (U_FAILURE(status) || match == nullptr) return {};
    const std::string_view name = ucsdet_getName(match, &status);
    if (U_FAILURE(status)) return {};
    if (name == "windows-1256" || name == "ISO-8859-6") return std::string(name);
    return {};
}

/** How one file's bytes become UTF-8: decided once, from its first part. */
struct Decoding {
    std::string encoding;  ///< empty: UTF-8
    std::size_t skip = 0;  ///< byte-order mark length
    bool utf16 = false;
};

Decoding choose_decoding(std::string_view head, const ReadOptions& options) {
    if (head.starts_with(kUtf16LeBom)) return {"UTF-16LE", kUtf16LeBom.size(), true};
    if (head.starts_with(kUtf16BeBom)) return {"UTF-16BE", kUtf16BeBom.size(), true};
    if (head.starts_with(kUtf8Bom)) return {"", kUtf8Bom.size(), false};
    if (!options.encoding.empty()) return {options.encoding, 0, false};
    return {};
}

/** Bytes of a part of a file turned into valid UTF-8; problems are warned about, with byte
 *  offsets counted from the start of the file (@p offset is the part's). */
std::string decode(std::string_view bytes, Decoding& decoding, FileKind kind, std::size_t offset,
                   const std::string& shown, const WarningSink& on_warning) {
    if (decoding.encoding.empty() && offset == 0 && detail::first_invalid_utf8(bytes)) {
        // Not UTF-8: older Arabic archives are in windows-1256 or ISO-8859-6.
        decoding.encoding = detect_arabic_charset(bytes, kind);
    }
    std::optional<std::size_t> bad;
    if (decoding.encoding.empty()) {
        std::string text(bytes);
        if ((bad = detail::sanitize_utf8(text))) {
            on_warning(InputError(shown, 0,
                                  "invalid UTF-8 at byte " + std::to_string(offset + *bad) +
                                      ", bad bytes replaced with U+FFFD"));
        }
        return text;
    }
    std::string text = convert(bytes, decoding.encoding, bad);
    if (bad) {
        on_warning(InputError(shown, 0,
                              "bytes not valid in " + decoding.encoding + " at byte " +
                                  std::to_string(offset + *bad) + ", replaced with U+FFFD"));
    }
    return text;
}

/** Where to end a part of @p bytes (more follow): after its last line end if it has one,
 *  else at a character boundary. */
std::size_t part_end(std::string_view bytes, const Decoding& decoding) {
    if (decoding.utf16) {
        const bool little = decoding.encoding == "UTF-16LE";
        std::size_t end = bytes.size() - bytes.size() % 2;
        for (std::size_t i = end; i >= 2; i -= 2) {
            const char low = little ? bytes[i - 2] : bytes[i - 1];
            const char high = little ? bytes[i - 1] : bytes[i - 2];
            if (low == '\n' && high == '\0') return i;
        }
        return end;
    }
    const auto newline = bytes.rfind('\n');
    if (newline != std::string_view::npos) return newline + 1;
    if (!decoding.encoding.empty()) return bytes.size();  // single-byte Arabic charsets
    // UTF-8: not inside a character (continuation bytes are 10xxxxxx).
    std::size_t end = bytes.size();
    for (int back = 0; back < 3 && end > 0 && (bytes[end - 1] & 0xC0) == 0x80; ++back) --end;
    if (end > 0 && (static_cast<unsigned char>(bytes[end - 1]) >= 0xC0)) --end;
    return end == 0 ? bytes.size() : end;
}

// --- .txt files ------------------------------------------------------------------------------

void read_text(std::istream& in, const std::string& id, const std::string& shown,
               const ReadOptions& options, const DocumentSink& on_document,
               const WarningSink& on_warning) {
    const std::size_t limit = std::max<std::size_t>(options.max_document_bytes, 16);
    std::string pending = read_some(in, limit, shown);
    Decoding decoding = choose_decoding(pending, options);
    std::size_t offset = decoding.skip;
    pending.erase(0, decoding.skip);
    for (std::size_t part = 1;; ++part) {
        if (pending.size() < limit && in) pending += read_some(in, limit - pending.size(), shown);
        const bool more = in.good() && in.peek() != std::char_traits<char>::eof();
        const std::size_t end = more ? part_end(pending, decoding) : pending.size();
        std::string bytes = pending.substr(0, end);
        pending.erase(0, end);
        if (!decoding.utf16 && bytes.find('\0') != std::string::npos) {
            throw InputError(shown, 0, "binary file (contains NUL bytes), skipped");
        }
        std::string text = decode(bytes, decoding, FileKind::Text, offset, shown, on_warning);
        offset += bytes.size();
        if (trim(text).empty()) {
            if (part == 1) throw InputError(shown, 0, "empty file, skipped");
        } else {
            Document doc;
            doc.id = part == 1 ? id : id + "#" + std::to_string(part);
            doc.encoding = decoding.encoding;
            doc.title = first_line(text);
            doc.text = std::move(text);
            on_document(std::move(doc));
        }
        if (!more && pending.empty()) break;
    }
}

void read_text_file(const fs::path& path, const std::string& id, const std::string& shown,
                    const ReadOptions& options, const DocumentSink& on_document,
                    const WarningSink& on_warning) {
    const auto in = detail::open_maybe_gzipped(path, shown);  // .gz: decompressed
    read_text(*in, id, shown, options, on_document, on_warning);
}

// --- .html files -----------------------------------------------------------------------------

struct DocCloser {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using HtmlDoc = std::unique_ptr<xmlDoc, DocCloser>;

void ignore_libxml_error(void* /*context*/, const char* /*message*/, ...) {}

HtmlDoc parse_html(std::string_view bytes, const char* encoding) {
    // The library never prints: libxml2's error handlers are per thread.
    xmlSetGenericErrorFunc(nullptr, ignore_libxml_error);
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    const auto length = static_cast<int>(std::min<std::size_t>(bytes.size(), INT32_MAX));
    return HtmlDoc(htmlReadMemory(bytes.data(), length, nullptr, encoding,
                                  kOptions | (encoding ? HTML_PARSE_IGNORE_ENC : 0)));
}

bool is_name(const xmlNode* node, const char* name) {
    return node->name != nullptr && xmlStrcasecmp(node->name, BAD_CAST name) == 0;
}

/** Elements whose content a reader never sees. */
bool is_invisible(const xmlNode* node) {
    for (const char* name : {"script", "style", "head", "template", "noscript", "svg", "math"}) {
        if (is_name(node, name)) return true;
    }
    return false;
}

/** Elements that start a new line of text (the others run on: <b>ال</b>كتاب is one word). */
bool is_block(const xmlNode* node) {
    for (const char* name :
         {"address", "article", "aside",   "blockquote", "br",         "caption", "dd",
          "details", "div",     "dl",      "dt",         "figcaption", "figure",  "footer",
          "form",    "h1",      "h2",      "h3",         "h4",         "h5",      "h6",
          "header",  "hr",      "li",      "main",       "nav",        "ol",      "p",
          "pre",     "section", "summary", "table",      "td",         "th",      "tr",
          "ul",      "body",    "html",    "title",      "option",     "label"}) {
        if (is_name(node, name)) return true;
    }
    return false;
}

void append_newline(std::string& out) {
    if (!out.empty() && out.back() != '\n') out += '\n';
}

/** The visible text under @p first and its siblings (iterative: documents can nest deep). */
void collect_text(xmlNode* first, std::string& out) {
    std::vector<xmlNode*> stack;  // nodes whose next sibling is still to visit
    xmlNode* node = first;
    while (node != nullptr || !stack.empty()) {
        if (node == nullptr) {
            node = stack.back();
            stack.pop_back();
            if (is_block(node)) append_newline(out);
            node = node->next;
            continue;
        }
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content != nullptr) out += reinterpret_cast<const char*>(node->content);
            node = node->next;
        } else if (node->type == XML_ELEMENT_NODE && !is_invisible(node)) {
            if (is_block(node)) append_newline(out);
            stack.push_back(node);
            node = node->children;
        } else {
            node = node->next;
        }
    }
}

/** The text of the first <title> element, or empty. */
std::string find_title(xmlNode* root) {
    std::vector<xmlNode*> stack{root};
    while (!stack.empty()) {
        xmlNode* node = stack.back();
        stack.pop_back();
        for (; node != nullptr; node = node->next) {
            if (node->type != XML_ELEMENT_NODE) continue;
            if (is_name(node, "title")) {
                std::string text;
                collect_text(node->children, text);
                return text;
            }
            if (is_name(node, "body")) continue;  // the title is in the head
            if (node->children != nullptr) stack.push_back(node->children);
        }
    }
    return {};
}

/** Runs of white space (a line break among them: a line break) become one. */
std::string squeeze_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    bool newline = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            space = true;
            newline = newline || c == '\n';
            continue;
        }
        if (space && !out.empty()) out += newline ? '\n' : ' ';
        space = newline = false;
        out += c;
    }
    return out;
}

void read_html_file(const fs::path& path, const std::string& id, const std::string& shown,
                    const ReadOptions& options, const DocumentSink& on_document,
                    const WarningSink& on_warning) {
    const auto file = detail::open_maybe_gzipped(path, shown);  // .gz: decompressed
    std::istream& in = *file;
    const std::size_t limit = std::max<std::size_t>(options.max_document_bytes, 16);
    std::string bytes = read_some(in, limit, shown);
    if (in.good() && in.peek() != std::char_traits<char>::eof()) {
        on_warning(InputError(
            shown, 0,
            "longer than " + std::to_string(limit) + " bytes, only the beginning indexed"));
    }
    Decoding decoding = choose_decoding(bytes, options);
    if (!decoding.utf16 && bytes.find('\0') != std::string::npos) {
        throw InputError(shown, 0, "binary file (contains NUL bytes), skipped");
    }
    HtmlDoc html;
    std::string encoding;
    if (decoding.skip == 0 && decoding.encoding.empty()) {
        // No byte-order mark and no --encoding: the document's own <meta charset> decides.
        html = parse_html(bytes, nullptr);
        if (html && html->encoding != nullptr) {
            encoding = reinterpret_cast<const char*>(html->encoding);
        } else {
            html.reset();
        }
    }
    if (!html) {
        const std::string text = decode(std::string_view(bytes).substr(decoding.skip), decoding,
                                        FileKind::Html, decoding.skip, shown, on_warning);
        encoding = decoding.encoding;
        html = parse_html(text, "UTF-8");
    }
    if (!html) throw InputError(shown, 0, "not HTML, skipped");
    Document doc;
    doc.id = id;
    std::string lower = encoding;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "utf-8" && lower != "utf8") doc.encoding = encoding;
    xmlNode* root = xmlDocGetRootElement(html.get());
    std::string text;
    if (root != nullptr) collect_text(root, text);
    doc.text = trim(squeeze_space(text));
    doc.title = trim(squeeze_space(root != nullptr ? find_title(root) : ""));
    // A page without a <title> is titled like a .txt file.
    if (doc.title.empty()) doc.title = first_line(doc.text);
    if (doc.text.empty() && doc.title.empty()) throw InputError(shown, 0, "no text, skipped");
    // Text from a page with bad bytes can still be invalid after libxml2's own decoding.
    if (detail::sanitize_utf8(doc.text) || detail::sanitize_utf8(doc.title)) {
        on_warning(InputError(shown, 0, "invalid characters replaced with U+FFFD"));
    }
    on_document(std::move(doc));
}

// --- Directories -----------------------------------------------------------------------------

/** A directory's identity, to read each directory once (symbolic links can make loops). */
using DirKey = std::pair<dev_t, ino_t>;

std::optional<DirKey> dir_key(const fs::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
    return DirKey{st.st_dev, st.st_ino};
}

/** Why a file or directory named @p name cannot give ids (every output format is a line of
 *  UTF-8, and Python decodes each id), or empty if it can. @p what: "file" or "directory". */
std::string bad_name(std::string_view name, std::string_view what) {
    std::string problem(what);
    if (detail::first_invalid_utf8(name))
        return problem + " name is not valid UTF-8, skipped: rename it";
    if (const std::string control = detail::control_character(name); !control.empty()) {
        return problem + " name contains a control character (" + control + "), skipped: rename it";
    }
    return {};
}

void read_directory(const fs::path& root, const std::string& shown, const ReadOptions& options,
                    const DocumentSink& on_document, const WarningSink& on_warning) {
    const auto shown_path = [&](const fs::path& p) {
        return (fs::path(shown) / p.lexically_relative(root)).string();
    };
    // A problem with something below the root leaves the ids from its path unread.
    const auto warn_below = [&](const fs::path& p, const std::string& problem) {
        on_warning(InputError(shown_path(p), 0, problem));
        detail::report_unread(options, Unread::Scope::Path,
                              p.lexically_relative(root).generic_string(), 0);
    };
    std::vector<fs::path> files;
    std::set<DirKey> visited;
    if (const auto key = dir_key(root)) visited.insert(*key);
    std::vector<fs::path> pending{root};  // directories still to read (a stack: no recursion)
    while (!pending.empty()) {
        const fs::path dir = std::move(pending.back());
        pending.pop_back();
        std::error_code ec;
        std::vector<fs::directory_entry> entries;
        fs::directory_iterator it(dir, ec);
        for (const fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            entries.push_back(*it);
        }
        if (ec && dir == root) {
            on_warning(InputError(shown, 0, "cannot read directory: " + ec.message()));
            detail::report_unread(options, Unread::Scope::Source, {}, 0);
        } else if (ec) {
            warn_below(dir, "cannot read directory: " + ec.message());
        }
        std::sort(entries.begin(), entries.end());
        std::vector<fs::path> subdirs;
        for (const fs::directory_entry& entry : entries) {
            const fs::path& p = entry.path();
            if (is_hidden(p)) continue;
            const FileKind kind = kind_of(p);
            const fs::file_status status = entry.status(ec);  // follows symbolic links
            const bool is_dir = fs::is_directory(status);
            if (!is_dir && kind != FileKind::Text && kind != FileKind::Html) continue;
            if (const std::string bad =
                    bad_name(p.filename().string(), is_dir ? "directory" : "file");
                !bad.empty()) {
                // Nothing is left unread: an id from that name could not be shown, and a
                // document an earlier version indexed under it can go.
                on_warning(InputError(detail::escape_bytes(shown_path(p)), 0, bad));
                continue;
            }
            if (is_dir) {
                const auto key = dir_key(p);
                if (!key) {
                    warn_below(p, errno_message("cannot read: "));
                } else if (!visited.insert(*key).second) {
                    warn_below(p, "directory already read (symbolic link loop?), skipped");
                } else {
                    subdirs.push_back(p);
                }
            } else if (ec && entry.is_symlink()) {
                warn_below(p, "broken symbolic link, skipped");
            } else if (ec) {
                warn_below(p, "cannot read: " + ec.message());
            } else if (!fs::is_regular_file(status)) {
                // Reading a FIFO would wait for ever, a device for ever or nothing.
                warn_below(p, "not a regular file, skipped");
            } else {
                files.push_back(p);
            }
        }
        // Depth first, in byte order: the last pushed is read first.
        pending.insert(pending.end(), subdirs.rbegin(), subdirs.rend());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        const std::string id = file.lexically_relative(root).generic_string();
        if (options.skip_file && options.skip_file(file.string(), id)) continue;
        // Any warning about a file leaves its documents unread: a pruning writer keeps them.
        bool warned = false;
        const WarningSink file_warning = [&](const InputError& e) {
            warned = true;
            on_warning(e);
        };
        try {
            if (kind_of(file) == FileKind::Html) {
                read_html_file(file, id, shown_path(file), options, on_document, file_warning);
            } else {
                read_text_file(file, id, shown_path(file), options, on_document, file_warning);
            }
        } catch (const InputError& e) {
            file_warning(e);
        }
        if (warned) detail::report_unread(options, Unread::Scope::Path, id, 0);
    }
}

// --- Pipes and standard input ----------------------------------------------------------------

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
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(shown, 0, errno_message("cannot read: "));
    // White space before the first record is rare and short; this bounds a file of nothing
    // else (it is then an empty text).
    constexpr std::size_t kMostLeadingSpace = 1 << 16;
    std::string head;
    std::streambuf& rest = *in.rdbuf();
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
        read(*detail::open_maybe_gzipped(path, source), source, options, on_document, on_warning);
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

bool is_known_encoding(std::string_view name) {
    return open_converter(std::string(name)) != nullptr;
}

void read_source(const std::string& source, const ReadOptions& options,
                 const DocumentSink& on_document, const WarningSink& on_warning) {
    if (!options.encoding.empty() && !is_known_encoding(options.encoding)) {
        throw Error("unknown encoding '" + options.encoding + "'");
    }
    try {
        if (source == kStandardInput) {
            std::ifstream in("/dev/stdin", std::ios::binary);
            if (!in) throw InputError(source, 0, errno_message("cannot read: "));
            detail::read_jsonl(in, source, options, on_document, on_warning);
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

std::string source_key(std::string_view name) {
    icu::UnicodeString folded = icu::UnicodeString::fromUTF8(normalize(name));
    folded.foldCase(U_FOLD_CASE_DEFAULT);
    std::string utf8;
    folded.toUTF8String(utf8);
    std::string key;
    bool space = false;
    for (const char c : utf8) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += c;
    }
    return key;
}

}  // namespace fahras
