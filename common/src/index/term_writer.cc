/** @file
 *  @brief The terms and positions of a document's words, and the spelling counts.
 */
#include "index/term_writer.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "analysis/utf8.h"
#include "analysis/words.h"
#include "analysis/xapian_glue.h"
#include "fahras/schema.h"
#include "schema/terms.h"

namespace fahras::detail {

namespace {

// Occurrences between two flushes before a word is added to the spelling table.
constexpr Xapian::termcount kMinSpellingCount = 3;
// Distinct words whose terms TermWriter keeps (it starts again when full).
constexpr std::size_t kTermsCacheLimit = 200000;

/** True if @p word has a letter: numbers make no spelling suggestions. */
bool has_letter(std::string_view word) {
    return std::any_of(word.begin(), word.end(),
                       [](char c) { return (c & 0x80) != 0 || (c >= 'a' && c <= 'z'); });
}

}  // namespace

bool is_one_term(std::string_view word) {
    for (std::size_t i = 0; i < word.size();) {
        const auto b = static_cast<unsigned char>(word[i]);
        if (b < 0x80) {
            if (!is_ascii_word_byte(b)) return false;
            ++i;
            continue;
        }
        const std::int32_t c = next_code_point(word, i);
        if (c < 0) return false;
        // ARABIC LETTER HAMZA .. ARABIC LETTER YEH: word characters without case.
        if (c >= 0x0621 && c <= 0x064A) continue;
        const auto u = static_cast<unsigned>(c);
        if (!Xapian::Unicode::is_wordchar(u) || Xapian::Unicode::tolower(u) != u) return false;
    }
    return true;
}

TermWriter::TermWriter(StemmerKind kind) : analyzer_(kind) {
    generator_.set_stemmer(make_stem(kind));
    // Only stems, Z-prefixed, with positions: phrases match through clitics and suffixes,
    // and each word costs one term (unstemmed terms too made indexing 25% slower and the
    // index 40% larger). Stop words and title-field terms are indexed without positions
    // (add_words). add_words writes the same terms and positions as this term generator
    // would over the words that are not stop words, but itself.
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

/** Moves the spelling counts kept in terms_cache_ (one lookup a word, not two) to seen_. */
void TermWriter::gather_spellings() {
    for (auto& [word, terms] : terms_cache_) {
        if (terms.seen == 0) continue;
        if (const auto it = seen_.find(word); it != seen_.end()) {
            it->second += terms.seen;
        } else {
            seen_.emplace(word, terms.seen);
        }
        terms.seen = 0;
    }
}

void TermWriter::flush_spellings(Xapian::WritableDatabase& db) {
    gather_spellings();
    for (const auto& [word, count] : seen_) {
        if (count >= kMinSpellingCount) db.add_spelling(word, count);
    }
    seen_.clear();
}

/** The terms Xapian's term generator makes of @p word, in the order of their positions:
 *  for a word in upper case, or with letters Xapian does not count as word characters, it
 *  splits and lower-cases the word as it always has. */
std::vector<std::string> TermWriter::generated_terms(std::string_view word) {
    Xapian::Document scratch;
    generator_.set_document(scratch);
    generator_.index_text(std::string(word));
    std::vector<std::pair<Xapian::termpos, std::string>> by_position;
    for (auto t = scratch.termlist_begin(); t != scratch.termlist_end(); ++t) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
            by_position.emplace_back(*p, *t);
        }
    }
    std::sort(by_position.begin(), by_position.end());
    std::vector<std::string> terms;
    for (auto& [position, term] : by_position) terms.push_back(std::move(term));
    return terms;
}

/** The text terms of one word (as tokenize gives it), in order: what Xapian's TermGenerator
 *  (STEM_ALL_Z) indexes for it, without running its tokenizer again. */
TermWriter::WordTerms& TermWriter::text_terms(std::string_view word) {
    if (const auto it = terms_cache_.find(word); it != terms_cache_.end()) return it->second;
    if (terms_cache_.size() >= kTermsCacheLimit) {
        gather_spellings();
        terms_cache_.clear();
    }
    std::vector<std::string> terms;
    if (!is_one_term(word)) {
        terms = generated_terms(word);
    } else if (word.size() <= kMaxWordBytes) {
        // TermGenerator skips words longer than its limit, and empty stems.
        std::string stem = analyzer_.stem(word);
        if (!stem.empty()) terms.push_back(text_term(stem));
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
    return terms_cache_.emplace(word, WordTerms{std::move(terms), positional, spelled})
        .first->second;
}

void TermWriter::add_words(Xapian::Document& doc, const WordList& words,
                           std::string_view field_prefix, Xapian::termpos& pos,
                           bool count_spellings) {
    std::string field_term;
    for (std::size_t i = 0; i < words.size(); ++i) {
        WordTerms& word_terms = text_terms(words[i]);
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

}  // namespace fahras::detail
