/** @file
 *  @brief When a writer commits: after a number of documents or bytes of text (Batch).
 */
#pragma once

#include <cstddef>

#include "fahras/index_writer.h"

namespace fahras {

/** When a writer commits a batch: after IndexOptions::batch_size documents or batch_bytes of
 *  their titles and text, whichever comes first (0: no such limit). index_sources()'s writers
 *  count with it; so may a program that adds documents with an IndexWriter, as the Python
 *  module's fahras.index() does, to commit as fahras-index does.
 *
 *  **Example**
 *  @code
 *  fahras::Batch batch(options);
 *  for (const fahras::Document& doc : docs) {
 *      writer.add(doc);
 *      if (batch.full_after(doc.title.size() + doc.text.size())) writer.commit();
 *  }
 *  writer.commit();
 *  @endcode
 */
class Batch {
  public:
    explicit Batch(const IndexOptions& options)
        : max_documents_(options.batch_size), max_bytes_(options.batch_bytes) {}

    /** Counts one document of @p bytes of title and text; true if that fills the batch, and
     *  then the next document starts a new one. */
    [[nodiscard]] bool full_after(std::size_t bytes) {
        ++documents_;
        bytes_ += bytes;
        if ((max_documents_ != 0 && documents_ >= max_documents_) ||
            (max_bytes_ != 0 && bytes_ >= max_bytes_)) {
            documents_ = 0;
            bytes_ = 0;
            return true;
        }
        return false;
    }

  private:
    std::size_t max_documents_;
    std::size_t max_bytes_;
    std::size_t documents_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace fahras
