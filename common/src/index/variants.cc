/** @file
 *  @brief The spelling-variant groups of an index, rewritten from its stems.
 */
#include "index/variants.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/schema.h"
#include "index/index_dir.h"
#include "schema/terms.h"

namespace fahras::detail {

void update_variants(Xapian::WritableDatabase& db) {
    fault_point("variants");
    std::vector<std::string> old_keys(db.synonym_keys_begin(std::string(schema::kPrefixVariant)),
                                      db.synonym_keys_end(std::string(schema::kPrefixVariant)));
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    std::unordered_map<std::string, std::vector<std::string>> groups;
    const std::string stems(schema::kPrefixStem);
    for (auto t = db.allterms_begin(stems); t != db.allterms_end(stems); ++t) {
        const std::string& term = *t;
        const std::optional<std::string_view> stem = text_stem(term);
        if (!stem) continue;
        const std::string key = variant_key(*stem);
        if (!key.empty()) groups[key].push_back(term);
    }
    for (const auto& [key, members] : groups) {
        if (members.size() < 2) continue;
        const std::string synonym_key = std::string(schema::kPrefixVariant) + key;
        for (const std::string& m : members) db.add_synonym(synonym_key, m);
    }
    db.set_metadata(std::string(schema::kMetaVariantsStale), "");  // deletes the key
}

}  // namespace fahras::detail
