/** @file
 *  @brief The index schema's computed names: terms of document fields, bounded for Xapian, and
 *  the terms of stems.
 */
#include "schema/terms.h"

#include "fahras/schema.h"
#include "util/hash.h"
#include "util/utf8.h"

namespace fahras::schema {

std::string bounded_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (term.size() + value.size() <= kMaxTermBytes) return term.append(value);
    // Too long for one term: a beginning of the value, readable in xapian-delve and cut
    // between two characters, then a hash of all of it, so that values differing only near
    // the end still get different terms.
    std::size_t cut = kMaxTermBytes - term.size() - detail::kHex64Digits;
    while (cut > 0 && detail::is_utf8_continuation(value[cut])) --cut;
    term.append(value.substr(0, cut));
    return term.append(detail::fnv1a64_hex(value));
}

std::string id_term(std::string_view id) { return bounded_term(kPrefixId, id); }

std::string source_term(std::string_view key) { return bounded_term(kPrefixSource, key); }

}  // namespace fahras::schema

namespace fahras::detail {

std::string text_term(std::string_view stem) {
    std::string term(schema::kPrefixStem);
    term += stem;
    return term;
}

std::string title_term(std::string_view stem) {
    std::string term(schema::kPrefixStem);
    term += schema::kPrefixTitle;
    term += stem;
    return term;
}

std::optional<std::string_view> title_stem(std::string_view term) {
    if (!term.starts_with(schema::kPrefixStem)) return std::nullopt;
    term.remove_prefix(schema::kPrefixStem.size());
    if (!term.starts_with(schema::kPrefixTitle)) return std::nullopt;
    return term.substr(schema::kPrefixTitle.size());
}

std::optional<std::string_view> text_stem(std::string_view term) {
    // Stems are lower-case: a capital after Z can only be a field prefix (S for titles).
    if (!term.starts_with(schema::kPrefixStem) || term.size() == schema::kPrefixStem.size()) {
        return std::nullopt;
    }
    const char next = term[schema::kPrefixStem.size()];
    if (next >= 'A' && next <= 'Z') return std::nullopt;
    return term.substr(schema::kPrefixStem.size());
}

}  // namespace fahras::detail
