/** @file
 *  @brief A document with the analysis that needs no database; its content hash.
 */
#include "index/analyzed_document.h"

#include <optional>
#include <string_view>
#include <utility>

#include "fahras/fields.h"
#include "schema/stored_fields.h"
#include "util/hash.h"

namespace fahras::detail {

namespace {

/** True if @p text, ignoring leading white space, begins with @p title. */
bool starts_with_title(std::string_view text, std::string_view title) {
    const auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text.substr(first).starts_with(title);
}

}  // namespace

AnalyzedDocument analyze(Document doc) {
    AnalyzedDocument a;
    a.title_words = analysis_words(doc.title);
    a.text_words = analysis_words(doc.text);
    a.title_in_text = starts_with_title(doc.text, doc.title);
    a.day = document_day(doc.date).value_or("");
    // Only the text: the other fields are value slots already (DatabaseWriter::add).
    a.data = pack_text(doc.text);
    a.doc = std::move(doc);
    return a;
}

// (Indexes written before the stable hash hold std::hash values: each document they hold is
// analyzed once again when it is read, nothing worse; docs/changelog.md.)
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
    return fnv1a64_hex(all);
}

}  // namespace fahras::detail
