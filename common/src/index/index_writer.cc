/** @file
 *  @brief Building and updating a fahras index.
 */
#include "fahras/index_writer.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "analysis/utf8.h"
#include "analysis/words.h"
#include "analysis/xapian_glue.h"
#include "fahras/analyzer.h"
#include "fahras/batch.h"
#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/tokenize.h"
#include "index/index_dir.h"
#include "index/upgrade.h"
#include "index/variants.h"
#include "schema/metadata.h"
#include "schema/source_keys.h"
#include "schema/stored_fields.h"
#include "schema/terms.h"
#include "util/hash.h"
#include "util/xapian_errors.h"

namespace fahras {

namespace {

// Occurrences in one run before a word is added to the spelling table.
constexpr Xapian::termcount kMinSpellingCount = 3;
// Xapian's TermGenerator default: increase_termpos() leaves this gap. (Its other default,
// words longer than kMaxWordBytes are not indexed, is in analyzer.h: the searcher uses it.)
constexpr Xapian::termpos kTitleGap = 100;
// Distinct words whose terms IndexWriter keeps (it starts again when full).
constexpr std::size_t kTermsCacheLimit = 200000;
// Distinct words counted for the spelling table beyond which IndexWriter::add commits: the
// counts are held until a commit, and a long run meets words without end (names, typos).
constexpr std::size_t kMaxPendingSpellings = 100000;

/** True if @p text, ignoring leading white space, begins with @p title. */
bool starts_with_title(std::string_view text, std::string_view title) {
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text.substr(first).starts_with(title);
}

/** The content hash of @p doc: every stored field, hashed with the one stable hash
 *  (util/hash.h). (Indexes written before it hold std::hash values: each document they
 *  hold is analyzed once again when it is read, nothing worse; docs/changelog.md.) */
std::string content_hash(const Document& doc) {
    std::string all;
    all.reserve(doc.id.size() + doc.title.size() + doc.text.size() + doc.date.size() +
                doc.source.size() + doc.url.size() + 5);
    for (const std::string* field :
         {&doc.id, &doc.title, &doc.text, &doc.date, &doc.source, &doc.url}) {
        all.append(*field).push_back('\0');
    }
    // A day that only document_day reads (an RFC 2822 or day-first date), so that a document
    // indexed undated before it could read the form is analyzed again, and only such one.
    if (!doc.date.empty() && !iso_day(doc.date)) {
        if (const std::optional<std::string> day = document_day(doc.date)) all.append(*day);
    }
    return detail::fnv1a64_hex(all);
}

/** True if @p word has a letter: numbers make no spelling suggestions. */
bool has_letter(std::string_view word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return (c & 0x80) != 0 || (c >= 'a' && c <= 'z'); });
}

/** True if Xapian's TermGenerator makes exactly one term of @p word (a word of an analysis
 *  text), the word itself: every code point is a word character already in lower case, and
 *  any '.' is a decimal point (the tokenizer keeps it only between digits). */
bool is_one_term(std::string_view word) {
    for (std::size_t i = 0; i < word.size();) {
        const auto b = static_cast<unsigned char>(word[i]);
        if (b < 0x80) {
            if (!detail::is_ascii_word_byte(b)) return false;
            ++i;
            continue;
        }
        const std::int32_t c = detail::next_code_point(word, i);
        if (c < 0) return false;
        // ARABIC LETTER HAMZA .. ARABIC LETTER YEH: word characters without case.
        if (c >= 0x0621 && c <= 0x064A) continue;
        const auto u = static_cast<unsigned>(c);
        if (!Xapian::Unicode::is_wordchar(u) || Xapian::Unicode::tolower(u) != u) return false;
    }
    return true;
}

/** Hash for string keys looked up by std::string_view (no temporary string). */
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace

namespace detail {

/** A document with the analysis that does not need the database done: the work that
 *  index_sources() runs in its reading thread. */
struct AnalyzedDocument {
    Document doc;
    std::string title_words;      ///< analysis_text(title), empty without a title
    std::string text_words;       ///< analysis_text(text)
    bool title_in_text = false;   ///< the text begins with the title (a .txt file's first line)
    std::string data;             ///< the stored fields, serialized
    std::string content_hash;     ///< schema::kSlotContentHash, if known
    std::string source_path_key;  ///< schema::kPrefixSourcePathKey's key, if read from a SOURCE
    std::string file_state;       ///< schema::kSlotFileState, if read from a directory
    std::string day;              ///< document_day(doc.date), empty if it has none
};

namespace {

AnalyzedDocument analyze(Document doc) {
    AnalyzedDocument a;
    a.title_words = analysis_text(doc.title);
    a.text_words = analysis_text(doc.text);
    a.title_in_text = starts_with_title(doc.text, doc.title);
    a.day = document_day(doc.date).value_or("");
    // Only the text: the other fields are value slots already (IndexWriter::add).
    a.data = detail::pack_text(doc.text);
    a.doc = std::move(doc);
    return a;
}

}  // namespace

/** What makes IndexWriter's internal constructor callable (WriterAccess::open). */
struct InternalWriter {
    std::string shown;  ///< the index directory, as the user named it, for messages
};

}  // namespace detail

namespace {

/** The stemmer the live database @p live records: what a rebuild keeps unless told
 *  otherwise. Light if there is none, or none can be read (a rebuild is how a damaged
 *  index is replaced). */
StemmerKind live_stemmer(const std::string& live) {
    if (live.empty()) return StemmerKind::Light;
    try {
        return detail::known_stemmer(detail::recorded_analysis(Xapian::Database(live)))
            .value_or(StemmerKind::Light);
    } catch (const Xapian::Error&) {
        return StemmerKind::Light;
    }
}

/** The stemmer to write @p db with: @p wanted, or else the one @p db records (@p fallback if
 *  none). @throws IndexVersionError if @p db holds documents analyzed otherwise: by another
 *  analyzer version, or with another stemmer than @p wanted; @p shown names the index. */
StemmerKind check_version(const Xapian::Database& db, const std::string& shown,
                          std::optional<StemmerKind> wanted,
                          StemmerKind fallback = StemmerKind::Light) {
    const detail::RecordedAnalysis recorded = detail::recorded_analysis(db);
    if (db.get_doccount() == 0) {
        return wanted ? *wanted : detail::known_stemmer(recorded).value_or(fallback);
    }
    const std::string index = "index '" + shown + "'";
    detail::check_analyzer_version(
        recorded,
        {.subject = index,
         .program = "fahras",
         .not_fahras = index + " holds documents but no fahras analyzer version: it was not "
                               "built by fahras; move it away, or --rebuild to replace it",
         .other_version = "rebuild it with --rebuild",
         // Rebuilding would be a downgrade, which the user should choose knowingly.
         .newer_version = "use that fahras, or --rebuild to downgrade the index on purpose"});
    return detail::check_wanted_stemmer(recorded, wanted, index);
}

}  // namespace

struct IndexWriter::Impl {
    // The index, as the user named it: what Xapian's errors name (detail::rethrow_index_error).
    std::string shown;
    // A public writer's directory: its lock, held until the database is closed (members are
    // destroyed last to first).
    std::unique_ptr<detail::IndexDir> dir;
    // A new generation that the first commit() makes live; empty once it is (or in place).
    std::string unpublished;
    Xapian::WritableDatabase db;
    // Since the last commit: documents added (or replaced), and the count at that commit
    // (documents removed through WriterAccess::db change it): what schema::kMetaVariantsStale
    // must record in the next commit.
    bool changed = false;
    Xapian::doccount committed_count = 0;
    Analyzer analyzer;
    // Only for the rare word that is not one term as it stands (see text_terms).
    Xapian::TermGenerator generator;
    /** The text terms of one word, and whether they are written with their position. */
    struct WordTerms {
        std::vector<std::string> terms;
        bool positional = true;
        bool spelled = false;        ///< has a letter: a candidate for the spelling table
        Xapian::termcount seen = 0;  ///< occurrences not yet counted in `seen`
    };
    // Word -> its text terms ("Z" + stem), so that each distinct word is stemmed once.
    // Word frequencies are Zipfian: a bounded cache catches nearly every lookup.
    StringMap<WordTerms> terms_cache;
    // Spelling data. Xapian's own per-occurrence add_spelling (TermGenerator::FLAG_SPELLING)
    // was the indexer's main cost, and adding words batch by batch still cost 40% of the
    // run: words are counted here and handed over at commit() (which add() calls itself past
    // kMaxPendingSpellings distinct words, to keep this memory bounded). Only words seen
    // kMinSpellingCount times go in: rarer ones are mostly typos and rare clitic
    // combinations, and words seen once or twice are 57% of all distinct words (10,000 news
    // articles); a suggestion should be a common word anyway.
    StringMap<Xapian::termcount> seen;

    /** Moves the spelling counts kept in terms_cache (one lookup a word, not two) to `seen`. */
    void gather_spellings() {
        for (auto& [word, terms] : terms_cache) {
            if (terms.seen == 0) continue;
            if (const auto it = seen.find(word); it != seen.end()) {
                it->second += terms.seen;
            } else {
                seen.emplace(word, terms.seen);
            }
            terms.seen = 0;
        }
    }

    /** Opens @p database for writing (@p flags: Xapian's), with the stemmer @p options asks
     *  for or the index records (@p fallback if none); @p shown names the index. */
    void open(const std::string& database, int flags, const IndexOptions& options,
              const std::string& shown, StemmerKind fallback = StemmerKind::Light) {
        this->shown = shown;
        db = detail::open_writable(database, flags, shown);
        const StemmerKind kind = check_version(db, shown, options.stemmer, fallback);
        committed_count = db.get_doccount();
        detail::record_analysis(db, kind);
        analyzer = Analyzer(kind);
        generator.set_stemmer(detail::make_stem(kind));
        // Only stems, Z-prefixed, with positions: phrases match through clitics and
        // suffixes, and each word costs one term (unstemmed terms too made indexing 25%
        // slower and the index 40% larger). Stop words and title-field terms are indexed
        // without positions (add_words). IndexWriter::add writes the same terms and
        // positions as this term generator would over the words that are not stop words,
        // but itself.
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    }

    /** Before a commit (or the close that commits): documents removed since the last one
     *  leave the variant groups stale too. */
    void mark_removals() {
        if (!changed && db.get_doccount() != committed_count) {
            db.set_metadata(std::string(schema::kMetaVariantsStale), "1");
            changed = true;
        }
    }

    /** Commits what was written, documents and schema::kMetaVariantsStale together. */
    void commit_all() {
        mark_removals();
        db.commit();
        changed = false;
        committed_count = db.get_doccount();
    }

    void flush_spellings() {
        gather_spellings();
        for (const auto& [word, count] : seen) {
            if (count >= kMinSpellingCount) db.add_spelling(word, count);
        }
        seen.clear();
    }

    /** The text terms of one word of an analysis text, in order: what Xapian's
     *  TermGenerator (STEM_ALL_Z) indexes for it, without running its tokenizer again. */
    WordTerms& text_terms(std::string_view word) {
        if (const auto it = terms_cache.find(word); it != terms_cache.end()) return it->second;
        if (terms_cache.size() >= kTermsCacheLimit) {
            gather_spellings();
            terms_cache.clear();
        }
        std::vector<std::string> terms;
        if (is_one_term(word)) {
            // TermGenerator skips words longer than its limit, and empty stems.
            if (word.size() <= kMaxWordBytes) {
                std::string stem = analyzer.stem(word);
                if (!stem.empty()) terms.push_back(detail::text_term(stem));
            }
        } else {
            // Upper case, or letters Xapian does not count as word characters: let the term
            // generator split and lower-case the word as it always has.
            Xapian::Document scratch;
            generator.set_document(scratch);
            generator.index_text(std::string(word));
            std::vector<std::pair<Xapian::termpos, std::string>> by_position;
            for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
                for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
                    by_position.emplace_back(*p, *t);
                }
            }
            std::sort(by_position.begin(), by_position.end());
            for (auto& [position, term] : by_position) terms.push_back(std::move(term));
        }
        // Xapian refuses a term over its limit, and throws away every document since the last
        // commit with it: none may reach it, a title term ("ZS" + stem) included.
        std::erase_if(terms, [](const std::string& term) {
            return term.size() + schema::kPrefixTitle.size() > schema::kMaxTermBytes;
        });
        // Stop words are indexed without positions (docs/index-layout.md): they are a fifth of
        // all words, and phrases are matched without them (query_text).
        const bool positional = !is_stop_word(word);
        // A word that is not indexed is no suggestion; a long one would be a spelling key
        // longer than Xapian's 255 bytes, which failed the commit and so every run.
        const bool spelled = has_letter(word) && word.size() <= kMaxWordBytes;
        return terms_cache.emplace(word, WordTerms{std::move(terms), positional, spelled})
            .first->second;
    }

    /** Adds the terms of the words of @p words (an analysis text) to @p doc at positions
     *  after @p pos, which it advances; with a non-empty @p field_prefix as field terms
     *  ("Z" + prefix + stem). */
    void add_words(Xapian::Document& doc, std::string_view words, std::string_view field_prefix,
                   Xapian::termpos& pos, bool count_spellings) {
        std::string field_term;
        while (!words.empty()) {
            const auto space = words.find(' ');
            const std::string_view word = words.substr(0, space);
            words.remove_prefix(space == std::string_view::npos ? words.size() : space + 1);
            WordTerms& word_terms = text_terms(word);
            if (count_spellings && word_terms.spelled) ++word_terms.seen;
            for (const std::string& term : word_terms.terms) {
                const std::string* add = &term;
                if (!field_prefix.empty()) {
                    const std::string_view stem =
                        std::string_view(term).substr(schema::kPrefixStem.size());
                    field_term.clear();
                    for (const std::string_view part : {schema::kPrefixStem, field_prefix, stem}) {
                        field_term.append(part.data(), part.size());
                    }
                    add = &field_term;
                }
                // A stop word takes no position: a phrase is matched without its stop words
                // (query_text drops them), so "الرئيس في موسكو" finds الرئيس من موسكو too.
                // Field terms (title:) take none either: fields are searched by word.
                if (word_terms.positional && field_prefix.empty()) {
                    doc.add_posting(*add, ++pos);
                } else {
                    doc.add_term(*add);
                }
            }
        }
    }
};

IndexWriter::IndexWriter(const std::string& path, const IndexOptions& options) try
    : impl_(std::make_unique<Impl>()) {
    // The layout fahras-index writes, under its lock: a Python writer and a cron run never
    // write at once, and neither swaps in a generation without the other's commits.
    impl_->dir = std::make_unique<detail::IndexDir>(path);
    const detail::IndexDir& dir = *impl_->dir;
    dir.clean();
    const std::string live = dir.current();
    if (dir.plain()) {
        const int flags =
            options.mode == OpenMode::Overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_OPEN;
        impl_->open(path, flags, options, path);
    } else if (options.mode == OpenMode::Update && !live.empty()) {
        impl_->open(live, Xapian::DB_OPEN, options, path);
    } else {
        // Without a stemmer asked for, a rebuild keeps the one the index records.
        const StemmerKind fallback = live_stemmer(live);
        impl_->unpublished = dir.create_generation();
        try {
            impl_->open(impl_->unpublished, Xapian::DB_CREATE, options, path, fallback);
        } catch (...) {
            dir.discard(impl_->unpublished);
            throw;
        }
    }
} catch (...) {
    detail::rethrow_index_error(path);
}

IndexWriter::IndexWriter(const std::string& database, const IndexOptions& options,
                         const detail::InternalWriter& internal)
    : impl_(std::make_unique<Impl>()) {
    const int flags = options.mode == OpenMode::Overwrite ? Xapian::DB_CREATE_OR_OVERWRITE
                                                          : Xapian::DB_CREATE_OR_OPEN;
    impl_->open(database, flags, options, internal.shown);
}

IndexWriter::~IndexWriter() {
    try {
        if (!impl_->unpublished.empty()) {
            impl_->db.close();
            impl_->dir->discard(impl_->unpublished);
        } else {
            impl_->mark_removals();  // Xapian commits as the database closes
        }
    } catch (...) {
        // A destructor does not throw; the next run cleans up.
    }
}

void IndexWriter::add(const Document& doc) try {
    detail::AnalyzedDocument analyzed = detail::analyze(doc);
    analyzed.content_hash = content_hash(doc);
    add(analyzed);
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

void IndexWriter::add(const detail::AnalyzedDocument& analyzed) {
    const Document& doc = analyzed.doc;
    if (doc.id.empty()) throw InputError(doc.id, 0, "empty document id");
    // A long id gets a term cut and hashed to fit Xapian's limit; the slots keep it whole.
    const std::string id_term = schema::id_term(doc.id);

    // Positions as TermGenerator numbers them: title terms from 1, then (unless the text
    // begins with the title) the title's words again as text, a gap of 100, then the text.
    Xapian::Document xdoc;
    Xapian::termpos pos = 0;
    if (!analyzed.title_words.empty()) {
        impl_->add_words(xdoc, analyzed.title_words, schema::kPrefixTitle, pos, false);
        // A .txt title is the text's first line: index its words once, not twice.
        if (!analyzed.title_in_text) {
            impl_->add_words(xdoc, analyzed.title_words, {}, pos, true);
            pos += kTitleGap;
        }
    }
    impl_->add_words(xdoc, analyzed.text_words, {}, pos, true);

    xdoc.add_boolean_term(id_term);
    if (!doc.source.empty()) {
        // Cut and hashed if too long for one term, as ids are: a long name once stopped
        // every run at its record.
        xdoc.add_boolean_term(schema::source_term(source_name_key(doc.source)));
    }
    xdoc.add_value(schema::kSlotId, doc.id);
    xdoc.add_value(schema::kSlotHitFields, detail::pack_hit_fields({.id = doc.id,
                                                                    .title = doc.title,
                                                                    .date = doc.date,
                                                                    .source = doc.source,
                                                                    .url = doc.url}));
    if (!analyzed.day.empty()) {
        xdoc.add_value(schema::kSlotDay, analyzed.day);
        xdoc.add_value(schema::kSlotMonth, analyzed.day.substr(0, 7));
    }
    if (!doc.source.empty()) xdoc.add_value(schema::kSlotSource, doc.source);
    if (!analyzed.content_hash.empty()) {
        xdoc.add_value(schema::kSlotContentHash, analyzed.content_hash);
    }
    if (!analyzed.file_state.empty()) xdoc.add_value(schema::kSlotFileState, analyzed.file_state);
    if (!analyzed.source_path_key.empty()) {
        xdoc.add_boolean_term(std::string(schema::kPrefixSourcePathKey) + analyzed.source_path_key);
        xdoc.add_value(schema::kSlotSourcePathKey, analyzed.source_path_key);
    }
    xdoc.set_data(analyzed.data);

    if (!impl_->changed) {
        // In the same commit as the document: a run killed before the variant groups are
        // rewritten leaves them marked stale, and the next run rewrites them.
        impl_->db.set_metadata(std::string(schema::kMetaVariantsStale), "1");
        impl_->changed = true;
    }
    impl_->db.replace_document(id_term, xdoc);
    // The words counted since the last commit only grow (terms_cache hands its counts over
    // when full): past the limit, commit them, documents with them, as commit() says.
    if (impl_->seen.size() > kMaxPendingSpellings) commit();
}

void IndexWriter::commit() try {
    impl_->flush_spellings();
    impl_->commit_all();
    if (!impl_->unpublished.empty()) {
        impl_->dir->publish(impl_->unpublished);
        impl_->unpublished.clear();
    }
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

void IndexWriter::commit_documents() { impl_->commit_all(); }

std::size_t IndexOptions::default_threads() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
}

std::size_t IndexWriter::document_count() const try {
    return impl_->db.get_doccount();
} catch (...) {
    detail::rethrow_index_error(impl_->shown);
}

namespace detail {

/** What index_sources() and its threads use of IndexWriter besides its public API. */
struct WriterAccess {
    /** A writer of the Xapian database @p database (a generation or shard of a run), which
     *  takes no lock and publishes nothing: the run does. */
    static std::unique_ptr<IndexWriter> open(const std::string& database,
                                             const IndexOptions& options,
                                             const std::string& shown) {
        return std::unique_ptr<IndexWriter>(
            new IndexWriter(database, options, InternalWriter{shown}));
    }
    static void add(IndexWriter& w, const AnalyzedDocument& doc) { w.add(doc); }
    static void commit_documents(IndexWriter& w) { w.commit_documents(); }
    static void update_variants(IndexWriter& w);
    static Xapian::WritableDatabase& db(IndexWriter& w) { return w.impl_->db; }
};

}  // namespace detail

namespace {

/** Whether a document is new to the index or replaces one. */
enum class Change { Added, Updated };

/** What the last run recorded of one SOURCE, or is to record of it
 *  (schema::kMetaSourcePrefix). */
struct SourceState {
    std::string key;    ///< the source key: 16 hex digits
    std::string value;  ///< `KIND SIZE MTIME_NS CTIME_NS\tPATH`
};

/** An item on its way from the reading thread to a writing thread: a document, or the end
 *  of a SOURCE (`end_of_source`), after all its documents. */
struct Item {
    detail::AnalyzedDocument doc;  ///< analyzed if `analyzed`, else only doc.doc is set
    bool analyzed = false;
    Change change = Change::Added;
    std::string source;
    bool end_of_source = false;
    /** Only store doc.file_state on the indexed document doc.doc.id (updating). */
    bool refresh_file_state = false;
    SourceState state;  ///< end_of_source: to record
    /** end_of_source, pruning: the ids read from the source; its other documents go, but
     *  those the reading left unread (keep_ids, keep_paths: see fahras::Unread). */
    std::optional<std::unordered_set<std::string>> ids;
    std::unordered_set<std::string> keep_ids;  ///< Unread::Scope::Id
    std::vector<std::string> keep_paths;       ///< Unread::Scope::Path
};

/** A bounded queue from the reading thread to one writing thread. */
class Queue {
  public:
    /** Reading thread: false once the writer has stopped taking items. */
    bool push(Item&& item) {
        std::unique_lock lock(mutex_);
        // Bounded in bytes too: a large file comes as many large parts (ReadOptions).
        not_full_.wait(lock, [&] {
            return (items_.size() < kCapacity && bytes_ < kCapacityBytes) || stopped_;
        });
        if (stopped_) return false;
        bytes_ += size_of(item);
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /** Reading thread: no more items. */
    void finish() {
        const std::lock_guard lock(mutex_);
        finished_ = true;
        not_empty_.notify_one();
    }

    /** Writing thread: the next item, or nullopt once the queue is finished or stopped. */
    std::optional<Item> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || finished_ || stopped_; });
        if (items_.empty() || stopped_) return std::nullopt;
        Item item = std::move(items_.front());
        items_.pop_front();
        bytes_ -= size_of(item);
        not_full_.notify_one();
        return item;
    }

    /** Either side, on an error: everybody stops waiting. */
    void stop() {
        const std::lock_guard lock(mutex_);
        stopped_ = true;
        not_full_.notify_all();
        not_empty_.notify_all();
    }

  private:
    static std::size_t size_of(const Item& item) {
        return item.doc.doc.text.size() + item.doc.text_words.size() + item.doc.data.size();
    }

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

/** What the threads of one run share: the statistics and the caller's callbacks, which are
 *  called one at a time. */
class Run {
  public:
    Run(IndexStats& stats, const IndexCallbacks& callbacks, const ShardSpec& shard)
        : stats_(stats), callbacks_(callbacks), shard_(shard) {}

    /** True if this run indexes the document with id @p id (IndexOptions::shard). */
    [[nodiscard]] bool wants(const std::string& id) const { return shard_.holds(id); }

    void warn(const InputError& e) {
        const std::lock_guard lock(mutex_);
        ++stats_.warnings;
        if (callbacks_.on_warning) callbacks_.on_warning(e);
    }

    [[nodiscard]] std::size_t warnings() {
        const std::lock_guard lock(mutex_);
        return stats_.warnings;
    }

    void indexed(const Document& doc, Change change) {
        const std::lock_guard lock(mutex_);
        ++stats_.documents;
        ++(change == Change::Added ? stats_.added : stats_.updated);
        stats_.bytes += doc.text.size() + doc.title.size();
        if (callbacks_.on_document) callbacks_.on_document(doc);
    }

    void unchanged(std::size_t count) {
        const std::lock_guard lock(mutex_);
        stats_.unchanged += count;
    }

    void removed(std::size_t count) {
        const std::lock_guard lock(mutex_);
        stats_.removed += count;
    }

    /** A SOURCE not pruned, and why (a warning). */
    void not_pruned(const InputError& why) {
        const std::lock_guard lock(mutex_);
        ++stats_.warnings;
        ++stats_.not_pruned;
        if (callbacks_.on_warning) callbacks_.on_warning(why);
    }

    [[nodiscard]] bool wants_progress() const { return bool(callbacks_.on_progress); }

    /** Before reading: what there is to read. */
    void expect(std::size_t sources, std::uintmax_t bytes) {
        progress_.sources = sources;
        progress_.bytes = bytes;
    }

    /** Reading thread: @p documents more read, @p bytes of their text. */
    void read(std::size_t documents, std::uintmax_t bytes) {
        if (!callbacks_.on_progress) return;
        const std::lock_guard lock(mutex_);
        progress_.documents += documents;
        source_bytes_read_ += bytes;
        report_progress();
    }

    /** Reading thread: a source done, of @p size bytes (see source_size). */
    void source_done(std::uintmax_t size) {
        if (!callbacks_.on_progress) return;
        const std::lock_guard lock(mutex_);
        ++progress_.sources_done;
        sources_bytes_ += size;
        source_bytes_read_ = 0;
        report_progress();
    }

  private:
    void report_progress() {
        progress_.bytes_done = std::min(progress_.bytes, sources_bytes_ + source_bytes_read_);
        progress_.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        callbacks_.on_progress(progress_);
    }

    std::mutex mutex_;
    IndexStats& stats_;
    const IndexCallbacks& callbacks_;
    const ShardSpec shard_;
    const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    IndexProgress progress_;
    std::uintmax_t sources_bytes_ = 0;      // sources done
    std::uintmax_t source_bytes_read_ = 0;  // documents of the source being read
};

/** The size of SOURCE @p path in bytes: a file's, or the sum of the files below a
 *  directory (hidden ones included: an estimate, for progress). */
std::uintmax_t source_size(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        return ec ? 0 : size;
    }
    std::uintmax_t total = 0;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const std::uintmax_t size = it->file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

/** How the reading thread treats what it reads. */
struct Plan {
    /** Updating: the live generation, read for the sources and documents the index already
     *  holds. Empty: a new generation, where everything is new. */
    std::string live;
    bool prune = false;
    ReadOptions read;  ///< how sources are read
};

/** The absolute path of SOURCE @p source, and its key (detail::source_path_key). */
std::pair<std::string, std::string> source_path_and_key(const std::string& source) {
    std::error_code ec;
    std::string path = std::filesystem::absolute(source, ec).lexically_normal().string();
    if (ec) path = source;
    std::string key = detail::source_path_key(path);
    return {std::move(path), std::move(key)};
}

/** What is recorded of SOURCE @p path now: `KIND SIZE MTIME_NS CTIME_NS\tPATH`, or nothing
 *  if it cannot be stat'ed. */
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

/** True if SOURCE @p source is standard input or a file that is neither regular nor a
 *  directory (a pipe, `<(zcat a.jsonl.gz)`): what it holds changes from run to run. */
bool is_stream(const std::string& source) {
    if (source == kStandardInput) return true;
    struct stat st {};
    return ::stat(source.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode);
}

/** What @p e says is wrong, without the `'PATH': ` it begins with. */
std::string problem_of(const InputError& e) {
    const std::string_view what = e.what();
    const std::size_t prefix = e.path().size() + 4;  // 'PATH':<space>
    if (e.line() == 0 && what.size() >= prefix && what.substr(1, e.path().size()) == e.path()) {
        return std::string(what.substr(prefix));
    }
    return std::string(what);
}

/** The live generation, as the reading thread sees it: reopened whenever the writer's
 *  commits overtake it (Xapian::DatabaseModifiedError). */
class Snapshot {
  public:
    explicit Snapshot(const std::string& path) : db_(path) {}

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

  private:
    Xapian::Database db_;
};

/** Reading thread: reads every source and hands each document to a writer chosen by its id,
 *  so that a repeated id always reaches the writer holding the earlier copy, which it then
 *  replaces. With one writer, analysis happens here too, ahead of the Xapian writes.
 *  Updating, unchanged sources and documents are counted and left out. */
void read_all(const std::vector<std::string>& sources, std::vector<Queue>& queues, const Plan& plan,
              Run& run) {
    const bool analyze_here = queues.size() == 1;
    std::optional<Snapshot> live;
    if (!plan.live.empty()) live.emplace(plan.live);
    std::unordered_set<std::string> ids_this_run;  // a repeated id is never "unchanged"
    // Sizes only for progress reports: adding them up costs a walk of every directory.
    std::vector<std::uintmax_t> sizes;
    if (run.wants_progress()) {
        std::uintmax_t total = 0;
        for (const std::string& source : sources) total += sizes.emplace_back(source_size(source));
        run.expect(sources.size(), total);
    }
    bool open = true;
    for (std::size_t index = 0; index < sources.size(); ++index) {
        if (!open) break;
        const std::string& source = sources[index];
        // Not a structured binding: clang 14 (the fuzzing build) cannot capture one.
        const std::pair<std::string, std::string> path_key = source_path_and_key(source);
        const std::string& path = path_key.first;
        const std::string& key = path_key.second;
        const std::string source_term = std::string(schema::kPrefixSourcePathKey) + key;
        const std::string meta_key = std::string(schema::kMetaSourcePrefix) + key;
        // Standard input and pipes hold something else each run: never unchanged, never
        // recorded, never pruned.
        const bool stream = is_stream(source);
        if (live && !stream) {
            const std::optional<std::string> now = source_state(path, false);
            const bool same =
                now && now->starts_with("file ") &&
                live->with([&](Xapian::Database& db) { return db.get_metadata(meta_key); }) == *now;
            if (same) {
                const std::size_t count =
                    live->with([&](Xapian::Database& db) { return db.get_termfreq(source_term); });
                run.unchanged(count);
                run.read(count, 0);
                run.source_done(sizes.empty() ? 0 : sizes[index]);
                continue;
            }
        }
        const std::size_t warnings_before = run.warnings();
        std::optional<std::unordered_set<std::string>> ids;
        if (plan.prune && live && !stream) ids.emplace();
        // Files below a directory: one skipped while its size and times are those stored
        // with its document(s); otherwise its documents carry them, unless it warned.
        std::string file_state;
        std::size_t file_warnings = 0;
        ReadOptions read = plan.read;
        read.skip_file = [&](const std::string& file, const std::string& id) {
            file_state = source_state(file, false).value_or("");
            if (const auto tab = file_state.find('\t'); tab != std::string::npos) {
                file_state = file_state.substr(0, tab).substr(file_state.find(' ') + 1);
            }
            file_warnings = run.warnings();
            if (!live || file_state.empty()) return false;
            // The file's documents: `id`, then the parts of a long file `id#2`, `id#3`...
            const std::vector<std::string> same = live->with([&](Xapian::Database& db) {
                std::vector<std::string> found;
                for (std::size_t part = 1;; ++part) {
                    const std::string doc_id = part == 1 ? id : id + "#" + std::to_string(part);
                    const std::string term = schema::id_term(doc_id);
                    Xapian::PostingIterator p = db.postlist_begin(term);
                    if (p == db.postlist_end(term)) break;
                    const Xapian::Document old = db.get_document(*p);
                    if (old.get_value(schema::kSlotFileState) != file_state ||
                        old.get_value(schema::kSlotSourcePathKey) != key) {
                        return std::vector<std::string>{};
                    }
                    found.push_back(doc_id);
                }
                return found;
            });
            if (same.empty()) return false;
            for (const std::string& doc_id : same) {
                if (!ids_this_run.insert(doc_id).second) return false;  // repeated: read it
            }
            if (ids) ids->insert(same.begin(), same.end());
            run.unchanged(same.size());
            run.read(same.size(), 0);
            return true;
        };
        // What the reading leaves unread, pruning keeps (a line that cannot be read: all).
        std::optional<std::size_t> unread_line;  // set: the whole source was not read
        std::unordered_set<std::string> keep_ids;
        std::vector<std::string> keep_paths;
        read.on_unread = [&](const Unread& u) {
            if (u.scope == Unread::Scope::Source) {
                if (!unread_line || *unread_line == 0) unread_line = u.line;
            } else if (u.scope == Unread::Scope::Id) {
                keep_ids.insert(u.id);
            } else {
                keep_paths.push_back(u.id);
            }
        };
        read_source(
            source, read,
            [&](Document&& doc) {
                if (!open) return;
                run.read(1, doc.text.size() + doc.title.size());
                if (!run.wants(doc.id)) return;
                Item item;
                item.source = source;
                std::string hash = content_hash(doc);
                const bool repeated = !ids_this_run.insert(doc.id).second;
                if (ids) ids->insert(doc.id);
                if (live && !repeated) {
                    const std::string id_term = schema::id_term(doc.id);
                    // The stored file state, if the document is the same.
                    const std::optional<std::string> same =
                        live->with([&](Xapian::Database& db) -> std::optional<std::string> {
                            Xapian::PostingIterator p = db.postlist_begin(id_term);
                            if (p == db.postlist_end(id_term)) return std::nullopt;
                            const Xapian::Document old = db.get_document(*p);
                            if (old.get_value(schema::kSlotContentHash) != hash ||
                                old.get_value(schema::kSlotSourcePathKey) != key) {
                                return std::nullopt;
                            }
                            return old.get_value(schema::kSlotFileState);
                        });
                    if (same) {
                        run.unchanged(1);
                        // A file touched but not changed: store its new state, so that the
                        // next run skips it (no analysis: a value changes).
                        if (*same != file_state && run.warnings() == file_warnings) {
                            Item refresh;
                            refresh.refresh_file_state = true;
                            refresh.doc.doc.id = doc.id;
                            refresh.doc.file_state = file_state;
                            open = queues[0].push(std::move(refresh));
                        }
                        return;
                    }
                }
                if (live) {
                    item.change = repeated || live->with([&](Xapian::Database& db) {
                        return db.term_exists(schema::id_term(doc.id));
                    })
                                      ? Change::Updated
                                      : Change::Added;
                } else {
                    item.change = repeated ? Change::Updated : Change::Added;
                }
                item.analyzed = analyze_here;
                const std::size_t shard = std::hash<std::string>{}(doc.id) % queues.size();
                if (analyze_here) {
                    item.doc = detail::analyze(std::move(doc));
                } else {
                    item.doc.doc = std::move(doc);
                }
                item.doc.content_hash = std::move(hash);
                item.doc.source_path_key = key;
                if (run.warnings() == file_warnings) item.doc.file_state = file_state;
                open = queues[shard].push(std::move(item));
            },
            [&](const InputError& e) { run.warn(e); });
        if (!open) break;
        // After its documents, in the first writer's queue: what to record of the source
        // commits with them (a run killed before that commit reads the source again).
        const bool warned = run.warnings() != warnings_before;
        Item end;
        end.end_of_source = true;
        end.source = source;
        end.state.key = key;
        if (!stream) end.state.value = source_state(path, warned).value_or("");
        if (ids && unread_line) {
            // A line whose id cannot be read may be any document's: prune none, and say so.
            if (live->with([&](Xapian::Database& db) { return db.get_termfreq(source_term); })) {
                run.not_pruned(InputError(
                    source, 0,
                    "not pruned: " + (*unread_line == 0 ? std::string("it could not "
                                                                      "be read whole")
                                                        : "line " + std::to_string(*unread_line) +
                                                              " could not be read")));
            }
        } else if (ids) {
            // Every document read (none if the source is gone), and what could not be read.
            end.ids = std::move(ids);
            end.keep_ids = std::move(keep_ids);
            end.keep_paths = std::move(keep_paths);
        }
        open = queues[0].push(std::move(end));
        run.source_done(sizes.empty() ? 0 : sizes[index]);
    }
}

/** True if pruning must keep the document with id @p id: the reading left it unread. */
bool kept(const Item& end, const std::string& id) {
    if (end.keep_ids.contains(id)) return true;
    return std::any_of(end.keep_paths.begin(), end.keep_paths.end(), [&](const std::string& p) {
        // The path itself, its parts (`p#2`) and everything below it (`p/...`).
        return id.starts_with(p) &&
               (id.size() == p.size() || id[p.size()] == '#' || id[p.size()] == '/');
    });
}

/** The warning that refuses to remove @p gone of the @p total documents of @p source. */
InputError too_much_to_prune(const std::string& source, std::size_t gone, std::size_t total) {
    return InputError(source, 0,
                      "not pruned: would remove " + std::to_string(gone) + " of " +
                          std::to_string(total) +
                          " documents (more than half); use --force-prune if that is intended");
}

/** True if removing @p gone of @p total documents of a SOURCE is refused without
 *  --force-prune: more than half of them (an unmounted mount point reads as empty). */
bool too_much(std::size_t gone, std::size_t total, const IndexOptions& options) {
    return !options.force_prune && gone > 0 && gone * 2 > total;
}

/** Writing thread, at the end of a source: records it, and prunes what it no longer holds. */
void end_source(Xapian::WritableDatabase& db, Item& end, Run& run, const IndexOptions& options) {
    const std::string meta_key = std::string(schema::kMetaSourcePrefix) + end.state.key;
    if (end.ids) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + end.state.key;
        std::vector<Xapian::docid> gone;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            const std::string id = db.get_document(*p).get_value(schema::kSlotId);
            if (!end.ids->contains(id) && !kept(end, id)) gone.push_back(*p);
        }
        const std::size_t total = db.get_termfreq(term);
        if (too_much(gone.size(), total, options)) {
            run.not_pruned(too_much_to_prune(end.source, gone.size(), total));
            end.ids.reset();  // a source that is gone keeps its record: the next run asks again
        } else {
            if (!gone.empty()) detail::fault_point("prune");
            for (const Xapian::docid id : gone) db.delete_document(id);
            run.removed(gone.size());
        }
    }
    if (!end.state.value.empty()) {
        db.set_metadata(meta_key, end.state.value);
    } else if (end.ids) {
        db.set_metadata(meta_key, "");  // a source that is gone, pruned: deletes the key
    }
}

/** Writing thread: analyzes (if not done) and adds each document, committing in batches. */
void write_all(IndexWriter& writer, Queue& queue, const IndexOptions& options, Run& run) {
    Batch batch(options);
    while (std::optional<Item> item = queue.pop()) {
        if (item->end_of_source) {
            end_source(detail::WriterAccess::db(writer), *item, run, options);
            continue;
        }
        if (item->refresh_file_state) {
            Xapian::WritableDatabase& db = detail::WriterAccess::db(writer);
            const std::string id_term = schema::id_term(item->doc.doc.id);
            Xapian::PostingIterator p = db.postlist_begin(id_term);
            if (p == db.postlist_end(id_term)) continue;
            Xapian::Document doc = db.get_document(*p);
            doc.add_value(schema::kSlotFileState, item->doc.file_state);
            db.replace_document(*p, doc);
            continue;
        }
        if (!item->analyzed) {
            detail::AnalyzedDocument analyzed = detail::analyze(std::move(item->doc.doc));
            analyzed.content_hash = std::move(item->doc.content_hash);
            analyzed.source_path_key = std::move(item->doc.source_path_key);
            analyzed.file_state = std::move(item->doc.file_state);
            item->doc = std::move(analyzed);
        }
        // A document IndexWriter refuses is skipped, named by its file (and line). Xapian's
        // own refusal of a document (InvalidArgumentError: a term too long) stays an error:
        // glass then throws away every document since the last commit, so going on would
        // lose them unsaid. Every term is bounded before it gets there (Impl::text_terms,
        // schema::bounded_term).
        try {
            detail::WriterAccess::add(writer, item->doc);
        } catch (const InputError& e) {
            const Document& doc = item->doc.doc;
            run.warn(InputError(item->source, doc.line,
                                "document '" + doc.id + "' skipped: " + problem_of(e)));
            continue;
        }
        // Small batches keep Xapian's in-memory changes, and so memory and the cost of each
        // addition, bounded. Those grow with the text as much as with the count: 30 parts of
        // a 500 MB file, 16 MiB each, reached no commit of 1000 documents (1.1 GiB peak).
        if (batch.full_after(item->doc.doc.text.size() + item->doc.doc.title.size())) {
            detail::WriterAccess::commit_documents(writer);
        }
        run.indexed(item->doc.doc, item->change);
    }
    writer.commit();
}

/** Runs read_all in a thread of its own and write_all on each writer, in this thread for
 *  the first and in threads of their own for the others; rethrows the first error. */
void read_and_write(const std::vector<std::string>& sources,
                    const std::vector<IndexWriter*>& writers, const IndexOptions& options,
                    const Plan& plan, Run& run) {
    std::vector<Queue> queues(writers.size());
    std::vector<std::exception_ptr> errors(writers.size() + 1);
    const auto stop_all = [&] {
        for (Queue& q : queues) q.stop();
    };
    {
        std::vector<std::jthread> threads;
        threads.emplace_back([&] {
            try {
                read_all(sources, queues, plan, run);
            } catch (...) {
                errors.back() = std::current_exception();
                stop_all();
            }
            for (Queue& q : queues) q.finish();
        });
        for (std::size_t k = 0; k < writers.size(); ++k) {
            auto write = [&, k] {
                try {
                    write_all(*writers[k], queues[k], options, run);
                } catch (...) {
                    errors[k] = std::current_exception();
                    stop_all();
                }
            };
            if (k == 0) continue;
            threads.emplace_back(write);
        }
        try {
            write_all(*writers[0], queues[0], options, run);
        } catch (...) {
            errors[0] = std::current_exception();
            stop_all();
        }
    }  // joins every thread
    for (const std::exception_ptr& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

/** A generation being built: its directory and its shards' (`GEN.shard-K`), created marked
 *  unfinished (detail::IndexDir), removed unless the generation is published; the shards are
 *  removed in any case. */
class NewGeneration {
  public:
    NewGeneration(const detail::IndexDir& dir, std::size_t shards)
        : dir_(dir), path_(dir.create_generation()) {
        try {
            for (std::size_t k = 0; k < shards; ++k) shards_.push_back(dir.create_part(path_, k));
        } catch (...) {
            remove();
            throw;
        }
    }
    ~NewGeneration() { remove(); }
    NewGeneration(const NewGeneration&) = delete;
    NewGeneration& operator=(const NewGeneration&) = delete;

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& shard(std::size_t k) const { return shards_[k]; }
    /** Makes the generation, committed and closed, the live one. */
    void publish() {
        dir_.publish(path_);
        published_ = true;
    }

  private:
    void remove() noexcept {
        for (const std::string& p : shards_) dir_.discard(p);
        if (!published_) dir_.discard(path_);
    }

    const detail::IndexDir& dir_;
    std::string path_;
    std::vector<std::string> shards_;
    bool published_ = false;
};

/** Rewrites the spelling-variant groups (schema::kPrefixVariant) from the index's stems. */
void update_variants(Xapian::WritableDatabase& db) {
    detail::fault_point("variants");
    std::vector<std::string> old_keys(db.synonym_keys_begin(std::string(schema::kPrefixVariant)),
                                      db.synonym_keys_end(std::string(schema::kPrefixVariant)));
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    std::unordered_map<std::string, std::vector<std::string>> groups;
    const std::string stems(schema::kPrefixStem);
    for (auto t = db.allterms_begin(stems); t != db.allterms_end(stems); ++t) {
        const std::string& term = *t;
        const std::optional<std::string_view> stem = detail::text_stem(term);
        if (!stem) continue;
        const std::string key = variant_key(*stem);
        if (!key.empty()) groups[key].push_back(term);
    }
    for (const auto& [key, members] : groups) {
        if (members.size() < 2) continue;
        const std::string synonym_key = std::string(schema::kPrefixVariant) + key;
        for (const std::string& m : members) db.add_synonym(synonym_key, m);
    }
    db.set_metadata(std::string(schema::kMetaVariantsStale), "");  // deletes the key
}

}  // namespace

void detail::update_variants(Xapian::WritableDatabase& db) { fahras::update_variants(db); }

void detail::WriterAccess::update_variants(IndexWriter& w) {
    fahras::update_variants(w.impl_->db);
    w.commit_documents();
}

namespace {

/** Writes every source into the new generation @p gen: with one thread directly, with more
 *  as one shard per thread, written in parallel and merged by compaction (Xapian writes
 *  with one thread per database; this is its way to use more cores). */
void build_generation(const NewGeneration& gen, const std::vector<std::string>& sources,
                      const IndexOptions& options, std::size_t threads, Run& run,
                      const std::string& shown) {
    Plan plan;  // everything is new
    plan.read = options.read;
    IndexOptions fresh = options;
    fresh.mode = OpenMode::Overwrite;
    if (threads == 1) {
        const std::unique_ptr<IndexWriter> writer =
            detail::WriterAccess::open(gen.path(), fresh, shown);
        read_and_write(sources, {writer.get()}, options, plan, run);
        return;
    }
    {
        std::vector<std::unique_ptr<IndexWriter>> shards;
        std::vector<IndexWriter*> writers;
        for (std::size_t k = 0; k < threads; ++k) {
            shards.push_back(detail::WriterAccess::open(gen.shard(k), fresh, shown));
            writers.push_back(shards.back().get());
        }
        read_and_write(sources, writers, options, plan, run);
    }
    Xapian::Database all;
    for (std::size_t k = 0; k < threads; ++k) all.add_database(Xapian::Database(gen.shard(k)));
    all.compact(gen.path());
}

/** Removes the documents of every SOURCE recorded in @p db that no longer exists, and its
 *  record, unless that is refused (too_much: all of its documents would go); SOURCEs named
 *  in this run (@p sources) were pruned at their end already. Commits; returns how many
 *  documents went. */
std::size_t prune_vanished_sources(Xapian::WritableDatabase& db,
                                   const std::vector<std::string>& sources,
                                   const IndexOptions& options, Run& run) {
    detail::fault_point("prune");
    const std::string prefix(schema::kMetaSourcePrefix);
    std::unordered_set<std::string> named;
    for (const std::string& source : sources) named.insert(source_path_and_key(source).second);
    std::vector<std::pair<std::string, std::string>> gone;  // key, path
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string key = (*k).substr(prefix.size());
        const std::string value = db.get_metadata(*k);
        const auto tab = value.find('\t');
        std::error_code ec;
        if (tab != std::string::npos && !named.contains(key) &&
            !std::filesystem::exists(value.substr(tab + 1), ec) && !ec) {
            gone.emplace_back(key, value.substr(tab + 1));
        }
    }
    std::size_t removed = 0;
    for (const auto& [key, path] : gone) {
        const std::string term = std::string(schema::kPrefixSourcePathKey) + key;
        const std::size_t count = db.get_termfreq(term);
        if (too_much(count, count, options)) {
            // An unmounted network path looks gone too: its record stays, asked again.
            run.not_pruned(too_much_to_prune(path, count, count));
            continue;
        }
        removed += count;
        db.delete_document(term);
        db.set_metadata(prefix + key, "");
    }
    if (removed != 0) db.set_metadata(std::string(schema::kMetaVariantsStale), "1");
    db.commit();
    return removed;
}

}  // namespace

IndexStats index_sources(const std::string& path, const std::vector<std::string>& sources,
                         const IndexOptions& options, const IndexCallbacks& callbacks) try {
    const auto started = std::chrono::steady_clock::now();
    IndexStats stats;
    stats.sources = sources.size();
    Run run(stats, callbacks, options.shard);

    const detail::IndexDir dir(path);  // the lock, until the end of the run
    dir.clean();
    const std::string live = dir.current();
    const std::size_t threads = std::max<std::size_t>(options.threads, 1);
    IndexOptions resolved = options;
    if (options.mode == OpenMode::Update && !live.empty()) {
        // Updating the live generation in place: one writer, so that each id replaces its
        // earlier version; each batch commit is visible to searchers at once.
        resolved.stemmer = check_version(Xapian::Database(live), path, options.stemmer);
        const std::unique_ptr<IndexWriter> target =
            detail::WriterAccess::open(live, resolved, path);
        // Before the reading thread opens the live generation: it compares source keys.
        (void)detail::upgrade_source_keys(detail::WriterAccess::db(*target));
        Plan plan;
        plan.live = live;
        plan.prune = options.prune;
        plan.read = options.read;
        read_and_write(sources, {target.get()}, resolved, plan, run);
        Xapian::WritableDatabase& db = detail::WriterAccess::db(*target);
        if (options.prune) run.removed(prune_vanished_sources(db, sources, resolved, run));
        // Set by this run's changes, or by those of a run killed before it got here.
        if (!db.get_metadata(std::string(schema::kMetaVariantsStale)).empty()) {
            detail::WriterAccess::update_variants(*target);
        }
        stats.index_size = target->document_count();
        stats.undated = stats.index_size - db.get_value_freq(schema::kSlotDay);
    } else {
        if (dir.plain()) {
            throw IndexVersionError("index '" + path +
                                    "' is a plain Xapian database, which cannot be rebuilt "
                                    "atomically: move it away and index again");
        }
        // Without --stemmer, a rebuild keeps the stemmer the index records.
        if (!resolved.stemmer) {
            resolved.stemmer = live_stemmer(live);
        }
        // A new or rebuilt index: a new generation beside the live one, put in its place
        // by one rename(2) once it is complete.
        NewGeneration gen(dir, threads == 1 ? 0 : threads);
        build_generation(gen, sources, resolved, threads, run, path);
        Xapian::WritableDatabase db = detail::open_writable(gen.path(), Xapian::DB_OPEN, path);
        update_variants(db);
        db.commit();
        stats.index_size = db.get_doccount();
        stats.undated = stats.index_size - db.get_value_freq(schema::kSlotDay);
        db.close();
        gen.publish();
    }
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
} catch (...) {
    detail::rethrow_index_error(path);
}

}  // namespace fahras
