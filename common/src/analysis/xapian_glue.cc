/** @file
 *  @brief Internal: the analyzer as Xapian sees it (stemmer and stopper objects).
 */
#include "analysis/xapian_glue.h"

#include <string>
#include <unordered_map>

namespace fahras::detail {

namespace {

class AnalyzerStem : public Xapian::StemImplementation {
  public:
    explicit AnalyzerStem(StemmerKind kind) : analyzer_(kind) {}

    std::string operator()(const std::string& word) override {
        // Word frequencies are Zipfian: most calls are for a few thousand words.
        if (const auto it = cache_.find(word); it != cache_.end()) return it->second;
        if (cache_.size() >= kCacheLimit) cache_.clear();
        return cache_.emplace(word, analyzer_.stem(word)).first->second;
    }

    std::string get_description() const override {
        return "fahras-" + std::string(to_string(analyzer_.kind()));
    }

  private:
    static constexpr std::size_t kCacheLimit = 200000;
    Analyzer analyzer_;
    std::unordered_map<std::string, std::string> cache_;
};

class StopWords : public Xapian::Stopper {
  public:
    bool operator()(const std::string& word) const override { return is_stop_word(word); }
    std::string get_description() const override { return "fahras-stopwords"; }
};

}  // namespace

Xapian::Stem make_stem(StemmerKind kind) {
    // Xapian::Stem takes ownership of the implementation (reference counted).
    return Xapian::Stem(new AnalyzerStem(kind));
}

const Xapian::Stopper* stopper() {
    static const StopWords words;
    return &words;
}

}  // namespace fahras::detail
