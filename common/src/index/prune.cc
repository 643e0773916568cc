/** @file
 *  @brief Pruning: what a SOURCE no longer holds, SOURCEs that are gone, the half guard.
 */
#include "index/prune.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "fahras/schema.h"
#include "index/index_dir.h"

namespace fahras::detail {

namespace {

/** The warning that refuses to remove @p gone of the @p total documents of @p source. */
InputError too_much_to_prune(const std::string& source, std::size_t gone, std::size_t total) {
    return InputError(source, 0,
                      "not pruned: would remove " + std::to_string(gone) + " of " +
                          std::to_string(total) +
                          " documents (more than half); use --force-prune if that is intended");
}

/** True if removing @p gone of @p total documents of a SOURCE is refused without
 *  --force-prune: more than half of them (an unmounted mount point reads as empty). */
bool too_much(std::size_t gone, std::size_t total, const IndexOptions& options) {
    return !options.force_prune && gone > 0 && gone * 2 > total;
}

/** The SOURCEs recorded in @p db that no longer exist and were not named in this run
 *  (@p named: their keys): key and path of each. */
std::vector<std::pair<std::string, std::string>> vanished_sources(
    const Xapian::Database& db, const std::unordered_set<std::string>& named) {
    const std::string prefix(schema::kMetaSourcePrefix);
    std::vector<std::pair<std::string, std::string>> gone;  // key, path
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string key = (*k).substr(prefix.size());
        const std::string value = db.get_metadata(*k);
        const auto tab = value.find('\t');
        std::error_code ec;
        if (tab != std::string::npos && !named.contains(key) &&
            !std::filesystem::exists(value.substr(tab + 1), ec) && !ec) {
            gone.emplace_back(key, value.substr(tab + 1));
        }
    }
    return gone;
}

}  // namespace

bool SourceIds::keeps(const std::string& id) const {
    if (read.contains(id) || unread_ids.contains(id)) return true;
    return std::any_of(unread_paths.begin(), unread_paths.end(), [&](const std::string& p) {
        // The path itself, its parts (`p#2`) and everything below it (`p/...`).
        return id.starts_with(p) &&
               (id.size() == p.size() || id[p.size()] == '#' || id[p.size()] == '/');
    });
}

void end_source(Xapian::WritableDatabase& db, SourceEnd& end, Run& run,
                const IndexOptions& options) {
    const std::string meta_key = std::string(schema::kMetaSourcePrefix) + end.state.key;
    if (end.ids) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + end.state.key;
        std::vector<Xapian::docid> gone;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            if (!end.ids->keeps(db.get_document(*p).get_value(schema::kSlotId))) {
                gone.push_back(*p);
            }
        }
        const std::size_t total = db.get_termfreq(term);
        if (too_much(gone.size(), total, options)) {
            run.not_pruned(too_much_to_prune(end.source, gone.size(), total));
            end.ids.reset();  // a source that is gone keeps its record: the next run asks again
        } else {
            if (!gone.empty()) fault_point("prune");
            for (const Xapian::docid id : gone) db.delete_document(id);
            run.removed(gone.size());
        }
    }
    if (!end.state.value.empty()) {
        db.set_metadata(meta_key, end.state.value);
    } else if (end.ids) {
        db.set_metadata(meta_key, "");  // a source that is gone, pruned: deletes the key
    }
}

std::size_t prune_vanished_sources(Xapian::WritableDatabase& db,
                                   const std::vector<std::string>& sources,
                                   const IndexOptions& options, Run& run) {
    fault_point("prune");
    std::unordered_set<std::string> named;
    for (const std::string& source : sources) named.insert(source_path(source).key);
    std::size_t removed = 0;
    for (const auto& [key, path] : vanished_sources(db, named)) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + key;
        const std::size_t count = db.get_termfreq(term);
        if (too_much(count, count, options)) {
            // An unmounted network path looks gone too: its record stays, asked again.
            run.not_pruned(too_much_to_prune(path, count, count));
            continue;
        }
        removed += count;
        db.delete_document(term);
        db.set_metadata(std::string(schema::kMetaSourcePrefix) + key, "");
    }
    if (removed != 0) db.set_metadata(std::string(schema::kMetaVariantsStale), "1");
    db.commit();
    return removed;
}

}  // namespace fahras::detail
