/** @file
 *  @brief Building and updating a fahras index.
 */
#include "fahras/index_writer.h"

#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/tokenize.h"
#include "xapian_glue.h"

namespace fahras {

namespace {

// Xapian refuses terms longer than 245 bytes; the id term is the only one we build whole.
constexpr std::size_t kMaxIdTermBytes = 245;

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

}  // namespace

struct IndexWriter::Impl {
    std::string path;
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
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
    gen.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    gen.set_stemmer(detail::make_stem(options.stemmer));
    // Unstemmed words keep positions (phrases); Z-prefixed stems rank free words.
    gen.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    // Stop words keep their positions, so phrases containing them still match, but get no
    // stemmed term: they do not rank documents.
    gen.set_stopper(detail::stopper());
    gen.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::add(const Document& doc) {
    const std::string id_term = std::string(schema::kPrefixId) + doc.id;
    if (doc.id.empty()) throw InputError(doc.id, 0, "empty document id");
    if (id_term.size() > kMaxIdTermBytes) {
        throw InputError(
            doc.id, 0, "document id longer than " + std::to_string(kMaxIdTermBytes - 1) + " bytes");
    }

    Xapian::Document xdoc;
    Xapian::TermGenerator& gen = impl_->generator;
    gen.set_document(xdoc);
    if (!doc.title.empty()) {
        const std::string title = analysis_text(doc.title);
        gen.index_text(title, 1, std::string(schema::kPrefixTitle));
        // A .txt title is the text's first line: index its words once, not twice.
        if (!starts_with_title(doc.text, doc.title)) {
            gen.index_text(title);
            gen.increase_termpos();
        }
    }
    gen.index_text(analysis_text(doc.text));

    xdoc.add_boolean_term(id_term);
    if (!doc.source.empty()) {
        xdoc.add_boolean_term(std::string(schema::kPrefixSource) + lower_ascii(doc.source));
    }
    xdoc.add_value(schema::kSlotId, doc.id);
    if (!doc.date.empty()) xdoc.add_value(schema::kSlotDate, doc.date);

    nlohmann::json data = {
        {schema::kFieldId, doc.id},
        {schema::kFieldTitle, doc.title},
        {schema::kFieldText, doc.text},
    };
    if (!doc.date.empty()) data[schema::kFieldDate] = doc.date;
    if (!doc.source.empty()) data[schema::kFieldSource] = doc.source;
    if (!doc.url.empty()) data[schema::kFieldUrl] = doc.url;
    // Stored text is already valid UTF-8 (the readers repair it); replace, never throw.
    xdoc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

    impl_->db.replace_document(id_term, xdoc);
}

void IndexWriter::commit() { impl_->db.commit(); }

std::size_t IndexWriter::document_count() const { return impl_->db.get_doccount(); }

IndexStats index_sources(const std::string& path, const std::vector<std::string>& sources,
                         const IndexOptions& options, const IndexCallbacks& callbacks) {
    const auto started = std::chrono::steady_clock::now();
    IndexStats stats;
    IndexWriter writer(path, options);
    const WarningSink warn = [&](const InputError& e) {
        ++stats.warnings;
        if (callbacks.on_warning) callbacks.on_warning(e);
    };
    for (const std::string& source : sources) {
        ++stats.sources;
        read_source(
            source,
            [&](Document&& doc) {
                try {
                    writer.add(doc);
                } catch (const InputError& e) {
                    warn(InputError(source, 0, std::string("document skipped: ") + e.what()));
                    return;
                }
                ++stats.documents;
                stats.bytes += doc.text.size() + doc.title.size();
                if (callbacks.on_document) callbacks.on_document(doc);
            },
            warn);
    }
    writer.commit();
    stats.index_size = writer.document_count();
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

}  // namespace fahras
