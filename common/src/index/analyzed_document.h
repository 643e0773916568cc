/** @file
 *  @brief Internal: a document with the analysis that needs no database (AnalyzedDocument).
 */
#pragma once

#include <string>

#include "analysis/words.h"
#include "fahras/corpus.h"

namespace fahras::detail {

/** A document with the analysis that does not need the database done: the work that
 *  index_sources() runs in its reading thread when it has one writer, and each writer
 *  otherwise (index/pipeline.cc). */
struct AnalyzedDocument {
    Document doc;
    WordList title_words;         ///< the title's words (tokenize), none without a title
    WordList text_words;          ///< the text's words (tokenize)
    bool title_in_text = false;   ///< the text begins with the title (a .txt file's first line)
    std::string data;             ///< the stored fields, serialized
    std::string content_hash;     ///< schema::kSlotContentHash, if known
    std::string source_path_key;  ///< schema::kPrefixSourcePathKey's key, if read from a SOURCE
    std::string file_state;       ///< schema::kSlotFileState, if read from a directory
    std::string day;              ///< document_day(doc.date), empty if it has none
};

/** @p doc analyzed: its words, its day and its stored text (not its content hash, nor what
 *  its SOURCE gives: the reader sets those).
 *  @throws fahras::Error if ICU fails. */
[[nodiscard]] AnalyzedDocument analyze(Document doc);

/** The content hash of @p doc (schema::kSlotContentHash): every stored field, hashed with the
 *  one stable hash (util/hash.h), 16 hex digits. An update compares it with the one stored
 *  to leave an unchanged document unanalyzed. */
[[nodiscard]] std::string content_hash(const Document& doc);

}  // namespace fahras::detail
