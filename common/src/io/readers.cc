/** @file
 *  @brief Internal: what the readers of io/ share: kinds of files, trimming, reading bytes.
 */
#include "io/readers.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "io/gzip.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace fahras::detail {

namespace fs = std::filesystem;

FileKind kind_of(const fs::path& path) {
    const std::string ext = without_gzip(path).extension().string();  // a.jsonl.gz
    if (ext == ".txt") return FileKind::Text;
    if (ext == ".html" || ext == ".htm") return FileKind::Html;
    if (ext == ".jsonl") return FileKind::Jsonl;
    if (ext == ".tsv") return FileKind::Tsv;
    if (ext == ".csv") return FileKind::Csv;
    return FileKind::Other;
}

std::string trim(std::string_view s) { return std::string(trim_space(s)); }

std::string first_line(std::string_view text) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string line = trim(text.substr(0, end));
        if (!line.empty() || end == std::string_view::npos) return line;
        text.remove_prefix(end + 1);
    }
    return {};
}

namespace {

/** True if @p line ends as a sentence or a lead-in does, closing quotes and brackets aside. */
bool ends_like_a_sentence(std::string_view line) {
    // Closing marks that may follow the sentence's own punctuation: «لن نتراجع.»
    constexpr std::string_view kClosing[] = {
        "\"",     "'", ")", "]",
        "\u00BB",  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
        "\u2019",  // RIGHT SINGLE QUOTATION MARK
        "\u201D",  // RIGHT DOUBLE QUOTATION MARK
    };
    for (bool trimmed = true; trimmed && !line.empty();) {
        trimmed = false;
        for (const std::string_view c : kClosing) {
            if (line.ends_with(c)) {
                line = trim_space(line.substr(0, line.size() - c.size()));
                trimmed = true;
            }
        }
    }
    constexpr std::string_view kSentenceEnds[] = {
        ",",      ";", ":",
        "\u060C",  // ARABIC COMMA
        "\u061B",  // ARABIC SEMICOLON
        "\u06D4",  // ARABIC FULL STOP
    };
    for (const std::string_view end : kSentenceEnds) {
        if (line.ends_with(end)) return true;
    }
    // A full stop, but not an ellipsis (.. ends many a headline: تحرير عدن..).
    return line.ends_with('.') && !line.ends_with("..");
}

}  // namespace

std::string title_line(std::string_view text) {
    std::string line = first_line(text);
    std::size_t words = 0;
    for (std::size_t i = line.find_first_not_of(kAsciiSpace); i != std::string::npos;
         i = line.find_first_not_of(kAsciiSpace, line.find_first_of(kAsciiSpace, i))) {
        ++words;
    }
    if (words > kMaxTitleWords || utf8_length(line) > kMaxTitleChars ||
        ends_like_a_sentence(line)) {
        return {};
    }
    return line;
}

std::string errno_message(const char* what) { return std::string(what) + std::strerror(errno); }

std::unique_ptr<std::istream> open_input(const fs::path& path, const std::string& shown) {
    return open_maybe_gzipped(path, shown);  // .gz: decompressed
}

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

}  // namespace fahras::detail
