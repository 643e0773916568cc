/** @file
 *  @brief Hits and snippets: a matched document's stored fields, and its original text cut
 *  around the terms it matched, those highlighted.
 */
#include "search/hits.h"

#include <functional>
#include <set>
#include <string>
#include <utility>

#include "fahras/analyzer.h"
#include "schema/stored_fields.h"
#include "schema/terms.h"

namespace fahras::detail {

namespace {

/** MSet::snippet escapes &, < and > for HTML; our outputs are plain text. */
std::string unescape_xml(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            if (s.compare(i, 5, "&amp;") == 0) {
                out += '&';
                i += 4;
                continue;
            }
            if (s.compare(i, 4, "&lt;") == 0) {
                out += '<';
                i += 3;
                continue;
            }
            if (s.compare(i, 4, "&gt;") == 0) {
                out += '>';
                i += 3;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

/** The snippet of @p doc, the document at @p it of @p match (see make_hit()). */
std::string snippet(const Xapian::Database& db, const Xapian::Stem& stem, const Match& match,
                    const Xapian::MSetIterator& it, const Xapian::Document& doc,
                    const SearchOptions& options) {
    // Only snippets need the stored text (compressed, and as long as the document).
    const std::string text = stored_text(doc);
    // MSet::snippet highlights loose terms through the stemmer, but compares phrase terms
    // with the text's raw words, which never equal our Z-stems. So the snippet is drawn for
    // the stems this document matched, as loose terms. (Terms a wildcard expanded to are not
    // listed by Xapian: those documents keep the plain snippet.)
    const Xapian::Query matched(Xapian::Query::OP_OR, match.enquire.get_matching_terms_begin(it),
                                match.enquire.get_matching_terms_end(it));
    Xapian::Enquire for_snippet(db);
    for_snippet.set_query(matched);
    const Xapian::MSet stats = matched.empty() ? match.mset : for_snippet.get_mset(0, 0);
    return unescape_xml(
        stats.snippet(text, options.snippet_length, stem,
                      Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                      options.highlight_start, options.highlight_end,
                      "\u2026"));  // HORIZONTAL ELLIPSIS where the text is cut
}

/** @p title as written, with each word whose stem is among the hit's matching terms
 *  [@p term, @p end) (as a text or a title term) between the highlight markers. Not
 *  MSet::snippet: it drops the punctuation before a title's first word and after its last,
 *  and squeezes spaces. */
std::string highlighted_title(const std::string& title, StemmerKind kind, Xapian::TermIterator term,
                              const Xapian::TermIterator& end, const SearchOptions& options) {
    std::set<std::string, std::less<>> stems;
    for (; term != end; ++term) {
        const std::string& t = *term;
        if (const auto stem = text_stem(t)) stems.emplace(*stem);
        if (const auto stem = title_stem(t)) stems.emplace(*stem);
    }
    std::string out;
    std::size_t copied = 0;
    for (const Token& token : Analyzer(kind).analyze(title)) {
        if (token.stop_word == StopWord::Yes || !stems.contains(token.stem)) continue;
        out.append(title, copied, token.start - copied);
        out += options.highlight_start;
        out.append(title, token.start, token.end - token.start);
        out += options.highlight_end;
        copied = token.end;
    }
    return out.append(title, copied);
}

}  // namespace

Hit make_hit(const Xapian::Database& db, const Xapian::Stem& stem, StemmerKind kind,
             const Match& match, const Candidate& candidate, std::size_t rank,
             const SearchOptions& options) {
    const Xapian::Document doc = candidate.it.get_document();
    Hit hit;
    hit.rank = rank;
    hit.docid = *candidate.it;
    hit.score = candidate.score;
    hit.features = candidate.features;
    hit.ranking = candidate.ranking;
    HitFields fields = hit_fields(doc);
    hit.id = std::move(fields.id);
    hit.title = std::move(fields.title);
    hit.date = std::move(fields.date);
    hit.source = std::move(fields.source);
    hit.url = std::move(fields.url);
    if (options.highlight_title == HighlightTitle::Yes) {
        hit.title_highlighted =
            highlighted_title(hit.title, kind, match.enquire.get_matching_terms_begin(candidate.it),
                              match.enquire.get_matching_terms_end(candidate.it), options);
    }
    if (options.snippets == Snippets::Yes) {
        hit.snippet = snippet(db, stem, match, candidate.it, doc, options);
    }
    return hit;
}

StoredDocument stored_document(const Xapian::Document& doc) {
    HitFields fields = hit_fields(doc);
    return StoredDocument{std::move(fields.id),   std::move(fields.title),  stored_text(doc),
                          std::move(fields.date), std::move(fields.source), std::move(fields.url)};
}

}  // namespace fahras::detail
