/** @file
 *  @brief Internal: what goes from the reading thread of an index_sources() run to a writing
 *  thread (Item), and the bounded queue it goes through (Queue).
 */
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "index/analyzed_document.h"
#include "index/prune.h"
#include "index/run.h"

namespace fahras::detail {

/** A document to write. */
struct NewDocument {
    AnalyzedDocument doc;  ///< analyzed if `analyzed`, else only doc.doc is set (and the keys)
    bool analyzed = false;
    Change change = Change::Added;
    std::string source;  ///< the SOURCE it was read from, as named: for warnings
};

/** Updating, a document found unchanged in a file touched since: only its new file state is
 *  stored (schema::kSlotFileState), so that the next run skips the file. */
struct FileStateRefresh {
    std::string id;
    std::string file_state;
};

/** An item on its way from the reading thread to a writing thread: a document, a file state
 *  to store, or the end of a SOURCE (after all its documents). */
using Item = std::variant<NewDocument, FileStateRefresh, SourceEnd>;

/** A bounded queue from the reading thread to one writing thread. */
class Queue {
  public:
    /** Reading thread: false once the writer has stopped taking items. */
    bool push(Item&& item);
    /** Reading thread: no more items. */
    void finish();
    /** Writing thread: the next item, or nullopt once the queue is finished or stopped. */
    std::optional<Item> pop();
    /** Either side, on an error: everybody stops waiting. */
    void stop();

  private:
    static std::size_t size_of(const Item& item);

    // Room for many documents: while one writer commits (seconds), the reading thread keeps
    // feeding the others. With 64, it waited on the committing writer's full queue and the
    // other writer ran dry (70,108 articles on 2 cores: 148 % CPU, 72 s; now 178 %, 62 s).
    // The bytes still bound the memory.
    static constexpr std::size_t kCapacity = 1024;
    static constexpr std::size_t kCapacityBytes = std::size_t{64} << 20;
    std::size_t bytes_ = 0;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<Item> items_;
    bool finished_ = false;
    bool stopped_ = false;
};

}  // namespace fahras::detail
