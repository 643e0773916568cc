/** @file
 *  @brief Internal: the terms and positions of a document's words, and the words counted for
 *  the spelling table (TermWriter).
 */
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/words.h"
#include "fahras/analyzer.h"

namespace fahras::detail {

/** True if Xapian's TermGenerator makes exactly one term of @p word (a word as tokenize
 *  gives it), the word itself: every code point is a word character already in lower case, and
 *  any '.' is a decimal point (the tokenizer keeps it only between digits). False on invalid
 *  UTF-8.
 *
 *  Not the analyzer's test of a normalized word (analysis/analyzer.cc), though both take a
 *  word's ASCII bytes from is_ascii_word_byte: that one asks whether normalizing would change
 *  the word, this one whether the term generator would (أ, é, ß lower case: one term here, not
 *  normalized there). */
[[nodiscard]] bool is_one_term(std::string_view word);

/** Writes the text terms of words into Xapian documents as Xapian's TermGenerator
 *  (STEM_ALL_Z) would over the words that are not stop words, with fahras's stemmer, and
 *  counts the words for the spelling table, until flush_spellings() hands them to a database.
 *  One per database writer (not thread-safe). */
class TermWriter {
  public:
    explicit TermWriter(StemmerKind kind);

    /** Adds the terms of @p words (a text's, tokenize) to @p doc at positions
     *  after @p pos, which it advances; with a non-empty @p field_prefix as field terms
     *  ("Z" + prefix + stem), without positions. With @p count_spellings, each word with a
     *  letter counts towards the spelling table. */
    void add_words(Xapian::Document& doc, const WordList& words, std::string_view field_prefix,
                   Xapian::termpos& pos, bool count_spellings);

    /** Distinct words counted for the spelling table since the last flush_spellings() (those
     *  still in the terms cache not included). */
    [[nodiscard]] std::size_t pending_spellings() const { return seen_.size(); }

    /** Adds the words counted at least three times since the last call to @p db's spelling
     *  table (uncommitted), and forgets every count. */
    void flush_spellings(Xapian::WritableDatabase& db);

  private:
    /** The text terms of one word, and whether they are written with their position. */
    struct WordTerms {
        std::vector<std::string> terms;
        bool positional = true;
        bool spelled = false;        ///< has a letter: a candidate for the spelling table
        Xapian::termcount seen = 0;  ///< occurrences not yet counted in `seen_`
    };
    /** Hash for string keys looked up by std::string_view (no temporary string). */
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    template <typename Value>
    using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

    WordTerms& text_terms(std::string_view word);
    std::vector<std::string> generated_terms(std::string_view word);
    void gather_spellings();

    Analyzer analyzer_;
    // Only for the rare word that is not one term as it stands (see text_terms).
    Xapian::TermGenerator generator_;
    // Word -> its text terms ("Z" + stem), so that each distinct word is stemmed once.
    // Word frequencies are Zipfian: a bounded cache catches nearly every lookup.
    StringMap<WordTerms> terms_cache_;
    // Spelling data. Xapian's own per-occurrence add_spelling (TermGenerator::FLAG_SPELLING)
    // was the indexer's main cost, and adding words batch by batch still cost 40% of the
    // run: words are counted here and handed over at a commit (which DatabaseWriter::add
    // makes itself past a limit, to keep this memory bounded). Only words seen three times
    // go in: rarer ones are mostly typos and rare clitic combinations, and words seen once or
    // twice are 57% of all distinct words (10,000 news articles); a suggestion should be a
    // common word anyway.
    StringMap<Xapian::termcount> seen_;
};

}  // namespace fahras::detail
