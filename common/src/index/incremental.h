/** @file
 *  @brief Internal: what makes an update incremental: the state recorded of a SOURCE and of
 *  a file, and the live generation asked whether a SOURCE, file or document is unchanged.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace fahras::detail {

/** A SOURCE as the index knows it: its absolute path, and its key (source_path_key). */
struct SourcePath {
    std::string path;
    std::string key;  ///< 16 hex digits: schema::kMetaSourcePrefix, kPrefixSourcePathKey
};

/** @p source (as named) made absolute, with its key. */
[[nodiscard]] SourcePath source_path(const std::string& source);

/** What the last run recorded of one SOURCE, or is to record of it
 *  (schema::kMetaSourcePrefix). */
struct SourceState {
    std::string key;    ///< the source key: 16 hex digits
    std::string value;  ///< `KIND SIZE MTIME_NS CTIME_NS\tPATH`
};

/** What is recorded of SOURCE @p path now: `KIND SIZE MTIME_NS CTIME_NS\tPATH` (KIND: `dir`,
 *  `file`, or `warned` for a file that gave warnings), or nothing if it cannot be stat'ed. */
[[nodiscard]] std::optional<std::string> source_state(const std::string& path, bool warned);

/** What a document read from file @p path stores of it (schema::kSlotFileState):
 *  `SIZE MTIME_NS CTIME_NS`, or empty if it cannot be stat'ed. */
[[nodiscard]] std::string file_state(const std::string& path);

/** True if SOURCE @p source is standard input or a file that is neither regular nor a
 *  directory (a pipe, `<(zcat a.jsonl.gz)`): what it holds changes from run to run. */
[[nodiscard]] bool is_stream(const std::string& source);

/** The live generation, as the reading thread of an update sees it: each question is asked
 *  again of the database reopened whenever the writer's commits overtake it
 *  (Xapian::DatabaseModifiedError). */
class LiveIndex {
  public:
    explicit LiveIndex(const std::string& path) : db_(path) {}

    /** True if the index records @p state of the SOURCE with key @p key (a file's, as
     *  source_state() gives it: an unchanged file, read without a warning last time). */
    [[nodiscard]] bool records(const std::string& key, const std::string& state);

    /** The documents the index holds of the SOURCE with key @p key. */
    [[nodiscard]] std::size_t documents_of(const std::string& key);

    /** True if the index holds a document with id @p id. */
    [[nodiscard]] bool holds(const std::string& id);

    /** The ids of the documents of the file whose first document has id @p id (then `id#2`,
     *  `id#3`... for the parts of a long file), if the index holds it and every one stores
     *  file state @p state and SOURCE key @p key; empty otherwise. */
    [[nodiscard]] std::vector<std::string> unchanged_file(const std::string& id,
                                                          const std::string& state,
                                                          const std::string& key);

    /** The file state stored with the document @p id if the index holds it with content hash
     *  @p hash and SOURCE key @p key (the same document); nothing otherwise. */
    [[nodiscard]] std::optional<std::string> unchanged_document(const std::string& id,
                                                                const std::string& hash,
                                                                const std::string& key);

  private:
    /** @p f(db_), asked again of the database reopened if the writer overtook it. */
    template <typename F>
    auto with(F&& f) {
        for (int attempt = 0;; ++attempt) {
            try {
                return f(db_);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 10) throw;
                db_.reopen();
            }
        }
    }

    Xapian::Database db_;
};

}  // namespace fahras::detail
