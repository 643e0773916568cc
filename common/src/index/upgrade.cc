/** @file
 *  @brief Internal: what an update does first to an index an older fahras wrote.
 */
#include "index/upgrade.h"

#include <string>
#include <utility>
#include <vector>

#include "fahras/schema.h"
#include "schema/source_keys.h"

namespace fahras::detail {

namespace {

/** Re-keys the documents and the record of the SOURCE recorded under @p old_key as
 *  @p new_key; @p record is its recorded state. */
void move_source(Xapian::WritableDatabase& db, const std::string& old_key,
                 const std::string& new_key, const std::string& record) {
    const std::string old_term = std::string(schema::kPrefixSourcePathKey) + old_key;
    const std::string new_term = std::string(schema::kPrefixSourcePathKey) + new_key;
    // The documents first: the posting list is not to change while it is read.
    const std::vector<Xapian::docid> docs(db.postlist_begin(old_term), db.postlist_end(old_term));
    for (const Xapian::docid id : docs) {
        Xapian::Document doc = db.get_document(id);
        doc.remove_term(old_term);
        doc.add_boolean_term(new_term);
        doc.add_value(schema::kSlotSourcePathKey, new_key);
        db.replace_document(id, doc);
    }
    const std::string prefix(schema::kMetaSourcePrefix);
    // A record under the new key is a later run's: it stays.
    if (db.get_metadata(prefix + new_key).empty()) db.set_metadata(prefix + new_key, record);
    db.set_metadata(prefix + old_key, "");  // deletes the key
    db.commit();
}

}  // namespace

std::size_t upgrade_source_keys(Xapian::WritableDatabase& db) {
    const std::string prefix(schema::kMetaSourcePrefix);
    std::vector<std::pair<std::string, std::string>> moves;  // old key, record
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        std::string record = db.get_metadata(*k);
        const auto tab = record.find('\t');
        if (tab == std::string::npos) continue;  // not a record this fahras writes
        const std::string old_key = (*k).substr(prefix.size());
        if (source_path_key(std::string_view(record).substr(tab + 1)) != old_key) {
            moves.emplace_back(old_key, std::move(record));
        }
    }
    for (const auto& [old_key, record] : moves) {
        move_source(db, old_key, source_path_key(record.substr(record.find('\t') + 1)), record);
    }
    return moves.size();
}

}  // namespace fahras::detail
