/** @file
 *  @brief Internal: readers of files of records, one a line: JSONL and `id<TAB>text` .tsv.
 */
#include "io/records.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>

#include "analysis/utf8.h"
#include "io/readers.h"
#include "util/strings.h"

namespace fahras::detail {

namespace {

// A value shown in a warning is cut after this many bytes: a warning is one short line.
constexpr std::size_t kShownValueBytes = 60;

std::string string_field(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return it->dump();
}

/** @p value for a warning: escaped (escape_bytes), and cut (on a character) if long. */
std::string shown_value(std::string_view value) {
    if (value.size() <= kShownValueBytes) return escape_bytes(value);
    std::size_t cut = kShownValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    return escape_bytes(value.substr(0, cut)) + "...";
}

enum class LineRead { Line, TooLong, End };

/** The next line of @p in without its '\n', if at most @p limit bytes long; a longer one
 *  is skipped without being kept (memory stays bounded). */
LineRead next_line(std::istream& in, std::string& line, std::size_t limit) {
    line.clear();
    bool too_long = false;
    bool any = false;
    std::array<char, 1 << 16> buffer;
    for (;;) {
        in.get(buffer.data(), static_cast<std::streamsize>(buffer.size()), '\n');
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got > 0) {
            any = true;
            if (!too_long && line.size() + got > limit) {
                too_long = true;
                std::string().swap(line);
            }
            if (!too_long) line.append(buffer.data(), got);
        }
        if (in.bad() || in.eof()) break;
        if (in.fail()) in.clear();  // nothing read: the next character is the '\n'
        const int next = in.rdbuf()->sgetc();
        if (next == '\n') {
            in.rdbuf()->sbumpc();
            any = true;
            break;
        }
        if (next == std::char_traits<char>::eof()) {
            in.setstate(std::ios::eofbit);
            break;
        }
    }
    if (!any) return LineRead::End;
    return too_long ? LineRead::TooLong : LineRead::Line;
}

/** Calls @p f(line, number) for each line of @p in that is not blank: valid UTF-8 (bad
 *  bytes replaced, with a warning), without its CR or a byte-order mark on line 1. A line
 *  longer than the largest document is skipped with a warning: its id is unknown, so the
 *  whole source counts as unread. */
template <class F>
void for_each_record(std::istream& in, const std::string& shown, const ReadOptions& options,
                     const WarningSink& on_warning, F&& f) {
    std::size_t number = 0;
    std::string line;
    for (LineRead r; (r = next_line(in, line, options.max_document_bytes)) != LineRead::End;) {
        ++number;
        if (r == LineRead::TooLong) {
            on_warning(InputError(shown, number,
                                  "longer than " + std::to_string(options.max_document_bytes) +
                                      " bytes, line skipped"));
            report_unread(options, Unread::Scope::Source, {}, number);
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.starts_with(kUtf8Bom)) line.erase(0, kUtf8Bom.size());
        if (is_blank(line)) continue;
        if (auto bad = sanitize_utf8(line)) {
            on_warning(InputError(shown, number,
                                  "invalid UTF-8 at byte " + std::to_string(*bad) +
                                      " of the line, bad bytes replaced with U+FFFD"));
        }
        f(line, number);
    }
    if (in.bad()) {
        throw InputError(shown, number, errno_message("read error after this line: "));
    }
}

/** Hands @p doc on, after a warning if its id was on an earlier line of the file too. */
void emit(Document&& doc, std::unordered_map<std::string, std::size_t>& seen,
          const std::string& shown, const DocumentSink& on_document,
          const WarningSink& on_warning) {
    if (const auto [it, added] = seen.try_emplace(doc.id, doc.line); !added) {
        on_warning(InputError(shown, doc.line,
                              "id '" + doc.id + "' also on line " + std::to_string(it->second) +
                                  ", this line replaces it"));
        it->second = doc.line;
    }
    on_document(std::move(doc));
}

/** Warns that line @p number of @p shown is skipped, for @p problem, and reports what that
 *  leaves unread: the document @p id, or, when the line gave none, any of the source's. */
void skip_line(const std::string& shown, std::size_t number, const std::string& problem,
               const std::string& id, const ReadOptions& options, const WarningSink& on_warning) {
    on_warning(InputError(shown, number, problem + ", line skipped"));
    report_unread(options, id.empty() ? Unread::Scope::Source : Unread::Scope::Id, id, number);
}

}  // namespace

void report_unread(const ReadOptions& options, Unread::Scope scope, std::string id,
                   std::size_t line) {
    if (options.on_unread) options.on_unread({.scope = scope, .id = std::move(id), .line = line});
}

std::string control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        unsigned code = 0x110000;
        if (c < 0x20 || c == 0x7F) code = c;
        // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) code = next;
        }
        if (code < 0x110000) {
            char name[8];
            std::snprintf(name, sizeof name, "U+%04X", code);
            return name;
        }
    }
    return {};
}

std::string escape_bytes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    const auto hex = [&](unsigned char c) {
        char code[5];
        std::snprintf(code, sizeof code, "\\x%02X", c);
        out += code;
    };
    while (!bytes.empty()) {
        const std::size_t bad = first_invalid_utf8(bytes).value_or(bytes.size());
        // The valid part, with its control characters escaped.
        for (std::size_t i = 0; i < bad; ++i) {
            const auto c = static_cast<unsigned char>(bytes[i]);
            const bool c1 = c == 0xC2 && i + 1 < bad &&
                            (static_cast<unsigned char>(bytes[i + 1]) & 0xE0) == 0x80;
            if (c < 0x20 || c == 0x7F) {
                hex(c);
            } else if (c1) {
                hex(c);
                hex(static_cast<unsigned char>(bytes[++i]));
            } else {
                out += bytes[i];
            }
        }
        if (bad == bytes.size()) break;
        hex(static_cast<unsigned char>(bytes[bad]));  // one bad byte; the next may start well
        bytes.remove_prefix(bad + 1);
    }
    return out;
}

void read_jsonl(std::istream& in, const std::string& shown, const ReadOptions& options,
                const DocumentSink& on_document, const WarningSink& on_warning) {
    std::unordered_map<std::string, std::size_t> seen;  // id -> the line it was last on
    for_each_record(in, shown, options, on_warning, [&](std::string& line, std::size_t number) {
        const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
        if (object.is_discarded() || !object.is_object()) {
            return skip_line(shown, number, "not a JSON object", {}, options, on_warning);
        }
        Document doc;
        doc.line = number;
        doc.id = string_field(object, "id");
        if (doc.id.empty()) return skip_line(shown, number, "no \"id\"", {}, options, on_warning);
        if (const std::string control = control_character(doc.id); !control.empty()) {
            return skip_line(shown, number, "\"id\" contains a control character (" + control + ")",
                             doc.id, options, on_warning);
        }
        const auto text = object.find("text");
        if (text == object.end() || !text->is_string()) {
            return skip_line(shown, number, "no \"text\" string", doc.id, options, on_warning);
        }
        doc.text = text->get<std::string>();
        doc.title = string_field(object, "title");
        doc.date = string_field(object, "date");
        doc.source = string_field(object, "source");
        doc.url = string_field(object, "url");
        if (!is_blank(doc.date) && !document_day(doc.date)) {
            // Kept searchable: only --since/--until, date sorting and the month facet miss it.
            on_warning(InputError(shown, number,
                                  "date '" + shown_value(doc.date) +
                                      "' not understood (use ISO 8601 YYYY-MM-DD), document "
                                      "indexed undated"));
        }
        emit(std::move(doc), seen, shown, on_document, on_warning);
    });
}

void read_tsv(std::istream& in, const std::string& shown, const ReadOptions& options,
              const DocumentSink& on_document, const WarningSink& on_warning) {
    std::unordered_map<std::string, std::size_t> seen;  // id -> the line it was last on
    for_each_record(in, shown, options, on_warning, [&](std::string& line, std::size_t number) {
        if (line.front() == '#') return;  // a comment
        const auto tab = line.find('\t');
        if (tab == std::string::npos) {
            return skip_line(shown, number, "no tab (expected id<TAB>text)", {}, options,
                             on_warning);
        }
        Document doc;
        doc.line = number;
        doc.id = line.substr(0, tab);
        if (doc.id.empty()) {
            on_warning(InputError(shown, number, "empty id, line skipped"));
            return;  // no document has an empty id: nothing is left unread
        }
        if (const std::string control = control_character(doc.id); !control.empty()) {
            return skip_line(shown, number, "id contains a control character (" + control + ")",
                             doc.id, options, on_warning);
        }
        doc.text = line.substr(tab + 1);
        emit(std::move(doc), seen, shown, on_document, on_warning);
    });
}

}  // namespace fahras::detail
