/** @file
 *  @brief What makes an update incremental: recorded states, and the live generation asked.
 */
#include "index/incremental.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

#include "fahras/corpus.h"
#include "fahras/schema.h"
#include "schema/source_keys.h"
#include "schema/terms.h"

namespace fahras::detail {

SourcePath source_path(const std::string& source) {
    std::error_code ec;
    std::string path = std::filesystem::absolute(source, ec).lexically_normal().string();
    if (ec) path = source;
    std::string key = source_path_key(path);
    return {std::move(path), std::move(key)};
}

std::optional<std::string> source_state(const std::string& path, bool warned) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    const auto ns = [](const timespec& t) {
        return std::to_string(static_cast<long long>(t.tv_sec) * 1'000'000'000LL + t.tv_nsec);
    };
    const char* kind = S_ISDIR(st.st_mode) ? "dir" : warned ? "warned" : "file";
    return std::string(kind) + ' ' + std::to_string(st.st_size) + ' ' + ns(st.st_mtim) + ' ' +
           ns(st.st_ctim) + '\t' + path;
}

std::string file_state(const std::string& path) {
    std::string state = source_state(path, false).value_or("");
    // `KIND SIZE MTIME_NS CTIME_NS\tPATH` without KIND and PATH.
    if (const auto tab = state.find('\t'); tab != std::string::npos) {
        state = state.substr(0, tab).substr(state.find(' ') + 1);
    }
    return state;
}

bool is_stream(const std::string& source) {
    if (source == kStandardInput) return true;
    struct stat st {};
    return ::stat(source.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode);
}

bool LiveIndex::records(const std::string& key, const std::string& state) {
    const std::string meta_key = std::string(schema::kMetaSourcePrefix) + key;
    return with([&](Xapian::Database& db) { return db.get_metadata(meta_key); }) == state;
}

std::size_t LiveIndex::documents_of(const std::string& key) {
    const std::string term = std::string(schema::kPrefixSourcePathKey) + key;
    return with([&](Xapian::Database& db) { return db.get_termfreq(term); });
}

bool LiveIndex::holds(const std::string& id) {
    return with([&](Xapian::Database& db) { return db.term_exists(schema::id_term(id)); });
}

std::vector<std::string> LiveIndex::unchanged_file(const std::string& id, const std::string& state,
                                                   const std::string& key) {
    return with([&](Xapian::Database& db) {
        std::vector<std::string> found;
        for (std::size_t part = 1;; ++part) {
            const std::string doc_id = part == 1 ? id : id + "#" + std::to_string(part);
            const std::string term = schema::id_term(doc_id);
            Xapian::PostingIterator p = db.postlist_begin(term);
            if (p == db.postlist_end(term)) break;
            const Xapian::Document old = db.get_document(*p);
            if (old.get_value(schema::kSlotFileState) != state ||
                old.get_value(schema::kSlotSourcePathKey) != key) {
                return std::vector<std::string>{};
            }
            found.push_back(doc_id);
        }
        return found;
    });
}

std::optional<std::string> LiveIndex::unchanged_document(const std::string& id,
                                                         const std::string& hash,
                                                         const std::string& key) {
    const std::string id_term = schema::id_term(id);
    return with([&](Xapian::Database& db) -> std::optional<std::string> {
        Xapian::PostingIterator p = db.postlist_begin(id_term);
        if (p == db.postlist_end(id_term)) return std::nullopt;
        const Xapian::Document old = db.get_document(*p);
        if (old.get_value(schema::kSlotContentHash) != hash ||
            old.get_value(schema::kSlotSourcePathKey) != key) {
            return std::nullopt;
        }
        return old.get_value(schema::kSlotFileState);
    });
}

}  // namespace fahras::detail
