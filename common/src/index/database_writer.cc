/** @file
 *  @brief The writer of one Xapian database of an index: documents, commits, the analysis
 *  recorded.
 */
#include "index/database_writer.h"

#include "fahras/error.h"
#include "fahras/schema.h"
#include "index/index_dir.h"
#include "index/variants.h"
#include "schema/metadata.h"
#include "schema/source_keys.h"
#include "schema/stored_fields.h"
#include "schema/terms.h"

namespace fahras::detail {

namespace {

// Xapian's TermGenerator default: increase_termpos() leaves this gap. (Its other default,
// words longer than kMaxWordBytes are not indexed, is in analyzer.h: the searcher uses it.)
constexpr Xapian::termpos kTitleGap = 100;
// Distinct words counted for the spelling table beyond which add() commits: the counts are
// held until a commit, and a long run meets words without end (names, typos).
constexpr std::size_t kMaxPendingSpellings = 100000;

/** @p doc's fields that are not text: its id and source terms, its value slots, its stored
 *  text. */
void add_fields(Xapian::Document& xdoc, const AnalyzedDocument& analyzed,
                const std::string& id_term) {
    const Document& doc = analyzed.doc;
    xdoc.add_boolean_term(id_term);
    if (!doc.source.empty()) {
        // Cut and hashed if too long for one term, as ids are: a long name once stopped
        // every run at its record.
        xdoc.add_boolean_term(schema::source_term(source_name_key(doc.source)));
    }
    xdoc.add_value(schema::kSlotId, doc.id);
    xdoc.add_value(schema::kSlotHitFields, pack_hit_fields({.id = doc.id,
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
}

}  // namespace

StemmerKind live_stemmer(const std::string& live) {
    if (live.empty()) return StemmerKind::Light;
    try {
        return known_stemmer(recorded_analysis(Xapian::Database(live)))
            .value_or(StemmerKind::Light);
    } catch (const Xapian::Error&) {
        return StemmerKind::Light;
    }
}

StemmerKind check_version(const Xapian::Database& db, const std::string& shown,
                          std::optional<StemmerKind> wanted, StemmerKind fallback) {
    const RecordedAnalysis recorded = recorded_analysis(db);
    if (db.get_doccount() == 0) {
        return wanted ? *wanted : known_stemmer(recorded).value_or(fallback);
    }
    const std::string index = "index '" + shown + "'";
    check_analyzer_version(
        recorded,
        {.subject = index,
         .program = "fahras",
         .not_fahras = index + " holds documents but no fahras analyzer version: it was not "
                               "built by fahras; move it away, or --rebuild to replace it",
         .other_version = "rebuild it with --rebuild",
         // Rebuilding would be a downgrade, which the user should choose knowingly.
         .newer_version = "use that fahras, or --rebuild to downgrade the index on purpose"});
    return check_wanted_stemmer(recorded, wanted, index);
}

DatabaseWriter::DatabaseWriter(const std::string& database, int flags,
                               std::optional<StemmerKind> stemmer, const std::string& shown,
                               StemmerKind fallback)
    : shown_(shown), db_(open_writable(database, flags, shown)) {
    const StemmerKind kind = check_version(db_, shown, stemmer, fallback);
    committed_count_ = db_.get_doccount();
    record_analysis(db_, kind);
    terms_.emplace(kind);
}

bool DatabaseWriter::add(const AnalyzedDocument& analyzed, IdState id) {
    const Document& doc = analyzed.doc;
    if (doc.id.empty()) throw InputError(doc.id, 0, "empty document id");
    // A long id gets a term cut and hashed to fit Xapian's limit; the slots keep it whole.
    const std::string id_term = schema::id_term(doc.id);

    // Positions as TermGenerator numbers them: title terms from 1, then (unless the text
    // begins with the title) the title's words again as text, a gap of 100, then the text.
    Xapian::Document xdoc;
    Xapian::termpos pos = 0;
    if (!analyzed.title_words.empty()) {
        terms_->add_words(xdoc, analyzed.title_words, schema::kPrefixTitle, pos, false);
        // A .txt title is the text's first line: index its words once, not twice.
        if (!analyzed.title_in_text) {
            terms_->add_words(xdoc, analyzed.title_words, {}, pos, true);
            pos += kTitleGap;
        }
    }
    terms_->add_words(xdoc, analyzed.text_words, {}, pos, true);
    add_fields(xdoc, analyzed, id_term);

    if (!changed_) {
        // In the same commit as the document: a run killed before the variant groups are
        // rewritten leaves them marked stale, and the next run rewrites them.
        db_.set_metadata(std::string(schema::kMetaVariantsStale), "1");
        changed_ = true;
    }
    if (id == IdState::New) {
        (void)db_.add_document(xdoc);
    } else {
        db_.replace_document(id_term, xdoc);
    }
    // The words counted since the last commit only grow (the terms cache hands its counts
    // over when full): past the limit, commit them, documents with them.
    if (terms_->pending_spellings() <= kMaxPendingSpellings) return false;
    commit();
    return true;
}

/** Before a commit (or the close that commits): documents removed since the last one leave
 *  the variant groups stale too. */
void DatabaseWriter::mark_removals() {
    if (!changed_ && db_.get_doccount() != committed_count_) {
        db_.set_metadata(std::string(schema::kMetaVariantsStale), "1");
        changed_ = true;
    }
}

void DatabaseWriter::commit_documents() {
    mark_removals();
    db_.commit();
    changed_ = false;
    committed_count_ = db_.get_doccount();
}

void DatabaseWriter::commit() {
    terms_->flush_spellings(db_);
    commit_documents();
}

void DatabaseWriter::update_variants() {
    detail::update_variants(db_);
    commit_documents();
}

void DatabaseWriter::close() {
    if (closed_) return;
    closed_ = true;
    mark_removals();
    db_.close();
}

DatabaseWriter::~DatabaseWriter() {
    try {
        close();
    } catch (...) {
        // A destructor does not throw; the next run cleans up.
    }
}

}  // namespace fahras::detail
