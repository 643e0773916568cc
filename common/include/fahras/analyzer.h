/** @file
 *  @brief The Arabic analyzer: stemming and stop words on top of normalize() and tokenize().
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/** Which stemmer turns a normalized word into an index term. */
enum class StemmerKind {
    Light,     ///< fahras's own light stemmer (the default; docs/analyzer.md).
    Snowball,  ///< Xapian's Snowball Arabic stemmer, for comparison.
    None,      ///< no stemming: the normalized word is the term.
};

/** Parses "light", "snowball" or "none".
 *  @throws fahras::Error naming the value otherwise.
 */
[[nodiscard]] StemmerKind parse_stemmer_kind(std::string_view name);

/** "light", "snowball" or "none". */
[[nodiscard]] std::string_view to_string(StemmerKind kind) noexcept;

/** Strips the clitics and light suffixes of one normalized word (fahras's light stemmer).
 *
 *  Proclitics: a conjunction (و ف), then a preposition (ب ك ل), then the article (ال; ل + ال
 *  is written لل), each only when enough of the word remains. Suffixes: one pronoun suffix
 *  (ها هم هما…), then one inflection suffix (ات ون ين ان يه يا ي ه…), again with length
 *  guards. Words on the protected list (common words and names that begin or end with
 *  letters that look like affixes, e.g. وزير, واشنطن, فلسطين, بريطانيا) are never cut inside.
 *
 *  @param word  one word as returned by tokenize() (normalized, UTF-8).
 *  @return the stem, UTF-8; never empty for a non-empty word.
 */
[[nodiscard]] std::string light_stem(std::string_view word);

/** The stems that the word of @p stem gives behind each one-letter proclitic (و ف ب ل ك):
 *  what light_stem() makes of the proclitic and the word, which is not always the two glued
 *  together. Behind a proclitic that its length guard leaves on, a teh marbuta after two
 *  letters goes: غزه (غزة) gives لغز and بغز (لغزة, بغزة), مده (مدة) لمد; قوم gives لقوم,
 *  بقوم. Query expansion looks these up in the index (docs/analyzer.md, "Short words behind a
 *  proclitic").
 *  @param stem  a stem (light_stem()), normalized, UTF-8.
 *  @return the stems, sorted, without @p stem itself; empty for stems of fewer than 3 letters.
 */
[[nodiscard]] std::vector<std::string> proclitic_stems(std::string_view stem);

/** The other way: the stems that the word of @p stem may have without a proclitic that the
 *  stemmer's length guard left on it (ب ل ف): the stem without it, and for a stem of three
 *  letters the word with the teh marbuta that the guard took for the stem's (لغز, from
 *  لغزة, gives غزه; بقو, from بقوة, قوه; بمصر gives مصر). Each is checked to give @p stem back
 *  behind the proclitic. Most are not words (بيت gives يت and يته): the caller keeps those
 *  its index has.
 *  @param stem  a stem (light_stem()), normalized, UTF-8.
 *  @return the stems, sorted.
 */
[[nodiscard]] std::vector<std::string> bare_stems(std::string_view stem);

/** The key under which spelling variants of a stem meet: ترامب and ترمب, امريك and اميرك,
 *  خودوركوفسك and خدروكوفسك. The long vowels ا و ي (and ء) after the first letter are
 *  dropped, and Persian letters for sounds Arabic lacks become the Arabic ones writers use
 *  for them (پ → ب, چ → ج, ژ → ز, ڤ → ف, گ → ك).
 *  @param stem  a stem, UTF-8.
 *  @return the key, or "" when fewer than 4 letters are left (too short to tell words apart).
 */
[[nodiscard]] std::string variant_key(std::string_view stem);

/** Candidate words of the same root as @p stem by the common patterns of Arabic morphology:
 *  broken plurals and their singulars (قلب ↔ قلوب, خبر ↔ اخبار, مسجد ↔ مساجد, وزير ↔ وزراء,
 *  رسال ↔ رساءل), built from the stem's letters by pattern, with no word list. Most
 *  candidates are not words; the caller keeps those its index has (docs/query.md).
 *  @param stem  a stem (light_stem()), normalized, UTF-8.
 *  @return the candidates, sorted, without @p stem; empty for stems of fewer than 3 letters
 *          and for stems with a character outside the Arabic block (U+0600 to U+06FF).
 */
[[nodiscard]] std::vector<std::string> pattern_forms(std::string_view stem);

/** True if the normalized word is on fahras's Arabic stop-word list. */
[[nodiscard]] bool is_stop_word(std::string_view word);

/** Whether a token is on the stop-word list (Token::stop_word). */
enum class StopWord { Yes, No };

/** One word of a text as the index sees it (Analyzer::analyze). All strings UTF-8. */
struct Token {
    std::string surface;     ///< the word as written in the input, marks and tatweel included
    std::string normalized;  ///< normalized and case-folded (an element of tokenize())
    std::string stem;        ///< the stem: the index term without its prefix
    std::size_t start = 0;   ///< byte offset of the surface form in the input
    std::size_t end = 0;  ///< byte offset just past it: surface == input.substr(start, end - start)
    StopWord stop_word = StopWord::No;  ///< indexed without positions, left out of queries
};

/** The longest word the index takes, in bytes of its normalized UTF-8 (32 Arabic letters):
 *  a longer word is not indexed (Xapian's TermGenerator skips it by the same default, and
 *  fahras's indexer skips the words it stems itself), so the searcher looks no longer query
 *  word up in the spelling data. */
inline constexpr std::size_t kMaxWordBytes = 64;

/** Turns text into index terms: the one analysis shared by indexing and searching.
 *
 *  Documents and queries both go through tokenize() and then stem(); the index and the
 *  searcher plug the same stemmer into Xapian (TermGenerator, QueryParser, MSet::snippet).
 */
class Analyzer {
  public:
    /** @param kind  the stemmer; an index records the one it was built with. */
    explicit Analyzer(StemmerKind kind = StemmerKind::Light) : kind_(kind) {}

    [[nodiscard]] StemmerKind kind() const noexcept { return kind_; }

    /** Stems one word. The word is normalized first if it needs it, so that raw words
     *  (with diacritics, hamza forms, tatweel…) give the same stem as their normalized form.
     *  @param word  UTF-8.
     *  @return the term, UTF-8.
     */
    [[nodiscard]] std::string stem(std::string_view word) const;

    /** The stems of the words of @p text, stop words left out (UTF-8 in/out). */
    [[nodiscard]] std::vector<std::string> terms(std::string_view text) const;

    /** Every word of @p text with its surface form, normalized form, stem and byte offsets:
     *  what the index makes of a text, for showing and checking the analysis.
     *
     *  **Example**: `analyze("وَالرئيسُ")` → one token {surface "وَالرئيسُ", normalized
     *  "والرءيس", stem "رءيس", start 0, end 18}.
     *
     *  @param text  UTF-8 (an invalid sequence is read as U+FFFD, its offsets kept).
     *  @throws fahras::Error if ICU fails.
     */
    [[nodiscard]] std::vector<Token> analyze(std::string_view text) const;

  private:
    StemmerKind kind_;
};

/** Version of the analysis (normalize + tokenize + stemmers + stop words) and of the schema
 *  (schema.h). Bump it whenever any of them changes what terms or values a document gives:
 *  indexes record it and the searcher refuses an index built with another version.
 *  2: day and month value slots, source terms through source_key() (now source_name_key()).
 *  4: stop words and title-field terms without positions; the document data is the text
 *     alone, in SCSU; a hit's fields packed in one value slot.
 *  5: امرأة and its forms have the stem of المرأة.
 *  6: the pronoun suffixes هم هن كم كن may leave a stem of three letters.
 *  7: a protected word (والد, وقت) protects only itself with its endings: والدول is دول.
 *  8: وسائل, وثائق, وقائع are protected (their entries were not written normalized).
 *  9: وصل, وجد, وقع, واصل, وليد are protected: وصلت is not و + صلت.
 *  10: stop words والتي, والذي, والذين, بأن, the dual and plural relative pronouns, and the
 *      misspellings اللتي, اللذي.
 *  11: a hamza is one letter whatever its seat (ؤ ئ ىء → ء: مسؤول = مسئول).
 */
inline constexpr int kAnalyzerVersion = 11;

}  // namespace fahras
