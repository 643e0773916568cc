/** @file
 *  @brief --explain: each term a hit matched, its weight alone, the query words it stands for
 *  and the document's words that gave it.
 */
#include "search/explain.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "fahras/schema.h"
#include "fahras/tokenize.h"
#include "schema/stored_fields.h"
#include "schema/terms.h"
#include "search/enquire.h"

namespace fahras::detail {

std::vector<QueryWordTerms> query_word_terms(const std::vector<Token>& words,
                                             const Expansion& expansion) {
    std::vector<QueryWordTerms> out;
    for (const Token& token : words) {
        if (token.stop_word == StopWord::Yes ||
            std::any_of(out.begin(), out.end(),
                        [&](const QueryWordTerms& q) { return q.word == token.surface; })) {
            continue;
        }
        const std::string& stem = token.stem;
        std::string term = text_term(stem);
        std::vector<std::string> terms{term, title_term(stem)};
        for (const WordGroup& g : expansion.groups) {
            if (std::binary_search(g.terms.begin(), g.terms.end(), term)) {
                terms.insert(terms.end(), g.terms.begin(), g.terms.end());
            }
        }
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        out.push_back({token.surface, std::move(terms)});
    }
    return out;
}

Explainer::Explainer(const Xapian::Database& db, const SearchOptions& options,
                     const Xapian::Enquire& enquire, StemmerKind stemmer,
                     std::vector<QueryWordTerms> query_words)
    : db_(db),
      options_(options),
      enquire_(enquire),
      analyzer_(stemmer),
      query_words_(std::move(query_words)) {}

double Explainer::weight_alone(const std::string& term, const Xapian::Query& only_this) const {
    // The same query weighting, on this document only.
    Xapian::Enquire one(db_);
    one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), only_this));
    one.set_weighting_scheme(*weighting(db_, options_));
    const Xapian::MSet weight = one.get_mset(0, 1);
    return weight.empty() ? 0.0 : weight.begin().get_weight();
}

std::vector<TermMatch> Explainer::explain(const Xapian::MSetIterator& hit) const {
    const Xapian::Document doc = hit.get_document();
    const Xapian::Query only_this(schema::id_term(doc.get_value(schema::kSlotId)));
    std::vector<std::string> words;  // the document's words, read once if needed
    std::vector<TermMatch> matches;
    for (auto t = enquire_.get_matching_terms_begin(hit); t != enquire_.get_matching_terms_end(hit);
         ++t) {
        TermMatch match;
        match.weight = weight_alone(*t, only_this);
        const std::string& term = *t;
        if (!term.starts_with(schema::kPrefixStem)) continue;  // a filter (source:), no weight
        for (const QueryWordTerms& q : query_words_) {
            if (std::binary_search(q.terms.begin(), q.terms.end(), term)) {
                match.query_words.push_back(q.word);
            }
        }
        if (const std::optional<std::string_view> title = title_stem(term)) {
            match.term = "title:" + std::string(*title);
        } else {
            match.term = text_stem(term).value_or(term);
            if (words.empty()) words = tokenize(hit_fields(doc).title + "\n" + stored_text(doc));
            std::map<std::string, unsigned> forms;
            for (const std::string& w : words) {
                if (analyzer_.stem(w) == match.term) ++forms[w];
            }
            match.words.assign(forms.begin(), forms.end());
            std::sort(match.words.begin(), match.words.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
        }
        matches.push_back(std::move(match));
    }
    std::sort(matches.begin(), matches.end(),
              [](const TermMatch& a, const TermMatch& b) { return a.weight > b.weight; });
    return matches;
}

}  // namespace fahras::detail
