/** @file
 *  @brief The index schema's one computed name: the unique-id term of a document.
 */
#include "fahras/schema.h"

#include <cstdio>

#include "fnv.h"

namespace fahras::schema {

namespace {

constexpr std::size_t kHashDigits = 16;

/** True if @p c is a UTF-8 continuation byte (10xxxxxx): no character begins there. */
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string id_term(std::string_view id) {
    std::string term(kPrefixId);
    if (term.size() + id.size() <= kMaxTermBytes) return term.append(id);
    // Too long for one term: a beginning of the id, readable in xapian-delve and cut between
    // two characters, then a hash of all of it, so that ids differing only near the end
    // still get different terms.
    std::size_t cut = kMaxTermBytes - term.size() - kHashDigits;
    while (cut > 0 && is_continuation(id[cut])) --cut;
    term.append(id.substr(0, cut));
    char hex[kHashDigits + 1];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(detail::fnv1a64(id)));
    return term.append(hex, kHashDigits);
}

}  // namespace fahras::schema
