/** @file
 *  @brief The index schema's computed names: terms of document fields, bounded for Xapian.
 */
#include "fahras/schema.h"

#include <cstdio>

#include "util/fnv.h"

namespace fahras::schema {

namespace {

constexpr std::size_t kHashDigits = 16;

/** True if @p c is a UTF-8 continuation byte (10xxxxxx): no character begins there. */
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (term.size() + value.size() <= kMaxTermBytes) return term.append(value);
    // Too long for one term: a beginning of the value, readable in xapian-delve and cut
    // between two characters, then a hash of all of it, so that values differing only near
    // the end still get different terms.
    std::size_t cut = kMaxTermBytes - term.size() - kHashDigits;
    while (cut > 0 && is_continuation(value[cut])) --cut;
    term.append(value.substr(0, cut));
    char hex[kHashDigits + 1];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(detail::fnv1a64(value)));
    return term.append(hex, kHashDigits);
}

std::string id_term(std::string_view id) { return bounded_term(kPrefixId, id); }

std::string source_term(std::string_view key) { return bounded_term(kPrefixSource, key); }

}  // namespace fahras::schema
