/** @file
 *  @brief The bounded queue from the reading thread to a writing thread.
 */
#include "index/queue.h"

#include <utility>

namespace fahras::detail {

bool Queue::push(Item&& item) {
    std::unique_lock lock(mutex_);
    // Bounded in bytes too: a large file comes as many large parts (ReadOptions).
    not_full_.wait(
        lock, [&] { return (items_.size() < kCapacity && bytes_ < kCapacityBytes) || stopped_; });
    if (stopped_) return false;
    bytes_ += size_of(item);
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
}

void Queue::finish() {
    const std::lock_guard lock(mutex_);
    finished_ = true;
    not_empty_.notify_one();
}

std::optional<Item> Queue::pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || finished_ || stopped_; });
    if (items_.empty() || stopped_) return std::nullopt;
    Item item = std::move(items_.front());
    items_.pop_front();
    bytes_ -= size_of(item);
    not_full_.notify_one();
    return item;
}

void Queue::stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    not_full_.notify_all();
    not_empty_.notify_all();
}

std::size_t Queue::size_of(const Item& item) {
    const auto* document = std::get_if<NewDocument>(&item);
    if (document == nullptr) return 0;
    const AnalyzedDocument& doc = document->doc;
    return doc.doc.text.size() + doc.text_words.bytes() + doc.data.size();
}

}  // namespace fahras::detail
