/** @file
 *  @brief Searcher::document: one document's stored fields and whole text, by its id.
 */
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "fahras/schema.h"
#include "fahras/search.h"
#include "search/hits.h"
#include "search/searcher_impl.h"

namespace fahras {

// What fahras-serve needs beside search(): one document by its id (/api/doc, Python's
// Index.doc later).
std::optional<StoredDocument> Searcher::document(std::string_view id) const {
    if (id.empty()) return std::nullopt;  // IndexWriter refuses empty ids
    const std::string term = schema::id_term(id);
    // As search(): read the latest commit, and again if a commit overtakes the read.
    const auto deadline = std::chrono::steady_clock::now() + detail::search_seams().deadline;
    for (;;) {
        try {
            impl_->follow_stubs();
            impl_->db.reopen();
            const Xapian::Database& db = impl_->db;
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                StoredDocument doc = detail::stored_document(db.get_document(*it));
                // The term of a long id is cut and hashed (schema::id_term): the stored id
                // decides.
                if (doc.id == id) return doc;
            }
            return std::nullopt;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (std::chrono::steady_clock::now() >= deadline) throw impl_->changed_too_fast();
        }
    }
}

}  // namespace fahras
