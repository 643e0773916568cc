/** @file
 *  @brief Internal: the analyzer as Xapian sees it (stemmer and stopper objects).
 */
#include "analysis/xapian_glue.h"

#include <string>
#include <unordered_map>

#include "fahras/schema.h"

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

std::string text_term(std::string_view stem) {
    std::string term(schema::kPrefixStem);
    term += stem;
    return term;
}

std::string title_term(std::string_view stem) {
    std::string term(schema::kPrefixStem);
    term += schema::kPrefixTitle;
    term += stem;
    return term;
}

std::optional<std::string_view> title_stem(std::string_view term) {
    if (!term.starts_with(schema::kPrefixStem)) return std::nullopt;
    term.remove_prefix(schema::kPrefixStem.size());
    if (!term.starts_with(schema::kPrefixTitle)) return std::nullopt;
    return term.substr(schema::kPrefixTitle.size());
}

std::optional<std::string_view> text_stem(std::string_view term) {
    // Stems are lower-case: a capital after Z can only be a field prefix (S for titles).
    if (!term.starts_with(schema::kPrefixStem) || term.size() == schema::kPrefixStem.size()) {
        return std::nullopt;
    }
    const char next = term[schema::kPrefixStem.size()];
    if (next >= 'A' && next <= 'Z') return std::nullopt;
    return term.substr(schema::kPrefixStem.size());
}

const Xapian::Stopper* stopper() {
    static const StopWords words;
    return &words;
}

}  // namespace fahras::detail
