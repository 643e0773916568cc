/** @file
 *  @brief Internal: query expansion: each free word of a query and the index's terms that
 *  count as it (its bare reading, other forms, spelling variants, pattern forms, title term),
 *  kept by kind, and the Xapian query that weighs them below the written form.
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "fahras/search.h"

namespace fahras::detail {

/** A term of the index that stands for a query word, and how many documents hold it (read
 *  once: it says that the term is there, and weighs it). */
struct Form {
    std::string term;
    Xapian::doccount df = 0;
};

/** A free word of the query and the index's terms that count as it, by kind. Terms are text
 *  terms (schema::kPrefixStem) but `title`; each list sorted by term. */
struct ExpandedWord {
    std::string term;         ///< the written word's term, as the parser made it
    Xapian::doccount df = 0;  ///< documents that hold it
    /** The stem without a proclitic that the stemmer's guard left on (لقومه → قوم), when the
     *  index holds it at least as often: it counts as the word itself, at its full weight. */
    std::optional<std::string> bare;
    /** Other forms: the stem with or without a proclitic, or a prefix of the imperfect verb
     *  (بدر → ببدر, كلم → يكلم); the bare reading not among them. */
    std::vector<Form> forms;
    /** Spelling variants (ترمب → ترامب), with Variants::Yes; none that is also a form. */
    std::vector<Form> variants;
    /** Pattern forms: words of its root by the patterns of broken plurals and their
     *  singulars (قلب → قلوب); none that is a form, a variant or the bare reading. */
    std::vector<Form> patterns;
    std::string title;  ///< the word in the title field (schema::kPrefixTitle)

    /** Every term above, sorted (duplicates kept). */
    [[nodiscard]] std::vector<std::string> terms() const;
};

/** Free words that share a term (the same word again, or a form of it: يجاهد جهاد) are one
 *  word to re-ranking and --explain: a document position stands for one word. */
struct WordGroup {
    std::vector<std::size_t> words;  ///< indexes in Expansion::words, in the query's order
    std::vector<std::string> terms;  ///< the terms of all its words, sorted
};

/** A parsed query with its free words expanded. */
struct Expansion {
    Xapian::Query query;              ///< what the match runs (the parsed query if not expanded)
    std::vector<ExpandedWord> words;  ///< each free word, in the query's order
    std::vector<WordGroup> groups;    ///< the distinct words
};

/** For a query of free words only (one word, or words joined by OR), each word also matches
 *  its bare reading, other forms, spelling variants (with Variants::Yes), pattern forms and
 *  title term, below the written form (docs/query.md). Phrases, boolean, field and wildcard
 *  queries are left as they are, with no words. */
[[nodiscard]] Expansion expand_free_words(const Xapian::Database& db, const Xapian::Query& parsed,
                                          Variants variants);

}  // namespace fahras::detail
