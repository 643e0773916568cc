/** @file
 *  @brief The keys of a source: the form of its name that the index holds (a document's
 *  source field), and the key of the SOURCE's path that a document was read from.
 */
#include "schema/source_keys.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

#include "fahras/fields.h"
#include "fahras/normalize.h"
#include "util/hash.h"

namespace fahras {

std::string source_name_key(std::string_view name) {
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

namespace detail {

std::string source_path_key(std::string_view absolute_path) { return fnv1a64_hex(absolute_path); }

}  // namespace detail

}  // namespace fahras
