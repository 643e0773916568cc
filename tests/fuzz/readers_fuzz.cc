/** @file
 *  @brief libFuzzer target: the source readers (.txt, .html, .jsonl, .tsv) on arbitrary bytes.
 *
 *  The input is written to a file of each kind and read with small parts and each forced
 *  encoding in turn (chosen by the first byte). Besides crashes and sanitizer reports, it
 *  checks what corpus.h promises: every document has an id, and all its fields are UTF-8.
 */
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "analysis/utf8.h"
#include "fahras/corpus.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

/** A scratch directory of this process, made once: in memory (/dev/shm) where there is
 *  one, as writing files to a disk made the target several times slower. */
const std::filesystem::path& scratch() {
    static const std::filesystem::path dir = [] {
        std::error_code ec;
        const std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec)
                                               ? std::filesystem::path("/dev/shm")
                                               : std::filesystem::temp_directory_path();
        auto path = base / ("fahras-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::array<const char*, 5> kEncodings = {"", "", "windows-1256", "ISO-8859-6",
                                                       "UTF-16LE"};
    fahras::ReadOptions options;
    if (size > 0) {
        options.encoding = kEncodings[data[0] % kEncodings.size()];
        options.max_document_bytes = 16 + data[0] % 64;  // parts, long lines, truncation
    }
    for (const char* name : {"in.txt", "in.html", "in.jsonl", "in.tsv"}) {
        const std::filesystem::path path = scratch() / name;
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        fahras::read_source(
            path.string(), options,
            [](fahras::Document&& doc) {
                require(!doc.id.empty());
                for (const std::string* field :
                     {&doc.id, &doc.title, &doc.text, &doc.date, &doc.source, &doc.url}) {
                    require(!fahras::detail::first_invalid_utf8(*field));
                }
            },
            [](const fahras::InputError& e) { require(!e.path().empty()); });
    }
    return 0;
}
