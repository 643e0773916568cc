/** @file
 *  @brief What the tests of the readers share: reading a source into documents and warnings.
 */
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fahras/corpus.h"

namespace fahras::test {

struct Read {
    std::vector<fahras::Document> docs;
    std::vector<std::string> warnings;
};

inline Read read(const std::string& source, const fahras::ReadOptions& options = {}) {
    Read r;
    fahras::read_source(
        source, options, [&](fahras::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const fahras::InputError& e) { r.warnings.push_back(e.what()); });
    return r;
}

/** 'PATH', built without `"'" + string` (GCC 12 warns about it: a false -Wrestrict). */
inline std::string in_quotes(std::string_view path) {
    std::string q;
    q.push_back('\'');
    q.append(path);
    q.push_back('\'');
    return q;
}

/** The ids of @p docs, in order. */
inline std::vector<std::string> ids(const std::vector<fahras::Document>& docs) {
    std::vector<std::string> out;
    for (const fahras::Document& d : docs) out.push_back(d.id);
    return out;
}

// "عنوان قديم" and a sentence (… بوتين يزور القاهرة …), in two Arabic legacy charsets.
constexpr std::string_view kWindows1256 =
    "\xda\xe4\xe6\xc7\xe4 \xde\xcf\xed\xe3\n\xc7\xe1\xd1\xc6\xed\xd3 \xc7\xe1\xd1\xe6\xd3\xed "
    "\xdd\xe1\xc7\xcf\xed\xe3\xed\xd1 \xc8\xe6\xca\xed\xe4 \xed\xd2\xe6\xd1 "
    "\xc7\xe1\xde\xc7\xe5\xd1\xc9 \xe6\xed\xe1\xca\xde\xed \xe6\xd2\xed\xd1 "
    "\xc7\xe1\xce\xc7\xd1\xcc\xed\xc9 \xdd\xed \xe3\xc4\xca\xe3\xd1 \xd5\xcd\xdd\xed \xda\xe4 "
    "\xc7\xe1\xda\xe1\xc7\xde\xc7\xca \xc8\xed\xe4 \xc7\xe1\xc8\xe1\xcf\xed\xe4.\n";
constexpr std::string_view kIso88596 =
    "\xd9\xe6\xe8\xc7\xe6 \xe2\xcf\xea\xe5\n\xc7\xe4\xd1\xc6\xea\xd3 \xc7\xe4\xd1\xe8\xd3\xea "
    "\xe1\xe4\xc7\xcf\xea\xe5\xea\xd1 \xc8\xe8\xca\xea\xe6 \xea\xd2\xe8\xd1 "
    "\xc7\xe4\xe2\xc7\xe7\xd1\xc9 \xe8\xea\xe4\xca\xe2\xea \xe8\xd2\xea\xd1 "
    "\xc7\xe4\xce\xc7\xd1\xcc\xea\xc9 \xe1\xea \xe5\xc4\xca\xe5\xd1 \xd5\xcd\xe1\xea \xd9\xe6 "
    "\xc7\xe4\xd9\xe4\xc7\xe2\xc7\xca \xc8\xea\xe6 \xc7\xe4\xc8\xe4\xcf\xea\xe6.\n";
constexpr std::string_view kSentence =
    "الرئيس الروسي فلاديمير بوتين يزور القاهرة ويلتقي وزير الخارجية في مؤتمر صحفي عن "
    "العلاقات بين البلدين.\n";

/** UTF-16 bytes of @p text with a byte-order mark, little- or big-endian. */
inline std::string utf16(std::u16string_view text, bool little_endian) {
    std::string bytes = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t unit : text) {
        const char high = static_cast<char>(unit >> 8);
        const char low = static_cast<char>(unit & 0xFF);
        bytes += little_endian ? low : high;
        bytes += little_endian ? high : low;
    }
    return bytes;
}

/** read() that also collects what ReadOptions::on_unread is told, as "SCOPE ID LINE". */
struct ReadWithUnread : Read {
    std::vector<std::string> unread;
};

inline ReadWithUnread read_unread(const std::string& source) {
    ReadWithUnread r;
    fahras::ReadOptions options;
    options.on_unread = [&](const fahras::Unread& u) {
        const char* scope = u.scope == fahras::Unread::Scope::Id     ? "id"
                            : u.scope == fahras::Unread::Scope::Path ? "path"
                                                                     : "source";
        r.unread.push_back(std::string(scope) + " " + u.id + " " + std::to_string(u.line));
    };
    fahras::read_source(
        source, options, [&](fahras::Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const fahras::InputError& e) { r.warnings.push_back(e.what()); });
    return r;
}

}  // namespace fahras::test
