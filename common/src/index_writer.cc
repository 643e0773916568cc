/** @file
 *  @brief Building and updating a fahras index.
 */
#include "fahras/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <unordered_map>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/tokenize.h"
#include "xapian_glue.h"

namespace fahras {

namespace {

// Xapian refuses terms longer than 245 bytes; the id term is the only one we build whole.
constexpr std::size_t kMaxIdTermBytes = 245;
// Occurrences in one run before a word is added to the spelling table.
constexpr Xapian::termcount kMinSpellingCount = 2;

std::string lower_ascii(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

/** True if @p text, ignoring leading white space, begins with @p title. */
bool starts_with_title(std::string_view text, std::string_view title) {
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text.substr(first).starts_with(title);
}

/** True if @p word has a letter: numbers make no spelling suggestions. */
bool has_letter(std::string_view word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return (c & 0x80) != 0 || (c >= 'a' && c <= 'z'); });
}

}  // namespace

namespace detail {

/** A document with the analysis that does not need the database done: the work that
 *  index_sources() runs in its reading thread. */
struct AnalyzedDocument {
    Document doc;
    std::string title_words;  ///< analysis_text(title), empty without a title
    std::string text_words;   ///< analysis_text(text)
    bool title_in_text;       ///< the text begins with the title (a .txt file's first line)
    std::string data;         ///< the stored fields, serialized
};

namespace {

AnalyzedDocument analyze(Document doc) {
    AnalyzedDocument a;
    a.title_words = analysis_text(doc.title);
    a.text_words = analysis_text(doc.text);
    a.title_in_text = starts_with_title(doc.text, doc.title);
    nlohmann::json data = {
        {schema::kFieldId, doc.id},
        {schema::kFieldTitle, doc.title},
        {schema::kFieldText, doc.text},
    };
    if (!doc.date.empty()) data[schema::kFieldDate] = doc.date;
    if (!doc.source.empty()) data[schema::kFieldSource] = doc.source;
    if (!doc.url.empty()) data[schema::kFieldUrl] = doc.url;
    // Stored text is already valid UTF-8 (the readers repair it); replace, never throw.
    a.data = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    a.doc = std::move(doc);
    return a;
}

}  // namespace

}  // namespace detail

struct IndexWriter::Impl {
    std::string path;
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
    // Spelling data. Xapian's own per-occurrence add_spelling (TermGenerator::FLAG_SPELLING)
    // was the indexer's main cost: words are counted here and handed over once per commit.
    // A word enters the spelling table only once seen twice in the run: words seen once are
    // mostly typos and rare clitic combinations, and are half of all distinct words.
    std::unordered_map<std::string, Xapian::termcount> seen;
    std::unordered_map<std::string, Xapian::termcount> pending;

    /** Counts the words of an analysis text for the spelling table. */
    void count_spellings(std::string_view words) {
        while (!words.empty()) {
            const auto space = words.find(' ');
            const std::string_view word = words.substr(0, space);
            if (has_letter(word)) {
                const Xapian::termcount n = ++seen[std::string(word)];
                if (n >= kMinSpellingCount)
                    pending[std::string(word)] += n == kMinSpellingCount ? n : 1;
            }
            if (space == std::string_view::npos) break;
            words.remove_prefix(space + 1);
        }
    }

    void flush_spellings() {
        for (const auto& [word, count] : pending) db.add_spelling(word, count);
        pending.clear();
    }
};

IndexWriter::IndexWriter(const std::string& path, const IndexOptions& options)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    const int flags = options.mode == OpenMode::Overwrite ? Xapian::DB_CREATE_OR_OVERWRITE
                                                          : Xapian::DB_CREATE_OR_OPEN;
    impl_->db = Xapian::WritableDatabase(path, flags);
    Xapian::WritableDatabase& db = impl_->db;

    const std::string version = std::to_string(kAnalyzerVersion);
    const std::string stemmer(to_string(options.stemmer));
    if (db.get_doccount() > 0) {
        const std::string had_version = db.get_metadata(std::string(schema::kMetaAnalyzer));
        const std::string had_stemmer = db.get_metadata(std::string(schema::kMetaStemmer));
        if (had_version != version || had_stemmer != stemmer) {
            throw IndexVersionError("index '" + path + "' was built with analyzer version '" +
                                    had_version + "' and stemmer '" + had_stemmer +
                                    "', not version '" + version + "' and stemmer '" + stemmer +
                                    "': rebuild it with --overwrite");
        }
    }
    db.set_metadata(std::string(schema::kMetaAnalyzer), version);
    db.set_metadata(std::string(schema::kMetaStemmer), stemmer);

    Xapian::TermGenerator& gen = impl_->generator;
    gen.set_database(db);
    gen.set_stemmer(detail::make_stem(options.stemmer));
    // Only stems, Z-prefixed, with positions: phrases match through clitics and suffixes,
    // and each word costs one term (unstemmed terms too made indexing 25% slower and the
    // index 40% larger). Stop words are indexed like any word, so phrases containing them
    // match; the query parser leaves them out of free-text queries.
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::add(const Document& doc) { add(detail::analyze(doc)); }

void IndexWriter::add(const detail::AnalyzedDocument& analyzed) {
    const Document& doc = analyzed.doc;
    const std::string id_term = std::string(schema::kPrefixId) + doc.id;
    if (doc.id.empty()) throw InputError(doc.id, 0, "empty document id");
    if (id_term.size() > kMaxIdTermBytes) {
        throw InputError(
            doc.id, 0, "document id longer than " + std::to_string(kMaxIdTermBytes - 1) + " bytes");
    }

    Xapian::Document xdoc;
    Xapian::TermGenerator& gen = impl_->generator;
    gen.set_document(xdoc);
    if (!analyzed.title_words.empty()) {
        gen.index_text(analyzed.title_words, 1, std::string(schema::kPrefixTitle));
        // A .txt title is the text's first line: index its words once, not twice.
        if (!analyzed.title_in_text) {
            gen.index_text(analyzed.title_words);
            gen.increase_termpos();
            impl_->count_spellings(analyzed.title_words);
        }
    }
    gen.index_text(analyzed.text_words);
    impl_->count_spellings(analyzed.text_words);

    xdoc.add_boolean_term(id_term);
    if (!doc.source.empty()) {
        xdoc.add_boolean_term(std::string(schema::kPrefixSource) + lower_ascii(doc.source));
    }
    xdoc.add_value(schema::kSlotId, doc.id);
    if (!doc.date.empty()) xdoc.add_value(schema::kSlotDate, doc.date);
    if (!doc.title.empty()) xdoc.add_value(schema::kSlotTitle, doc.title);
    if (!doc.source.empty()) xdoc.add_value(schema::kSlotSource, doc.source);
    if (!doc.url.empty()) xdoc.add_value(schema::kSlotUrl, doc.url);
    xdoc.set_data(analyzed.data);

    impl_->db.replace_document(id_term, xdoc);
}

void IndexWriter::commit() {
    impl_->flush_spellings();
    impl_->db.commit();
}

std::size_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

namespace {

/** What the reading thread hands to the writing thread: a document, or a warning. */
struct Item {
    std::optional<detail::AnalyzedDocument> doc;
    std::optional<InputError> warning;
    std::string source;
};

/** A bounded queue from one reading thread to the writing thread. */
class Pipeline {
  public:
    /** Reading thread: false once the writer has stopped taking items. */
    bool push(Item&& item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return queue_.size() < kCapacity || stopped_; });
        if (stopped_) return false;
        queue_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /** Reading thread: no more items; @p error is the exception that ended it, if any. */
    void finish(std::exception_ptr error) {
        const std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = error;
        not_empty_.notify_one();
    }

    /** Writing thread: the next item, or nullopt at the end (rethrows the reader's error). */
    std::optional<Item> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !queue_.empty() || finished_; });
        if (queue_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return std::nullopt;
        }
        Item item = std::move(queue_.front());
        queue_.pop_front();
        not_full_.notify_one();
        return item;
    }

    /** Writing thread: stop taking items (on an error), releasing a blocked reader. */
    void stop() {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        not_full_.notify_one();
    }

  private:
    static constexpr std::size_t kCapacity = 64;
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<Item> queue_;
    bool finished_ = false;
    bool stopped_ = false;
    std::exception_ptr error_;
};

void read_all(const std::vector<std::string>& sources, Pipeline& pipeline) {
    std::exception_ptr error;
    try {
        bool open = true;
        for (const std::string& source : sources) {
            if (!open) break;
            read_source(
                source,
                [&](Document&& doc) {
                    if (open) open = pipeline.push({detail::analyze(std::move(doc)), {}, source});
                },
                [&](const InputError& e) {
                    if (open) open = pipeline.push({{}, e, source});
                });
        }
    } catch (...) {
        error = std::current_exception();
    }
    pipeline.finish(error);
}

}  // namespace

IndexStats index_sources(const std::string& path, const std::vector<std::string>& sources,
                         const IndexOptions& options, const IndexCallbacks& callbacks) {
    const auto started = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.sources = sources.size();
    IndexWriter writer(path, options);
    const auto warn = [&](const InputError& e) {
        ++stats.warnings;
        if (callbacks.on_warning) callbacks.on_warning(e);
    };

    Pipeline pipeline;
    std::jthread reader([&] { read_all(sources, pipeline); });
    try {
        while (std::optional<Item> item = pipeline.pop()) {
            if (item->warning) {
                warn(*item->warning);
                continue;
            }
            const Document& doc = item->doc->doc;
            try {
                writer.add(*item->doc);
            } catch (const InputError& e) {
                warn(InputError(item->source, 0, std::string("document skipped: ") + e.what()));
                continue;
            }
            ++stats.documents;
            stats.bytes += doc.text.size() + doc.title.size();
            // Small batches keep Xapian's in-memory changes, and so memory and the cost of
            // each addition, bounded.
            if (options.batch_size != 0 && stats.documents % options.batch_size == 0) {
                writer.commit();
            }
            if (callbacks.on_document) callbacks.on_document(doc);
        }
    } catch (...) {
        pipeline.stop();
        throw;
    }
    writer.commit();
    stats.index_size = writer.document_count();
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace fahras
