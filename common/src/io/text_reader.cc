/** @file
 *  @brief Internal: the reader of .txt files (and of a pipe's text): one document, or parts
 *  of a long file, in whatever encoding it is.
 */
#include <utility>

#include "io/encoding.h"
#include "io/readers.h"

namespace fahras::detail {

namespace fs = std::filesystem;

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
            doc.title = title_line(text);  // a first paragraph is no title: docs/input.md
            doc.text = std::move(text);
            on_document(std::move(doc));
        }
        if (!more && pending.empty()) break;
    }
}

void read_text_file(const fs::path& path, const std::string& id, const std::string& shown,
                    const ReadOptions& options, const DocumentSink& on_document,
                    const WarningSink& on_warning) {
    const auto in = open_input(path, shown);
    read_text(*in, id, shown, options, on_document, on_warning);
}

}  // namespace fahras::detail
