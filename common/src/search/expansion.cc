/** @file
 *  @brief Query expansion: the Arabic morphology that finds a free word's other terms in the
 *  index (proclitics, imperfect prefixes, spelling variants, broken-plural patterns), and the
 *  weights that keep them below the written form.
 */
#include "search/expansion.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string_view>
#include <utility>

#include "analysis/affixes.h"
#include "fahras/analyzer.h"
#include "fahras/schema.h"
#include "schema/terms.h"
#include "util/utf8.h"

namespace fahras::detail {

namespace {

// Query construction for free words (docs/query.md). Each word also matches, at a fraction of
// its weight, so that documents with the written form rank first:
// - its other forms in the index: the stem with and without a proclitic the stemmer's length
//   guards left on (بدر → ببدر, قوم → لقوم, لقوم → قوم) and with an imperfect verb prefix (كلم →
//   يكلم, تكلم; يحمل → حمل), and, with Variants::Yes, its spelling variants (ترمب → ترامب);
// - its pattern forms in the index: words of its root by the patterns of broken plurals and
//   their singulars (قلب → قلوب, مساجد → مسجد; pattern_forms());
// - itself in the title field.
// A form rarer than the word weighs at most what the word would: its fraction is scaled by
// idf(word) / idf(form), so that a rare form (a typo, a rare inflection, a word of another
// sense with the same letters) gets no more than the word's idf (docs/query.md).
constexpr double kFormWeight = 0.2;
constexpr double kPatternWeight = 0.2;
constexpr double kVariantWeight = 0.2;
constexpr double kTitleWeight = 0.2;

// Other forms of a stem: with and without a proclitic that a short stem keeps (stemmer.cc
// guards them) or a prefix of the imperfect verb (detail::kProcliticLetters,
// detail::kImperfectPrefixes, in the affix table); only for stems of 3 letters or more.
constexpr std::size_t kMinFormStem = 3;

// A preposition (ب ل) or ف that the stemmer's length guard left on a query word (لقومه, بمرض,
// فقومه: the guard keeps بوتين, لبنان, فريق whole) is read off when the index holds the bare
// word at least as often: the bare word then counts as the word itself, not as a form
// (docs/query.md; detail::kGuardedProclitics).

// ARABIC LETTER HEH: a final teh marbuta, as normalization writes it.
constexpr std::string_view kHeh = "ه";

bool by_term(const Form& a, const Form& b) { return a.term < b.term; }

/** Inverse document frequency of a term that @p df documents of @p db hold: log((N + 1) /
 *  df), with df at least 1 (a term the index lacks counts as the rarest). */
double idf(const Xapian::Database& db, Xapian::doccount df) {
    const double documents = db.get_doccount();
    return std::log((documents + 1) / std::max<double>(df, 1));
}

/** Adds the text term of @p word to @p forms if the index holds it. */
void add_if_indexed(const Xapian::Database& db, std::string_view word, std::vector<Form>& forms) {
    std::string term = text_term(word);
    if (const Xapian::doccount df = db.get_termfreq(term); df != 0) {
        forms.push_back({std::move(term), df});
    }
}

/** True if @p form has the shape of a past verb of form III: فاعل (جاهد). Not the bare فعل:
 *  unvoweled it is also the plural فعّل of a noun فاعل (عالم → علم), and its imperfect would
 *  cross into another word (العالم would find يعلم; docs/query.md, "pattern forms"). */
bool verb_shaped(std::string_view form) {
    // pattern_forms() writes Arabic letters only: two bytes each.
    return utf8_length(form) == 4 && form.substr(2, 2) == "ا";  // ARABIC LETTER ALEF second
}

/** The index's pattern forms of @p stem (pattern_forms()), as text terms; a form shaped like
 *  a past verb of form III also with the prefixes of its imperfect (جهاد → جاهد, يجاهد). */
std::vector<Form> pattern_terms(const Xapian::Database& db, std::string_view stem) {
    std::vector<Form> forms;
    for (const std::string& form : pattern_forms(stem)) {
        add_if_indexed(db, form, forms);
        if (!verb_shaped(form)) continue;
        for (std::string_view p : kImperfectPrefixes)
            add_if_indexed(db, std::string(p) += form, forms);
    }
    return forms;
}

/** The index's other forms of @p stem (not itself), as text terms, in no order. */
std::vector<Form> other_forms(const Xapian::Database& db, std::string_view stem) {
    std::vector<std::string> candidates;
    const auto with_and_without = [&](const auto& prefixes) {
        for (std::string_view p : prefixes) {
            candidates.push_back(std::string(p) += stem);
            if (stem.starts_with(p) && utf8_length(stem) > kMinFormStem) {
                candidates.emplace_back(stem.substr(p.size()));
            }
        }
    };
    if (utf8_length(stem) >= kMinFormStem) {
        with_and_without(kProcliticLetters);
        with_and_without(kImperfectPrefixes);
    }
    // A short name behind a proclitic its length guard leaves on (ب ل ف), both ways: the
    // stemmer takes غزة's teh marbuta (غزه) for a suffix there, لغزة is لغز; so غزة finds
    // لغزة (لغز, بغز) and لغزة finds غزة (bare_stems: غزه). Only the teh marbuta's case:
    // proclitic_stems also strips other endings behind و (صلا → وصل), another word.
    if (stem.ends_with(kHeh)) {
        const std::string_view head = stem.substr(0, stem.size() - kHeh.size());
        for (std::string& s : proclitic_stems(stem)) {
            const bool dropped_heh = std::any_of(
                kGuardedProclitics.begin(), kGuardedProclitics.end(),
                [&](std::string_view p) { return s.starts_with(p) && s.substr(p.size()) == head; });
            if (dropped_heh) candidates.push_back(std::move(s));
        }
    }
    // The other way only the teh marbuta too: bare_stems also reads لبن (milk) as ل + بن.
    for (std::string& s : bare_stems(stem)) {
        if (s.ends_with(kHeh) && utf8_length(stem) == kMinFormStem)
            candidates.push_back(std::move(s));
    }
    std::vector<Form> forms;
    for (const std::string& c : candidates) add_if_indexed(db, c, forms);
    return forms;
}

/** The index's spelling variants of @p stem (not itself), as text terms, in no order: the
 *  terms the variant table files under its variant_key(). */
std::vector<Form> spelling_variants(const Xapian::Database& db, std::string_view stem) {
    const std::string key = variant_key(stem);
    const std::string synonym_key = std::string(schema::kPrefixVariant) + key;
    const std::string self = text_term(stem);
    std::vector<Form> variants;
    for (auto v = db.synonyms_begin(synonym_key); !key.empty() && v != db.synonyms_end(synonym_key);
         ++v) {
        if (*v != self) variants.push_back({*v, db.get_termfreq(*v)});
    }
    return variants;
}

/** Sorts @p forms by term and keeps one of each. */
void sort_unique(std::vector<Form>& forms) {
    std::sort(forms.begin(), forms.end(), by_term);
    forms.erase(std::unique(forms.begin(), forms.end(),
                            [](const Form& a, const Form& b) { return a.term == b.term; }),
                forms.end());
}

/** True if @p forms holds @p term. */
bool holds(const std::vector<Form>& forms, const std::string& term) {
    return std::any_of(forms.begin(), forms.end(), [&](const Form& f) { return f.term == term; });
}

/** Takes out of @p forms the bare reading of @p stem: the stem without a proclitic of
 *  kGuardedProclitics, if the index holds it in at least @p word_df documents. */
std::optional<std::string> take_bare_reading(std::string_view stem, Xapian::doccount word_df,
                                             std::vector<Form>& forms) {
    if (utf8_length(stem) <= kMinFormStem) return std::nullopt;
    for (const std::string_view p : kGuardedProclitics) {
        if (!stem.starts_with(p)) continue;
        const std::string bare = text_term(stem.substr(p.size()));
        const auto it =
            std::find_if(forms.begin(), forms.end(), [&](const Form& f) { return f.term == bare; });
        if (it == forms.end() || it->df < word_df) return std::nullopt;
        forms.erase(it);
        return bare;
    }
    return std::nullopt;
}

/** The free word whose term is @p term, with the index's terms that count as it. */
ExpandedWord expand_word(const Xapian::Database& db, const std::string& term, Variants variants) {
    const std::string_view stem = *text_stem(term);
    ExpandedWord word;
    word.term = term;
    word.df = db.get_termfreq(term);
    // Forms and variants are one list first: a variant that is also a form is a form, and
    // the bare reading is read off either.
    std::vector<Form> forms = other_forms(db, stem);
    const std::size_t own_forms = forms.size();
    if (variants == Variants::Yes) {
        std::vector<Form> found = spelling_variants(db, stem);
        forms.insert(forms.end(), found.begin(), found.end());
    }
    std::vector<Form> own(forms.begin(), forms.begin() + static_cast<std::ptrdiff_t>(own_forms));
    sort_unique(forms);
    word.patterns = pattern_terms(db, stem);
    std::erase_if(word.patterns, [&](const Form& p) { return holds(forms, p.term); });
    word.bare = take_bare_reading(stem, word.df, forms);
    for (Form& f : forms) (holds(own, f.term) ? word.forms : word.variants).push_back(std::move(f));
    word.title = title_term(stem);
    return word;
}

/** The forms and the variants of @p word, as one list sorted by term. */
std::vector<Form> forms_and_variants(const ExpandedWord& word) {
    std::vector<Form> both;
    std::merge(word.forms.begin(), word.forms.end(), word.variants.begin(), word.variants.end(),
               std::back_inserter(both), by_term);
    return both;
}

/** @p written (the parser's query of the word) or any of its terms but the title term: each
 *  form weighs by its own frequency, as a word of its own, scaled down to the word's idf when
 *  it is rarer (see kFormWeight). */
Xapian::Query weighted(const Xapian::Database& db, const Xapian::Query& written,
                       const ExpandedWord& word, Variants variants) {
    std::vector<Xapian::Query> alternatives{written};
    if (word.bare) alternatives.emplace_back(*word.bare);
    const double word_idf = idf(db, word.df);
    const auto add = [&](const std::vector<Form>& terms, double weight) {
        // Forms at least as frequent as the word share one scaled subquery.
        std::vector<std::string> common;
        for (const Form& form : terms) {
            const double form_idf = idf(db, form.df);
            if (form_idf <= word_idf) {
                common.push_back(form.term);
            } else {
                alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(form.term),
                                          weight * word_idf / form_idf);
            }
        }
        if (!common.empty()) {
            alternatives.emplace_back(
                Xapian::Query::OP_SCALE_WEIGHT,
                Xapian::Query(Xapian::Query::OP_OR, common.begin(), common.end()), weight);
        }
    };
    add(forms_and_variants(word), variants == Variants::Yes ? kVariantWeight : kFormWeight);
    add(word.patterns, kPatternWeight);
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

/** True if the sorted @p a and @p b have a term in common. */
bool shares_a_term(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i == *j) return true;
        if (*i < *j) {
            ++i;
        } else {
            ++j;
        }
    }
    return false;
}

/** Adds word @p word with @p terms to @p groups: one group with every group it shares a term
 *  with. */
void add_to_groups(std::vector<WordGroup>& groups, std::size_t word,
                   std::vector<std::string> terms) {
    WordGroup merged{{word}, std::move(terms)};
    std::erase_if(groups, [&](WordGroup& g) {
        if (!shares_a_term(g.terms, merged.terms)) return false;
        std::vector<std::string> both;
        std::set_union(g.terms.begin(), g.terms.end(), merged.terms.begin(), merged.terms.end(),
                       std::back_inserter(both));
        merged.terms = std::move(both);
        merged.words.insert(merged.words.end(), g.words.begin(), g.words.end());
        return true;
    });
    std::sort(merged.words.begin(), merged.words.end());
    groups.push_back(std::move(merged));
}

/** The words of @p query if it is free words only (one word, or words joined by OR). */
std::optional<std::vector<Xapian::Query>> free_words(const Xapian::Query& query) {
    const auto is_free_term = [](const Xapian::Query& q) {
        return q.get_type() == Xapian::Query::LEAF_TERM && text_stem(*q.get_terms_begin());
    };
    if (is_free_term(query)) return std::vector<Xapian::Query>{query};
    if (query.get_type() != Xapian::Query::OP_OR) return std::nullopt;
    std::vector<Xapian::Query> words;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!is_free_term(query.get_subquery(i))) return std::nullopt;
        words.push_back(query.get_subquery(i));
    }
    return words;
}

}  // namespace

std::vector<std::string> ExpandedWord::terms() const {
    std::vector<std::string> out{term};
    if (bare) out.push_back(*bare);
    for (const std::vector<Form>* kind : {&forms, &variants, &patterns}) {
        for (const Form& f : *kind) out.push_back(f.term);
    }
    out.push_back(title);
    std::sort(out.begin(), out.end());
    return out;
}

Expansion expand_free_words(const Xapian::Database& db, const Xapian::Query& parsed,
                            Variants variants) {
    Expansion out;
    out.query = parsed;
    const std::optional<std::vector<Xapian::Query>> words = free_words(parsed);
    if (!words) return out;
    std::vector<Xapian::Query> parts;
    std::vector<Xapian::Query> titles;
    for (const Xapian::Query& written : *words) {
        ExpandedWord word = expand_word(db, *written.get_terms_begin(), variants);
        parts.push_back(weighted(db, written, word, variants));
        titles.emplace_back(word.title);
        add_to_groups(out.groups, out.words.size(), word.terms());
        out.words.push_back(std::move(word));
    }
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, titles.begin(), titles.end()),
                       kTitleWeight);
    out.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    return out;
}

}  // namespace fahras::detail
