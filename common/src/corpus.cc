/** @file
 *  @brief Reading document collections: .txt files, directories of them, and JSONL.
 */
#include "fahras/corpus.h"

#include <unicode/localpointer.h>
#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "fahras/normalize.h"
#include "unicode_text.h"

namespace fahras {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kUtf8Bom =
    "\xEF\xBB\xBF";  // ZERO WIDTH NO-BREAK SPACE (byte-order mark)

bool has_extension(const fs::path& path, std::string_view ext) {
    return path.extension().string() == ext;
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

/** Whole file; throws InputError if it cannot be read. */
std::string read_file(const fs::path& path, const std::string& shown) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(shown, 0, std::string("cannot read: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(shown, 0, std::string("read error: ") + std::strerror(errno));
    return std::move(buffer).str();
}

/** Drops a UTF-8 byte-order mark and repairs invalid UTF-8 (reported). */
void clean_text(std::string& text, const std::string& shown, std::size_t line,
                const WarningSink& on_warning) {
    if (text.starts_with(kUtf8Bom)) text.erase(0, kUtf8Bom.size());
    if (auto bad = detail::sanitize_utf8(text)) {
        on_warning(InputError(
            shown, line,
            "invalid UTF-8 at byte " + std::to_string(*bad) + ", bad bytes replaced with U+FFFD"));
    }
}

/** @p bytes converted from @p charset to UTF-8 (ICU converters). */
std::string convert(std::string_view bytes, const char* charset, const std::string& shown) {
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
    if (text.isBogus()) throw InputError(shown, 0, std::string("cannot convert from ") + charset);
    std::string out;
    text.toUTF8String(out);
    return out;
}

/** The Arabic legacy charset ICU's detector finds @p bytes to be in, or nullptr. */
const char* detect_arabic_charset(std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    icu::LocalUCharsetDetectorPointer detector(ucsdet_open(&status));
    ucsdet_setText(detector.getAlias(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    const UCharsetMatch* match = ucsdet_detect(detector.getAlias(), &status);
    if (U_FAILURE(status) || match == nullptr) return nullptr;
    const std::string_view name = ucsdet_getName(match, &status);
    if (U_FAILURE(status)) return nullptr;
    if (name == "windows-1256") return "windows-1256";
    if (name == "ISO-8859-6") return "ISO-8859-6";
    return nullptr;
}

void read_text_file(const fs::path& path, std::string id, const std::string& shown,
                    const DocumentSink& on_document, const WarningSink& on_warning) {
    std::string text = read_file(path, shown);
    std::string encoding;
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        // A UTF-16 byte-order mark (ZERO WIDTH NO-BREAK SPACE, either byte order).
        encoding = text.starts_with("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE";
        text = convert(std::string_view(text).substr(2), encoding.c_str(), shown);
    }
    if (text.find('\0') != std::string::npos) {
        throw InputError(shown, 0, "binary file (contains NUL bytes), skipped");
    }
    if (encoding.empty()) {
        if (detail::first_invalid_utf8(text)) {
            // Not UTF-8: older Arabic archives are in windows-1256 or ISO-8859-6.
            if (const char* charset = detect_arabic_charset(text)) {
                encoding = charset;
                text = convert(text, charset, shown);
            }
        }
    }
    clean_text(text, shown, 0, on_warning);
    if (trim(text).empty()) throw InputError(shown, 0, "empty file, skipped");

    Document doc;
    doc.id = std::move(id);
    doc.encoding = std::move(encoding);
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        doc.title = trim(line);
        if (!doc.title.empty()) break;
    }
    doc.text = std::move(text);
    on_document(std::move(doc));
}

std::string string_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return it->dump();
}

void read_jsonl(const fs::path& path, const std::string& shown, const DocumentSink& on_document,
                const WarningSink& on_warning) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(shown, 0, std::string("cannot read: ") + std::strerror(errno));
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty()) continue;
        clean_text(line, shown, number, on_warning);
        const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        if (object.is_discarded() || !object.is_object()) {
            on_warning(InputError(shown, number, "not a JSON object, line skipped"));
            continue;
        }
        Document doc;
        doc.id = string_field(object, "id");
        if (doc.id.empty()) {
            on_warning(InputError(shown, number, "no \"id\", line skipped"));
            continue;
        }
        const auto text = object.find("text");
        if (text == object.end() || !text->is_string()) {
            on_warning(InputError(shown, number, "no \"text\" string, line skipped"));
            continue;
        }
        doc.text = text->get<std::string>();
        doc.title = string_field(object, "title");
        doc.date = string_field(object, "date");
        doc.source = string_field(object, "source");
        doc.url = string_field(object, "url");
        on_document(std::move(doc));
    }
    if (in.bad())
        throw InputError(shown, number, std::string("read error: ") + std::strerror(errno));
}

void read_directory(const fs::path& root, const std::string& shown, const DocumentSink& on_document,
                    const WarningSink& on_warning) {
    std::vector<fs::path> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(shown, 0, "cannot read directory: " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            on_warning(InputError(shown, 0, "cannot read directory: " + ec.message()));
            break;
        }
        const fs::directory_entry& entry = *it;
        if (is_hidden(entry.path())) {
            if (entry.is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (entry.is_regular_file(ec) && has_extension(entry.path(), ".txt")) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        const std::string id = file.lexically_relative(root).generic_string();
        const std::string file_shown = (fs::path(shown) / file.lexically_relative(root)).string();
        try {
            read_text_file(file, id, file_shown, on_document, on_warning);
        } catch (const InputError& e) {
            on_warning(e);
        }
    }
}

}  // namespace

void read_source(const std::string& source, const DocumentSink& on_document,
                 const WarningSink& on_warning) {
    try {
        const fs::path path(source);
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            throw InputError(source, 0, "no such file or directory");
        }
        if (fs::is_directory(status)) {
            read_directory(path, source, on_document, on_warning);
        } else if (has_extension(path, ".jsonl")) {
            read_jsonl(path, source, on_document, on_warning);
        } else {
            read_text_file(path, path.filename().string(), source, on_document, on_warning);
        }
    } catch (const InputError& e) {
        on_warning(e);
    }
}

std::optional<std::string> iso_day(std::string_view date) {
    // YYYY-MM-DD, then the end, a time ('T' or a space) or nothing else.
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
    if (date.size() > 10 && date[10] != 'T' && date[10] != ' ') return std::nullopt;
    const auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        for (const char c : date.substr(at, length)) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    const std::optional<int> year = number(0, 4);
    const std::optional<int> month = number(5, 2);
    const std::optional<int> day = number(8, 2);
    if (!year || !month || !day) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                          std::chrono::month(static_cast<unsigned>(*month)),
                                          std::chrono::day(static_cast<unsigned>(*day))};
    if (!ymd.ok()) return std::nullopt;
    return std::string(date.substr(0, 10));
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
