/** @file
 *  @brief Ranked search over a fahras index.
 */
#include "fahras/search.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "analysis/affixes.h"
#include "analysis/utf8.h"
#include "analysis/xapian_glue.h"
#include "fahras/analyzer.h"
#include "fahras/corpus.h"
#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/tokenize.h"
#include "schema/stored_fields.h"
#include "schema/terms.h"
#include "search/open_index.h"
#include "util/lines.h"
#include "util/utf8.h"
#include "util/xapian_errors.h"

namespace fahras {

namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

// Floor on BM25's normalized document length. Xapian's default, 0.5, treats every document
// shorter than half the average as half the average, so short passages lose their edge over
// long articles; standard BM25 has no floor (arcd MRR@10 0.5565 -> 0.6165, docs/query.md).
constexpr double kMinNormLen = 0.0;

// Pseudo-relevance feedback (SearchOptions::expand_terms): hits taken as relevant, and the
// weight of the terms added, relative to the query's own.
constexpr Xapian::doccount kFeedbackDocs = 5;
constexpr double kFeedbackWeight = 0.5;

/** Feedback adds word stems only: not ids, titles as fields, or the query's own stop words. */
class StemTermsOnly : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        const std::optional<std::string_view> stem = detail::text_stem(term);
        return stem && !is_stop_word(*stem);
    }
};

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

// Re-ranking of a free-word query of two words or more (docs/query.md, "Re-ranking"): the
// first SearchOptions::rerank_depth hits (50) are scored again, times
//   (matched / words)^kCoordinationPower      (a document with more of the query's words ranks
//                                              higher; a word counts when its stem, a form of
//                                              it or its title term matched)
//   × (1 + kProximityWeight × present / span) (the words it matched are close together: span is
//                                              the shortest run of positions holding one of
//                                              each, present the number of words it holds)
// and the best of them are kept. Only the order of those hits changes.
constexpr double kCoordinationPower = 0.5;
constexpr double kProximityWeight = 0.2;

/** A word of a free-word query: every term that counts as that word in a document (its stem,
 *  its other and pattern forms, its title term), sorted. */
struct WordGroup {
    std::vector<std::string> terms;
};

// Words of this many letters or fewer get spelling suggestions one edit away, not two.
constexpr std::size_t kShortWord = 4;

// "Did you mean" looks up at most this many query words that the index lacks, or none: a
// lookup costs up to a tenth of a second (a word of 32 letters, 70,108 news articles), and a
// query with more unknown words is a pasted text or a list of names, not a typo (issue #15:
// 250 such words took 29 s).
constexpr std::size_t kMaxMisspeltWords = 8;

/** A form of a query word that the index holds: its text term and how many documents
 *  hold it (read once: it says that the form is there, and weighs it). */
struct Form {
    std::string term;
    Xapian::doccount df = 0;
};

/** Inverse document frequency of a term that @p df documents of @p db hold: log((N + 1) /
 *  df), with df at least 1 (a term the index lacks counts as the rarest). */
double idf(const Xapian::Database& db, Xapian::doccount df) {
    const double documents = db.get_doccount();
    return std::log((documents + 1) / std::max<double>(df, 1));
}

/** Adds the text term of @p word to @p forms if the index holds it. */
void add_if_indexed(const Xapian::Database& db, std::string_view word, std::vector<Form>& forms) {
    std::string term = detail::text_term(word);
    if (const Xapian::doccount df = db.get_termfreq(term); df != 0) {
        forms.push_back({std::move(term), df});
    }
}

/** True if @p form has the shape of a past verb: فعل, or فاعل (form III, جاهد). */
bool verb_shaped(std::string_view form) {
    // pattern_forms() writes Arabic letters only: two bytes each.
    const std::size_t n = detail::utf8_length(form);
    return n == 3 || (n == 4 && form.substr(2, 2) == "ا");  // ARABIC LETTER ALEF second
}

/** The index's pattern forms of @p stem (pattern_forms()), as text terms; a form shaped like
 *  a past verb also with the prefixes of its imperfect (جهاد → جاهد, يجاهد). */
std::vector<Form> pattern_terms(const Xapian::Database& db, std::string_view stem) {
    std::vector<Form> forms;
    for (const std::string& form : pattern_forms(stem)) {
        add_if_indexed(db, form, forms);
        if (!verb_shaped(form)) continue;
        for (std::string_view p : detail::kImperfectPrefixes)
            add_if_indexed(db, std::string(p) += form, forms);
    }
    return forms;
}

/** The index's other forms of @p stem (not itself), as text terms. */
std::vector<Form> other_forms(const Xapian::Database& db, std::string_view stem,
                              Variants variants) {
    std::vector<std::string> candidates;
    if (detail::utf8_length(stem) >= kMinFormStem) {
        for (std::string_view p : detail::kProcliticLetters) {
            candidates.push_back(std::string(p) += stem);
            if (stem.starts_with(p) && detail::utf8_length(stem) > kMinFormStem) {
                candidates.emplace_back(stem.substr(p.size()));
            }
        }
        for (std::string_view p : detail::kImperfectPrefixes) {
            candidates.push_back(std::string(p) += stem);
            if (stem.starts_with(p) && detail::utf8_length(stem) > kMinFormStem) {
                candidates.emplace_back(stem.substr(p.size()));
            }
        }
    }
    std::vector<Form> forms;
    for (const std::string& c : candidates) add_if_indexed(db, c, forms);
    if (variants == Variants::Yes) {
        const std::string key = variant_key(stem);
        const std::string synonym_key = std::string(schema::kPrefixVariant) + key;
        const std::string self = detail::text_term(stem);
        for (auto v = db.synonyms_begin(synonym_key);
             !key.empty() && v != db.synonyms_end(synonym_key); ++v) {
            if (*v != self) forms.push_back({*v, db.get_termfreq(*v)});
        }
    }
    const auto by_term = [](const Form& a, const Form& b) { return a.term < b.term; };
    std::sort(forms.begin(), forms.end(), by_term);
    forms.erase(std::unique(forms.begin(), forms.end(),
                            [](const Form& a, const Form& b) { return a.term == b.term; }),
                forms.end());
    return forms;
}

/** Takes out of @p forms the bare reading of @p stem: the stem without a proclitic of
 *  kGuardedProclitics, if the index holds it in at least @p word_df documents. */
std::optional<std::string> take_bare_reading(std::string_view stem, Xapian::doccount word_df,
                                             std::vector<Form>& forms) {
    if (detail::utf8_length(stem) <= kMinFormStem) return std::nullopt;
    for (const std::string_view p : detail::kGuardedProclitics) {
        if (!stem.starts_with(p)) continue;
        const std::string bare = detail::text_term(stem.substr(p.size()));
        const auto it =
            std::find_if(forms.begin(), forms.end(), [&](const Form& f) { return f.term == bare; });
        if (it == forms.end() || it->df < word_df) return std::nullopt;
        forms.erase(it);
        return bare;
    }
    return std::nullopt;
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

/** For a query of free words only (one word, or words joined by OR), each word also matches
 *  its other forms and its title term, below the written form (see kFormWeight). Phrases,
 *  boolean, field and wildcard queries are left as they are. @p groups receives the terms
 *  of each distinct free word (none for other queries), for re-ranking. */
Xapian::Query expand_free_words(const Xapian::Database& db, const Xapian::Query& query,
                                Variants variants, std::vector<WordGroup>& groups) {
    const auto is_free_term = [](const Xapian::Query& q) {
        return q.get_type() == Xapian::Query::LEAF_TERM && detail::text_stem(*q.get_terms_begin());
    };
    std::vector<Xapian::Query> words;
    if (is_free_term(query)) {
        words.push_back(query);
    } else if (query.get_type() == Xapian::Query::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            if (!is_free_term(query.get_subquery(i))) return query;
            words.push_back(query.get_subquery(i));
        }
    } else {
        return query;
    }

    std::vector<Xapian::Query> parts;
    std::vector<Xapian::Query> titles;
    for (const Xapian::Query& word : words) {
        const std::string term = *word.get_terms_begin();
        const std::string_view stem = *detail::text_stem(term);
        std::vector<Form> forms = other_forms(db, stem, variants);
        std::vector<Form> patterns = pattern_terms(db, stem);
        std::erase_if(patterns, [&](const Form& p) {
            return std::any_of(forms.begin(), forms.end(),
                               [&](const Form& f) { return f.term == p.term; });
        });
        // Each form weighs by its own frequency, as a word of its own, scaled down to the
        // word's idf when it is rarer (see kFormWeight).
        std::vector<Xapian::Query> alternatives{word};
        const Xapian::doccount word_df = db.get_termfreq(term);
        std::vector<std::string> group{term};
        if (std::optional<std::string> bare = take_bare_reading(stem, word_df, forms)) {
            group.push_back(*bare);
            alternatives.emplace_back(std::move(*bare));
        }
        for (const Form& f : forms) group.push_back(f.term);
        for (const Form& f : patterns) group.push_back(f.term);
        const double word_idf = idf(db, word_df);
        const auto add = [&](const std::vector<Form>& terms, double weight) {
            // Forms at least as frequent as the word share one scaled subquery.
            std::vector<std::string> common;
            for (const Form& form : terms) {
                const double form_idf = idf(db, form.df);
                if (form_idf <= word_idf) {
                    common.push_back(form.term);
                } else {
                    alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                              Xapian::Query(form.term),
                                              weight * word_idf / form_idf);
                }
            }
            if (!common.empty()) {
                alternatives.emplace_back(
                    Xapian::Query::OP_SCALE_WEIGHT,
                    Xapian::Query(Xapian::Query::OP_OR, common.begin(), common.end()), weight);
            }
        };
        add(forms, variants == Variants::Yes ? kVariantWeight : kFormWeight);
        add(patterns, kPatternWeight);
        parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        std::string title = detail::title_term(stem);
        group.push_back(title);
        std::sort(group.begin(), group.end());
        titles.emplace_back(std::move(title));
        // A word that shares a term with earlier ones (the same word again, or a form of it:
        // يجاهد جهاد) is one word with them: their groups become one, holding all their
        // terms, so that a document position stands for one word.
        WordGroup merged{std::move(group)};
        std::erase_if(groups, [&](WordGroup& g) {
            if (!shares_a_term(g.terms, merged.terms)) return false;
            std::vector<std::string> both;
            std::set_union(g.terms.begin(), g.terms.end(), merged.terms.begin(), merged.terms.end(),
                           std::back_inserter(both));
            merged.terms = std::move(both);
            return true;
        });
        groups.push_back(std::move(merged));
    }
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, titles.begin(), titles.end()),
                       kTitleWeight);
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

/** For each of @p hits, the terms of @p groups the document holds. One skip through each
 *  term's posting list: Enquire::get_matching_terms reads each document's whole term list,
 *  which doubled the time of a search. */
std::map<Xapian::docid, std::vector<std::string>> held_terms(const Xapian::Database& db,
                                                             std::vector<Xapian::docid> hits,
                                                             const std::vector<WordGroup>& groups) {
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> all;
    for (const WordGroup& group : groups)
        all.insert(all.end(), group.terms.begin(), group.terms.end());
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    std::map<Xapian::docid, std::vector<std::string>> held;
    for (const std::string& term : all) {
        auto post = db.postlist_begin(term);
        for (const Xapian::docid hit : hits) {
            post.skip_to(hit);
            if (post == db.postlist_end(term)) break;
            if (*post == hit) held[hit].push_back(term);
        }
    }
    return held;
}

/** The factor by which re-ranking multiplies the score of @p hit (see kCoordinationPower). */
double rerank_factor(const Xapian::Database& db, Xapian::docid hit,
                     const std::vector<std::string>& terms, const std::vector<WordGroup>& groups) {
    // (position, word) of each text term of the query in the document; title terms have none.
    std::vector<std::pair<Xapian::termpos, std::size_t>> at;
    std::size_t matched = 0;
    std::size_t present = 0;
    for (std::size_t w = 0; w < groups.size(); ++w) {
        const std::vector<std::string>& group = groups[w].terms;
        bool match = false;
        bool placed = false;
        for (const std::string& t : terms) {
            if (!std::binary_search(group.begin(), group.end(), t)) continue;
            match = true;
            for (auto p = db.positionlist_begin(hit, t); p != db.positionlist_end(hit, t); ++p) {
                at.emplace_back(*p, w);
                placed = true;
            }
        }
        matched += match;
        present += placed;
    }
    double factor = std::pow(static_cast<double>(matched) / static_cast<double>(groups.size()),
                             kCoordinationPower);
    if (present < 2) return factor;
    // The shortest window of positions holding each present word once (two pointers).
    std::sort(at.begin(), at.end());
    std::vector<std::size_t> in_window(groups.size(), 0);
    std::size_t covered = 0;
    Xapian::termpos span = std::numeric_limits<Xapian::termpos>::max();
    for (std::size_t lo = 0, hi = 0; hi < at.size(); ++hi) {
        if (in_window[at[hi].second]++ == 0) ++covered;
        while (covered == present) {
            span = std::min(span, at[hi].first - at[lo].first + 1);
            if (--in_window[at[lo].second] == 0) --covered;
            ++lo;
        }
    }
    factor *= 1 + kProximityWeight * static_cast<double>(present) / static_cast<double>(span);
    return factor;
}

/** The weighting scheme of @p options. */
std::unique_ptr<Xapian::Weight> weighting(const Xapian::Database& db,
                                          const SearchOptions& options) {
    const bool bm25 = options.ranking == Ranking::Bm25 ||
                      (options.ranking == Ranking::Auto && db.get_doccount() < kDlhMinDocuments);
    if (bm25) {
        // k2 = 0 and k3 = 1 as in Xapian; no floor on document length (kMinNormLen).
        return std::make_unique<Xapian::BM25Weight>(options.bm25_k1, 0, 1, options.bm25_b,
                                                    kMinNormLen);
    }
    return std::make_unique<Xapian::DLHWeight>();
}

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

/** A query word (as typed) and the index terms that stand for it, sorted: its stem, its
 *  title term and, for a free word, every other term of its group (forms, variants). */
struct QueryWordTerms {
    std::string word;
    std::vector<std::string> terms;
};

/** The terms of each distinct word of the query @p text (stop words have none), for
 *  --explain. */
std::vector<QueryWordTerms> query_word_terms(StemmerKind stem_kind, std::string_view text,
                                             const std::vector<WordGroup>& groups) {
    std::vector<QueryWordTerms> out;
    for (const Token& token : Analyzer(stem_kind).analyze(text)) {
        if (token.stop_word == StopWord::Yes ||
            std::any_of(out.begin(), out.end(),
                        [&](const QueryWordTerms& q) { return q.word == token.surface; })) {
            continue;
        }
        const std::string& stem = token.stem;
        std::string term = detail::text_term(stem);
        std::vector<std::string> terms{term, detail::title_term(stem)};
        for (const WordGroup& g : groups) {
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

/** Why @p hit matched: each matching term with its weight alone, the query words it stands
 *  for (@p query_words) and the document's words behind it. */
std::vector<TermMatch> explain(const Xapian::Database& db, StemmerKind stem_kind,
                               const Xapian::Enquire& enquire, const Xapian::MSetIterator& hit,
                               const SearchOptions& options,
                               const std::vector<QueryWordTerms>& query_words) {
    const Xapian::Document doc = hit.get_document();
    const Xapian::Query only_this(schema::id_term(doc.get_value(schema::kSlotId)));
    const Analyzer analyzer(stem_kind);
    std::vector<std::string> words;  // the document's words, read once if needed
    std::vector<TermMatch> matches;
    for (auto t = enquire.get_matching_terms_begin(hit); t != enquire.get_matching_terms_end(hit);
         ++t) {
        // The term's weight alone: the same query weighting, on this document only.
        Xapian::Enquire one(db);
        one.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(*t), only_this));
        one.set_weighting_scheme(*weighting(db, options));
        const Xapian::MSet weight = one.get_mset(0, 1);
        TermMatch match;
        match.weight = weight.empty() ? 0.0 : weight.begin().get_weight();
        const std::string& term = *t;
        if (!term.starts_with(schema::kPrefixStem)) continue;  // a filter (source:), no weight
        for (const QueryWordTerms& q : query_words) {
            if (std::binary_search(q.terms.begin(), q.terms.end(), term)) {
                match.query_words.push_back(q.word);
            }
        }
        if (const std::optional<std::string_view> title = detail::title_stem(term)) {
            match.term = "title:" + std::string(*title);
        } else {
            match.term = detail::text_stem(term).value_or(term);
            if (words.empty()) {
                words = tokenize(detail::hit_fields(doc).title + "\n" + detail::stored_text(doc));
            }
            std::map<std::string, unsigned> forms;
            for (const std::string& w : words) {
                if (analyzer.stem(w) == match.term) ++forms[w];
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

/** Which end of a date range a bound is. */
enum class Bound { Lower, Upper };

/** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the day it starts (Lower) or ends (Upper) with. Days
 *  compare as strings; no valid day is past the 31st of its month, so `-31` ends any. */
std::string date_bound(std::string_view value, std::string_view name, Bound bound) {
    std::string day(value);
    if (value.size() == 4) day += bound == Bound::Lower ? "-01-01" : "-12-31";
    if (value.size() == 7) day += bound == Bound::Lower ? "-01" : "-31";
    const std::string check = value.size() == 7 ? std::string(value) + "-01" : day;
    if (day.size() != 10 || iso_day(check) != check) {
        throw Error("bad date '" + std::string(value) + "' for " + std::string(name) +
                    " (use YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    return day;
}

/** Documents within [since, until] (SearchOptions), by their day; an empty query if there
 *  is no bound. */
Xapian::Query date_filter(const SearchOptions& options) {
    if (options.since.empty() && options.until.empty()) return {};
    if (options.until.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDay,
                             date_bound(options.since, "since", Bound::Lower));
    }
    const std::string until = date_bound(options.until, "until", Bound::Upper);
    if (options.since.empty()) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDay, until);
    }
    const std::string since = date_bound(options.since, "since", Bound::Lower);
    // An empty range is a mistake (the bounds swapped). Xapian makes OP_VALUE_RANGE with
    // begin > end an empty Query, which search_once took for no filter at all.
    if (since > until) {
        throw Error("since '" + options.since + "' is after until '" + options.until + "'");
    }
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDay, since, until);
}

/** Where a field's value lies in a query: `FIELD"VALUE"` (to the closing quote, or the end)
 *  or `FIELDVALUE` (to white space or ')'). */
struct FieldValue {
    std::size_t start = 0;  ///< first byte of the value
    std::size_t end = 0;    ///< one past its last byte
    std::size_t next = 0;   ///< one past the field (after a closing quote)
};

/** True if the field name at @p i of @p query starts a word (after space, '(', '+' or '-'). */
bool at_word_start(std::string_view query, std::size_t i) {
    return i == 0 || query[i - 1] == ' ' || query[i - 1] == '\t' || query[i - 1] == '\n' ||
           query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-';
}

/** The value of the field whose name ends at @p start of @p query. */
FieldValue field_value(std::string_view query, std::size_t start) {
    FieldValue v;
    v.start = start;
    if (start < query.size() && query[start] == '"') {
        ++v.start;
        v.end = query.find('"', v.start);
        if (v.end == std::string_view::npos) v.end = query.size();
        v.next = std::min(v.end + 1, query.size());
    } else {
        v.end = query.find_first_of(" \t\n)", start);
        if (v.end == std::string_view::npos) v.end = query.size();
        v.next = v.end;
    }
    return v;
}

constexpr std::string_view kSourceField = "source:";

/** The query as the parser reads it: query_text() for the words, and each `source:NAME`
 *  (up to white space or ')') or `source:"NAME"` (with a '+' or '-' before it) passed
 *  through as `source:KEY` with the name's source_name_key(), which query_text() would split. */
std::string prepare_query(std::string_view query) {
    std::string out;
    std::size_t text_start = 0;
    for (std::size_t i = query.find(kSourceField); i != std::string_view::npos;
         i = query.find(kSourceField, i + 1)) {
        if (!at_word_start(query, i)) continue;
        const FieldValue v = field_value(query, i + kSourceField.size());
        const std::size_t value_start = v.start;
        const std::size_t value_end = v.end;
        const std::size_t field_end = v.next;
        // The key as the index holds it (cut and hashed if too long for one term), so that
        // the parser's boolean prefix builds the term IndexWriter wrote.
        std::string key = source_name_key(query.substr(value_start, value_end - value_start));
        if (!key.empty()) key = schema::source_term(key).substr(schema::kPrefixSource.size());
        if (key.empty() || key.find('"') != std::string::npos) continue;
        std::size_t field_start = i;
        if (i > 0 && (query[i - 1] == '+' || query[i - 1] == '-') && i - 1 >= text_start) {
            --field_start;
        }
        out += query_text(query.substr(text_start, field_start - text_start));
        out += ' ';
        out += query.substr(field_start, i - field_start);  // the sign, if any
        out += kSourceField;
        const bool quote = key.find_first_of(" ()") != std::string::npos;
        out += quote ? '"' + key + '"' : key;
        out += ' ';
        text_start = field_end;
        i = field_end - 1;
    }
    out += query_text(query.substr(text_start));
    return out;
}

/** The counts a match spy on @p facet's value slot gathered, in the documented order. */
FacetCounts facet_counts(Facet facet, const Xapian::ValueCountMatchSpy& spy) {
    FacetCounts counts;
    counts.facet = facet;
    std::size_t with_value = 0;
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
        counts.counts.push_back({*v, v.get_termfreq()});
        with_value += v.get_termfreq();
    }
    // The spy sees every match (facets make the match check them all): the rest have none.
    counts.missing = spy.get_total() - std::min<std::size_t>(with_value, spy.get_total());
    // values_begin() gives byte order: right for months; sources go by count.
    if (facet == Facet::Source) {
        std::stable_sort(
            counts.counts.begin(), counts.counts.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
    }
    return counts;
}

constexpr std::string_view kExactField = "exact:";

/** Takes each `exact:"WORDS"` or `exact:WORD` out of @p query: it becomes the phrase "WORDS"
 *  (matched like any phrase, by stem) and its written form, NFC, goes to @p forms. */
std::string take_exact(std::string_view query, std::vector<std::string>* forms) {
    std::string out;
    std::size_t done = 0;
    for (std::size_t i = query.find(kExactField); i != std::string_view::npos;
         i = query.find(kExactField, i + 1)) {
        if (!at_word_start(query, i) || i < done) continue;
        const FieldValue v = field_value(query, i + kExactField.size());
        const std::size_t start = v.start;
        const std::size_t end = v.end;
        const std::size_t next = v.next;
        const std::string_view form = query.substr(start, end - start);
        // Nothing to look for: the field's name alone would be searched as a word.
        if (form.find_first_not_of(" \t\n") == std::string_view::npos) {
            throw QueryError("query '" + std::string(query) + "': exact: needs a word or phrase");
        }
        forms->push_back(detail::nfc(form));
        out += query.substr(done, i - done);
        out += '"';
        out += form;
        out += '"';
        done = next;
        i = next - 1;
    }
    out += query.substr(done);
    return out;
}

/** Keeps the documents whose stored title or text holds every written form, NFC. */
class HoldsExactForms : public Xapian::MatchDecider {
  public:
    explicit HoldsExactForms(std::vector<std::string> forms) : forms_(std::move(forms)) {}

    bool operator()(const Xapian::Document& doc) const override {
        const std::string text =
            detail::nfc(detail::hit_fields(doc).title + "\n" + detail::stored_text(doc));
        return std::all_of(forms_.begin(), forms_.end(), [&](const std::string& form) {
            return text.find(form) != std::string::npos;
        });
    }

  private:
    std::vector<std::string> forms_;
};

/** True if @p token of @p query names a field: `title:`, `source:` or `exact:` (any case, as
 *  query_text() folds it) at the start of a word, the colon right after it. */
bool is_field_name(std::string_view query, const Token& token) {
    return token.end < query.size() && query[token.end] == ':' &&
           at_word_start(query, token.start) &&
           (token.normalized == "title" || token.normalized == "source" ||
            token.normalized == "exact");
}

/** True if @p token is the boolean operator AND, OR, NOT or XOR (in capitals only). */
bool is_operator(const Token& token) {
    return token.surface == "AND" || token.surface == "OR" || token.surface == "NOT" ||
           token.surface == "XOR";
}

/** "Did you mean": @p query as typed, with each free word whose stem the index lacks replaced
 *  by the nearest word of the index's spelling data whose stem it has (normalized); "" if
 *  none is replaced. Everything else stays as typed: words in a field (title:, source:,
 *  exact:) and words with a wildcard get no suggestion, and the operators, quotes, signs and
 *  parentheses between words are left alone. Xapian's own correction would also rewrite
 *  words the index has, since its terms are stems (كاس → كان). Spelling correction is costly:
 *  it runs only for words missing altogether, only for words the index could hold (up to
 *  kMaxWordBytes), and only when there are at most kMaxMisspeltWords of them. */
std::string suggestion(const Xapian::Database& db, StemmerKind stem_kind, std::string_view query) {
    const Analyzer analyzer(stem_kind);
    const std::vector<Token> tokens = analyzer.analyze(query);
    std::vector<const Token*> missing;
    std::size_t field_end = 0;  // one past the value of the last field met
    for (const Token& token : tokens) {
        if (token.start < field_end) continue;
        if (is_field_name(query, token)) {
            field_end = field_value(query, token.end + 1).next;
            continue;
        }
        const bool wildcard = token.end < query.size() && query[token.end] == '*';
        if (wildcard || is_operator(token) || token.stop_word == StopWord::Yes ||
            token.normalized.size() > kMaxWordBytes ||
            db.term_exists(detail::text_term(token.stem))) {
            continue;
        }
        missing.push_back(&token);
        if (missing.size() > kMaxMisspeltWords) return {};
    }
    std::string out;
    std::size_t done = 0;  // bytes of the query copied to out
    bool changed = false;
    for (const Token* token : missing) {
        // Two edits are too many for a short word: they reach unrelated words.
        const unsigned edits = detail::utf8_length(token->normalized) <= kShortWord ? 1 : 2;
        const std::string fixed = db.get_spelling_suggestion(token->normalized, edits);
        if (fixed.empty() || !db.term_exists(detail::text_term(analyzer.stem(fixed)))) continue;
        out.append(query.substr(done, token->start - done));
        out += fixed;
        done = token->end;
        changed = true;
    }
    if (!changed) return {};
    out.append(query.substr(done));
    return out;
}

/** @p title with the words the hit matched marked (SearchOptions::highlight_title); defined
 *  at the end of this file. */
std::string highlighted_title(const std::string& title, StemmerKind kind, Xapian::TermIterator term,
                              const Xapian::TermIterator& end, const SearchOptions& options);

}  // namespace

Ranking parse_ranking(std::string_view name) {
    if (name == "auto") return Ranking::Auto;
    if (name == "dlh") return Ranking::Dlh;
    if (name == "bm25") return Ranking::Bm25;
    throw Error("unknown ranking '" + std::string(name) + "' (use auto, dlh or bm25)");
}

struct Searcher::Impl {
    std::string path;  ///< as given: opened anew from here when a stub file changes
    Xapian::Database db;
    std::vector<detail::StubStamp> stubs;  ///< the stub files db was opened through
    Xapian::Stem stem;
    StemmerKind stem_kind = StemmerKind::Light;
    Xapian::QueryParser parser;
    // User synonyms live in a database of their own, which the query parser reads together
    // with the index (opened read-only, it holds none). Xapian's in-memory backend has no
    // synonym table, so it is a scratch database in a temporary directory.
    std::string synonyms_dir;
    Xapian::WritableDatabase synonyms;
    /** The groups loaded, as tokenized words: analyzed again if a rebuild changes the
     *  stemmer. */
    std::vector<std::vector<std::string>> synonym_groups;

    ~Impl() {
        if (synonyms_dir.empty()) return;
        synonyms.close();
        std::error_code ignored;
        std::filesystem::remove_all(synonyms_dir, ignored);
    }

    /** Searches @p opened from now on, with its stemmer. */
    void adopt(detail::OpenedIndex opened) {
        const bool restem = opened.stemmer != stem_kind;
        db = std::move(opened.db);
        stubs = std::move(opened.stubs);
        stem_kind = opened.stemmer;
        stem = detail::make_stem(stem_kind);
        parser.set_stemmer(stem);
        if (restem && !synonyms_dir.empty()) {
            synonyms.close();  // releases its lock, for the new one
            synonyms = Xapian::WritableDatabase(synonyms_dir, Xapian::DB_CREATE_OR_OVERWRITE);
            add_synonyms(synonym_groups);
        }
        bind_parser();
    }

    /** The parser reads the index, and the synonyms if any were loaded. */
    void bind_parser() {
        if (synonyms_dir.empty()) return parser.set_database(db);
        Xapian::Database both(db);
        both.add_database(synonyms);
        parser.set_database(both);
    }

    /** Writes @p groups into the synonyms database, analyzed with the index's stemmer. */
    void add_synonyms(const std::vector<std::vector<std::string>>& groups) {
        const Analyzer analyzer(stem_kind);
        for (const std::vector<std::string>& words : groups) {
            std::vector<std::string> group;
            for (const std::string& word : words) {
                group.push_back(detail::text_term(analyzer.stem(word)));
            }
            for (const std::string& a : group) {
                for (const std::string& b : group) {
                    if (a != b) synonyms.add_synonym(a, b);
                }
            }
        }
        synonyms.commit();
    }

    /** A rebuild renames a new stub over the old one: open the generation it names. */
    void follow_stubs() {
        if (detail::stubs_changed(stubs)) adopt(detail::open_index(path));
    }
};

Searcher::Searcher(const std::string& path) try : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    Xapian::QueryParser& parser = impl_->parser;
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_stopper(detail::stopper());
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.add_prefix("title", std::string(schema::kPrefixTitle));
    parser.add_prefix(std::string(schema::kStemWildcardField), std::string(schema::kPrefixStem));
    parser.add_boolean_prefix("source", std::string(schema::kPrefixSource));
    impl_->adopt(detail::open_index(path));
} catch (...) {
    detail::rethrow_index_error(path);
}

Searcher::~Searcher() = default;

SearchResult Searcher::search(std::string_view query, const SearchOptions& options) const try {
    // Each search reads the index as it is now. A rebuild renames a new stub over the old
    // one: follow it to the new generation (the old one is deleted a minute later). An
    // update in place commits batch by batch: reopen() moves to the latest commit (it only
    // checks the revision when there is none newer). A commit that overwrites the revision
    // being read makes Xapian throw DatabaseModifiedError: read the newest one and search
    // again, until kChangeDeadline (a search slower than two commits never gets through).
    const detail::SearchSeams& seams = detail::search_seams();
    const auto deadline = std::chrono::steady_clock::now() + seams.deadline;
    const auto late = [&] { return std::chrono::steady_clock::now() >= deadline; };
    bool opened_anew = false;
    for (;;) {
        try {
            impl_->follow_stubs();
            if (seams.before_reopen) seams.before_reopen();
            impl_->db.reopen();
            if (seams.before_search) seams.before_search();
            return search_once(query, options);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (late()) {
                throw Error("index '" + impl_->path +
                            "' changed faster than the search could read it; try again");
            }
        } catch (const Xapian::DatabaseCorruptError& e) {
            // A block read just as a commit replaced it can look corrupt: that is so only if
            // the index has a newer revision now; otherwise the damage is real.
            bool changed = false;
            try {
                changed = impl_->db.reopen() || detail::stubs_changed(impl_->stubs);
            } catch (const Xapian::Error&) {
                changed = false;
            }
            if (!changed || late()) throw detail::damaged_index(impl_->path, e);
        } catch (const Xapian::DatabaseOpeningError&) {
            // The generation held open was deleted between the stub check and the read (two
            // runs swapped since, the first over a minute ago): read the stub once more.
            if (opened_anew) throw;
            opened_anew = true;
            impl_->adopt(detail::open_index(impl_->path));
        }
    }
} catch (...) {
    detail::rethrow_index_error(impl_->path);
}

void Searcher::reopen() try { impl_->adopt(detail::open_index(impl_->path)); } catch (...) {
    detail::rethrow_index_error(impl_->path);
}

SearchResult Searcher::search_once(std::string_view query, const SearchOptions& options) const {
    // Bounds the work of one query (expanding each word into its forms, re-ranking, "did you
    // mean"): kMaxQueryBytes takes any real query, a pasted paragraph included.
    if (query.size() > kMaxQueryBytes) {
        throw QueryError("query is " + std::to_string(query.size()) +
                         " bytes long; the longest query is " + std::to_string(kMaxQueryBytes) +
                         " bytes");
    }
    // Filters from the options; the query's own source: filters are the parser's.
    Xapian::Query filter = date_filter(options);
    if (!options.sources.empty()) {
        std::vector<Xapian::Query> sources;
        for (const std::string& name : options.sources) {
            sources.emplace_back(schema::source_term(source_name_key(name)));
        }
        const Xapian::Query any(Xapian::Query::OP_OR, sources.begin(), sources.end());
        filter = filter.empty() ? any : Xapian::Query(Xapian::Query::OP_AND, filter, any);
    }
    const auto filtered = [&](const Xapian::Query& q) {
        return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
    };

    std::vector<std::string> exact_forms;
    const std::string without_exact = take_exact(query, &exact_forms);
    const std::string prepared = prepare_query(without_exact);
    const std::vector<std::string> words = tokenize(without_exact);
    // An empty query asks for everything (with facets: the index's statistics); one with
    // text but no word (`...`) is a mistake.
    const bool blank = query.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (words.empty() && filter.empty() && !blank) {
        throw QueryError("query '" + std::string(query) + "' has no words to search for");
    }
    Xapian::QueryParser& parser = impl_->parser;
    // A query of nothing but stop words searches for them rather than for nothing.
    const bool only_stop_words = std::all_of(words.begin(), words.end(), is_stop_word);
    parser.set_stopper(only_stop_words ? nullptr : detail::stopper());
    Xapian::Query parsed;
    try {
        parsed =
            words.empty() ? Xapian::Query::MatchAll : parser.parse_query(prepared, kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("malformed query '" + std::string(query) + "': " + e.get_msg());
    }

    Xapian::Enquire enquire(impl_->db);
    std::vector<WordGroup> groups;
    const Xapian::Query expanded = expand_free_words(impl_->db, parsed, options.variants, groups);
    enquire.set_query(filtered(expanded));
    enquire.set_weighting_scheme(*weighting(impl_->db, options));
    if (options.expand_terms > 0) {
        // Pseudo-relevance feedback: the best stems of the first hits join the query, with
        // less weight than the user's own words.
        const Xapian::MSet top = enquire.get_mset(0, kFeedbackDocs);
        Xapian::RSet feedback;
        for (auto it = top.begin(); it != top.end(); ++it) feedback.add_document(*it);
        if (!feedback.empty()) {
            const StemTermsOnly stems_only;
            const Xapian::ESet eset = enquire.get_eset(
                static_cast<Xapian::termcount>(options.expand_terms), feedback, &stems_only);
            std::vector<Xapian::Query> added;
            for (auto it = eset.begin(); it != eset.end(); ++it) {
                added.emplace_back(*it);
            }
            enquire.set_query(filtered(Xapian::Query(
                Xapian::Query::OP_OR, expanded,
                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_OR, added.begin(), added.end()),
                              kFeedbackWeight))));
        }
    }
    if (options.sort == Sort::Date) {
        // Newest first; an undated document has no value, which sorts below every day.
        enquire.set_sort_by_value_then_relevance(schema::kSlotDay, true);
    }
    // Facets count over every match, not only the page: the match must then check them all.
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const Facet facet : options.facets) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(
            facet == Facet::Source ? schema::kSlotSource : schema::kSlotMonth));
        enquire.add_matchspy(spies.back().get());
    }
    // A search for no hit is a count: without this, Xapian estimates it without matching a
    // document (it said 0 for a phrase that documents hold).
    const Xapian::doccount check_at_least =
        spies.empty() && options.limit > 0 ? 0 : impl_->db.get_doccount();
    // exact:"…" keeps the documents whose original text holds the written form.
    const HoldsExactForms exact(exact_forms);
    // Not when no hit is asked for (a count, facets), nor with feedback: a hit found through
    // the feedback terms alone holds none of the query's words.
    const bool rerank = options.rerank_depth > 0 && options.limit > 0 &&
                        options.expand_terms == 0 && options.sort == Sort::Relevance &&
                        groups.size() >= 2;
    // Counts past the index's size ask for every document (and would not fit a doccount).
    const auto at_most_all = [documents = impl_->db.get_doccount()](std::size_t n) {
        return static_cast<Xapian::doccount>(std::min<std::size_t>(n, documents));
    };
    const std::size_t wanted =
        options.offset +
        std::min(options.limit, std::numeric_limits<std::size_t>::max() - options.offset);
    const Xapian::MatchDecider* decider = exact_forms.empty() ? nullptr : &exact;
    const Xapian::MSet mset = [&] {
        try {
            return rerank
                       ? enquire.get_mset(0, at_most_all(std::max(wanted, options.rerank_depth)),
                                          check_at_least, nullptr, decider)
                       : enquire.get_mset(at_most_all(options.offset), at_most_all(options.limit),
                                          check_at_least, nullptr, decider);
        } catch (const Xapian::UnimplementedError&) {
            // Xapian's remote protocol cannot run a MatchDecider on a remote shard.
            if (decider == nullptr) throw;
            throw QueryError("query '" + std::string(query) +
                             "': exact: needs every shard of the index to be local");
        }
    }();
    struct Ranked {
        Xapian::MSetIterator it;
        double score;
    };
    std::map<Xapian::docid, std::vector<std::string>> held;
    // The first rerank_depth hits are scored again and sorted; the rest follow them in the
    // weights' order, so that every page of a query is cut from the same list, their scores
    // scaled to stay below the last re-ranked hit's.
    const std::size_t depth = rerank ? std::min<std::size_t>(options.rerank_depth, mset.size()) : 0;
    std::vector<Xapian::docid> head;
    for (auto it = mset.begin(); head.size() < depth; ++it) head.push_back(*it);
    if (depth > 0) held = held_terms(impl_->db, head, groups);
    std::vector<Ranked> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const double factor =
            ranked.size() < depth ? rerank_factor(impl_->db, *it, held[*it], groups) : 1.0;
        ranked.push_back({it, it.get_weight() * factor});
    }
    if (rerank) {
        const auto head_end = ranked.begin() + static_cast<std::ptrdiff_t>(depth);
        std::stable_sort(ranked.begin(), head_end,
                         [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
        if (head_end != ranked.end() && head_end->score >= std::prev(head_end)->score &&
            head_end->score > 0) {
            const double scale = std::nextafter(std::prev(head_end)->score, 0.0) / head_end->score;
            for (auto r = head_end; r != ranked.end(); ++r) r->score *= scale;
        }
        ranked.erase(ranked.begin(), ranked.begin() + std::min(ranked.size(), options.offset));
        if (ranked.size() > options.limit) ranked.resize(options.limit);
    }

    SearchResult result;
    const std::vector<QueryWordTerms> query_words =
        options.explain == Explain::Yes ? query_word_terms(impl_->stem_kind, without_exact, groups)
                                        : std::vector<QueryWordTerms>{};
    result.matches_estimated = mset.get_matches_estimated();
    result.matches_lower_bound = mset.get_matches_lower_bound();
    result.matches_upper_bound = mset.get_matches_upper_bound();
    for (std::size_t i = 0; i < spies.size(); ++i) {
        result.facets.push_back(facet_counts(options.facets[i], *spies[i]));
    }
    if (options.suggestions == Suggestions::Yes) {
        result.did_you_mean = suggestion(impl_->db, impl_->stem_kind, query);
    }
    std::size_t rank = options.offset;
    for (const Ranked& r : ranked) {
        const Xapian::MSetIterator& it = r.it;
        const Xapian::Document doc = it.get_document();
        Hit hit;
        hit.rank = ++rank;
        hit.docid = *it;
        hit.score = r.score;
        detail::HitFields fields = detail::hit_fields(doc);
        hit.id = std::move(fields.id);
        hit.title = std::move(fields.title);
        hit.date = std::move(fields.date);
        hit.source = std::move(fields.source);
        hit.url = std::move(fields.url);
        if (options.highlight_title == HighlightTitle::Yes) {
            hit.title_highlighted =
                highlighted_title(hit.title, impl_->stem_kind, enquire.get_matching_terms_begin(it),
                                  enquire.get_matching_terms_end(it), options);
        }
        if (options.snippets == Snippets::Yes) {
            // Only snippets need the stored text (compressed, and as long as the document).
            const std::string text = detail::stored_text(doc);
            // MSet::snippet highlights loose terms through the stemmer, but compares phrase
            // terms with the text's raw words, which never equal our Z-stems. So the snippet
            // is drawn for the stems this document matched, as loose terms. (Terms a wildcard
            // expanded to are not listed by Xapian: those documents keep the plain snippet.)
            const Xapian::Query matched(Xapian::Query::OP_OR, enquire.get_matching_terms_begin(it),
                                        enquire.get_matching_terms_end(it));
            Xapian::Enquire for_snippet(impl_->db);
            for_snippet.set_query(matched);
            const Xapian::MSet stats = matched.empty() ? mset : for_snippet.get_mset(0, 0);
            hit.snippet = unescape_xml(stats.snippet(
                text, options.snippet_length, impl_->stem,
                Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                options.highlight_start, options.highlight_end,
                "\u2026"));  // HORIZONTAL ELLIPSIS where the text is cut
        }
        if (options.explain == Explain::Yes) {
            hit.matches = explain(impl_->db, impl_->stem_kind, enquire, it, options, query_words);
        }
        result.hits.push_back(std::move(hit));
    }
    return result;
}

std::size_t Searcher::document_count() const try {
    impl_->follow_stubs();
    impl_->db.reopen();
    return impl_->db.get_doccount();
} catch (...) {
    detail::rethrow_index_error(impl_->path);
}

void Searcher::load_synonyms(const std::string& path) try {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, "cannot read synonyms file");
    std::vector<std::vector<std::string>> groups;
    detail::for_each_content_line(in, [&](const std::string& line, std::size_t number) {
        groups.push_back(tokenize(line));
        if (groups.back().size() == 1) {
            throw InputError(path, number, "a synonym group needs two words or more");
        }
    });
    if (impl_->synonyms_dir.empty()) {
        std::string dir = (std::filesystem::temp_directory_path() / "fahras-synonyms-XXXXXX");
        if (mkdtemp(dir.data()) == nullptr) {
            throw Error("cannot create a temporary directory for synonyms: " +
                        std::string(std::strerror(errno)));
        }
        impl_->synonyms_dir = dir;
        impl_->synonyms = Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OVERWRITE);
        impl_->bind_parser();
    }
    impl_->add_synonyms(groups);
    impl_->synonym_groups.insert(impl_->synonym_groups.end(), groups.begin(), groups.end());
} catch (...) {
    detail::rethrow_index_error(impl_->path);
}

Sort parse_sort(std::string_view name) {
    if (name == "relevance") return Sort::Relevance;
    if (name == "date") return Sort::Date;
    throw Error("unknown sort order '" + std::string(name) + "' (use relevance or date)");
}

Facet parse_facet(std::string_view name) {
    if (name == "source") return Facet::Source;
    if (name == "month") return Facet::Month;
    throw Error("unknown facet '" + std::string(name) + "' (use source or month)");
}

std::string_view to_string(Facet facet) noexcept {
    return facet == Facet::Source ? "source" : "month";
}

// What fahras-serve needs beside search(): one document by its id (/api/doc, Python's
// Index.doc later), and the options' checks before a search (a 400 rather than a 500).

void check_search_options(const SearchOptions& options) { (void)date_filter(options); }

std::optional<StoredDocument> Searcher::document(std::string_view id) const {
    if (id.empty()) return std::nullopt;  // IndexWriter refuses empty ids
    const std::string term = schema::id_term(id);
    // As search(): read the latest commit, and again if a commit overtakes the read.
    const auto deadline = std::chrono::steady_clock::now() + detail::search_seams().deadline;
    for (;;) {
        try {
            impl_->follow_stubs();
            impl_->db.reopen();
            const Xapian::Database& db = impl_->db;
            for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
                const Xapian::Document doc = db.get_document(*it);
                detail::HitFields fields = detail::hit_fields(doc);
                // The term of a long id is cut and hashed (schema::id_term): the stored id
                // decides.
                if (fields.id != id) continue;
                return StoredDocument{std::move(fields.id),     std::move(fields.title),
                                      detail::stored_text(doc), std::move(fields.date),
                                      std::move(fields.source), std::move(fields.url)};
            }
            return std::nullopt;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw Error("index '" + impl_->path +
                            "' changed faster than the search could read it; try again");
            }
        }
    }
}

// --- Highlighted titles and the index's stemmer (issue #19) ------------------------------

namespace {

/** @p title as written, with each word whose stem is among the hit's matching terms
 *  [@p term, @p end) (as a text or a title term) between the highlight markers. Not
 *  MSet::snippet: it drops the punctuation before a title's first word and after its last,
 *  and squeezes spaces. */
std::string highlighted_title(const std::string& title, StemmerKind kind, Xapian::TermIterator term,
                              const Xapian::TermIterator& end, const SearchOptions& options) {
    std::set<std::string, std::less<>> stems;
    for (; term != end; ++term) {
        const std::string& t = *term;
        if (const auto stem = detail::text_stem(t)) stems.emplace(*stem);
        if (const auto stem = detail::title_stem(t)) stems.emplace(*stem);
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

StemmerKind Searcher::stemmer() const noexcept { return impl_->stem_kind; }

}  // namespace fahras
