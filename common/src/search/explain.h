/** @file
 *  @brief Internal: --explain: the terms a hit matched, each with its weight alone, the
 *  query words it stands for and the document's words behind it.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/search.h"
#include "search/expansion.h"

namespace fahras::detail {

/** A query word (as typed) and the index terms that stand for it, sorted: its stem, its
 *  title term and, for a free word, every other term of its group (forms, variants). */
struct QueryWordTerms {
    std::string word;
    std::vector<std::string> terms;
};

/** The terms of each distinct word of @p words (stop words have none), with the terms of
 *  the groups of @p expansion they are in. */
[[nodiscard]] std::vector<QueryWordTerms> query_word_terms(const std::vector<Token>& words,
                                                           const Expansion& expansion);

/** Explains the hits of one match. */
class Explainer {
  public:
    /** @param db, options   as the match ran
     *  @param enquire       the Enquire that ran it
     *  @param stemmer       the index's
     *  @param query_words   query_word_terms() of the query */
    Explainer(const Xapian::Database& db, const SearchOptions& options,
              const Xapian::Enquire& enquire, StemmerKind stemmer,
              std::vector<QueryWordTerms> query_words);

    /** Why @p hit matched: each matching term with its weight alone, the query words it
     *  stands for and the document's words behind it, heaviest first. */
    [[nodiscard]] std::vector<TermMatch> explain(const Xapian::MSetIterator& hit) const;

  private:
    /** The weight of @p term alone in the document @p only_this, weighted as the match. */
    [[nodiscard]] double weight_alone(const std::string& term,
                                      const Xapian::Query& only_this) const;

    const Xapian::Database& db_;
    const SearchOptions& options_;
    const Xapian::Enquire& enquire_;
    Analyzer analyzer_;
    std::vector<QueryWordTerms> query_words_;
};

}  // namespace fahras::detail
