/** @file
 *  @brief Internal: the features of the learned second stage (docs/ranking.md).
 */
#include "search/features.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <utility>

#include "search/span.h"

namespace fahras::detail {

namespace {

/** What a term stands for: a word of the query, as one of its kinds of terms. */
enum class Kind { Written, Form, Pattern, Title };

struct Use {
    std::size_t word;
    Kind kind;
};

/** A query term a candidate holds. */
struct Held {
    const std::string* term;
    std::size_t word;
    Kind kind;
    Xapian::termcount wdf;
};

/** What the index says of each query word, read once per query. */
struct WordStats {
    double idf = 0;          ///< of the word's most frequent term (pooled forms)
    double idf_written = 0;  ///< of its own term
    double collection_frequency = 1;
};

double bm25_idf(double documents, double df) {
    return std::log(1 + (documents - df + 0.5) / (df + 0.5));
}

double bm25(double wdf, double length, double average, double idf, double k1, double b) {
    if (wdf <= 0) return 0;
    return idf * wdf * (k1 + 1) / (wdf + k1 * (1 - b + b * length / average));
}

/** DLH as Xapian and Terrier define it, for one term. */
double dlh(double wdf, double length, double average, double documents, double cf) {
    if (wdf <= 0 || wdf >= length) return 0;
    const double f = wdf / length;
    const double w = wdf * std::log2(f * average * documents / cf) +
                     0.5 * std::log2(2 * std::numbers::pi * wdf * (1 - f));
    return std::max(0.0, w / (wdf + 0.5));
}

std::vector<WordStats> word_stats(const Xapian::Database& db, const std::vector<QueryWord>& words) {
    const double documents = db.get_doccount();
    std::vector<WordStats> stats;
    for (const QueryWord& w : words) {
        Xapian::doccount df_written = 0;
        Xapian::termcount cf = 0;
        for (const std::string& t : w.exact) {
            df_written = std::max(df_written, db.get_termfreq(t));
            cf += db.get_collection_freq(t);
        }
        Xapian::doccount df = df_written;
        for (const auto* list : {&w.forms, &w.patterns}) {
            for (const std::string& t : *list) df = std::max(df, db.get_termfreq(t));
        }
        stats.push_back(
            {bm25_idf(documents, df), bm25_idf(documents, df_written), std::max(1.0, double(cf))});
    }
    return stats;
}

/** For each candidate (by index into @p candidates), the query terms it holds. */
std::vector<std::vector<Held>> held_terms(const Xapian::Database& db,
                                          const std::map<std::string, std::vector<Use>>& terms,
                                          const std::vector<Xapian::docid>& candidates) {
    std::vector<std::pair<Xapian::docid, std::size_t>> sorted;
    for (std::size_t i = 0; i < candidates.size(); ++i) sorted.emplace_back(candidates[i], i);
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::vector<Held>> held(candidates.size());
    for (const auto& [term, uses] : terms) {
        Xapian::PostingIterator post = db.postlist_begin(term);
        const Xapian::PostingIterator end = db.postlist_end(term);
        for (const auto& [docid, index] : sorted) {
            post.skip_to(docid);
            if (post == end) break;
            if (*post != docid) continue;
            for (const Use& use : uses)
                held[index].push_back({&term, use.word, use.kind, post.get_wdf()});
        }
    }
    return held;
}

/** Per candidate: each word's counts and positions. */
struct Candidate {
    std::vector<double> written, forms, patterns;
    std::vector<char> title;
    std::vector<std::vector<Xapian::termpos>> positions;               // per word, sorted
    std::vector<std::pair<Xapian::termpos, std::size_t>> by_position;  // (position, word)
    double length = 1;
};

Candidate gather(const Xapian::Database& db, Xapian::docid docid, std::size_t words,
                 const std::vector<Held>& held) {
    Candidate c;
    c.written.assign(words, 0);
    c.forms.assign(words, 0);
    c.patterns.assign(words, 0);
    c.title.assign(words, 0);
    c.positions.resize(words);
    c.length = std::max(1.0, double(db.get_doclength(docid)));
    for (const Held& h : held) {
        if (h.kind == Kind::Title) {
            c.title[h.word] = 1;
            continue;
        }
        (h.kind == Kind::Written ? c.written
         : h.kind == Kind::Form  ? c.forms
                                 : c.patterns)[h.word] += h.wdf;
        for (auto p = db.positionlist_begin(docid, *h.term);
             p != db.positionlist_end(docid, *h.term); ++p) {
            c.positions[h.word].push_back(*p);
            c.by_position.emplace_back(*p, h.word);
        }
    }
    for (auto& p : c.positions) std::sort(p.begin(), p.end());
    std::sort(c.by_position.begin(), c.by_position.end());
    return c;
}

/** The shortest run of positions holding each present word once, or 0 if fewer than two
 *  words have positions; @p present receives that number of words. */
double shortest_span_of(const Candidate& c, std::size_t& present) {
    present = 0;
    for (const auto& p : c.positions) present += !p.empty();
    if (present < 2) return 0;
    return shortest_span(c.by_position, c.positions.size(), present);
}

/** The largest idf share of distinct words within @p width consecutive positions. */
double best_window(const Candidate& c, const std::vector<WordStats>& stats, double idf_sum,
                   Xapian::termpos width) {
    std::vector<std::size_t> in(c.positions.size(), 0);
    double current = 0;
    double best = 0;
    const auto& at = c.by_position;
    for (std::size_t lo = 0, hi = 0; hi < at.size(); ++hi) {
        if (in[at[hi].second]++ == 0) current += stats[at[hi].second].idf;
        while (at[hi].first - at[lo].first >= width) {
            if (--in[at[lo].second] == 0) current -= stats[at[lo].second].idf;
            ++lo;
        }
        best = std::max(best, current);
    }
    return best / idf_sum;
}

/** The idf share of words with a position at or before @p limit. */
double lead(const Candidate& c, const std::vector<WordStats>& stats, double idf_sum,
            Xapian::termpos limit) {
    double covered = 0;
    for (std::size_t w = 0; w < c.positions.size(); ++w) {
        if (!c.positions[w].empty() && c.positions[w].front() <= limit) covered += stats[w].idf;
    }
    return covered / idf_sum;
}

/** The shares of consecutive query words in order within @p gap (pairs), and of triples. */
double ordered(const Candidate& c, std::size_t length, Xapian::termpos gap) {
    const std::size_t n = c.positions.size();
    if (n < length) return 0;
    double found = 0;
    for (std::size_t w = 0; w + length <= n; ++w) {
        for (const Xapian::termpos p : c.positions[w]) {
            bool chain = true;
            Xapian::termpos at = p;
            for (std::size_t k = 1; k < length && chain; ++k) {
                const auto& next = c.positions[w + k];
                const auto it = std::upper_bound(next.begin(), next.end(), at);
                chain = it != next.end() && *it - at <= gap;
                if (chain) at = *it;
            }
            if (chain) {
                found += 1;
                break;
            }
        }
    }
    return found / double(n - length + 1);
}

}  // namespace

namespace {

/** The 32 features of one candidate (see kFeatureNames). */
void candidate_features(const Xapian::Database& db, const Candidate& c,
                        const std::vector<WordStats>& stats, double score, double best_score,
                        std::size_t rank, std::vector<float>& out) {
    const std::size_t n = stats.size();
    const double documents = db.get_doccount();
    const double average = std::max(1.0, db.get_avlength());
    double idf_sum = 0;
    for (const WordStats& s : stats) idf_sum += s.idf;
    idf_sum = std::max(idf_sum, 1e-9);
    double bm_written = 0, bm_all = 0, bm_b03 = 0, bm_b10 = 0, dlh_all = 0, dlh_mix = 0;
    double present = 0, present_idf = 0, written_idf = 0, title_idf = 0, forms_only = 0,
           patterns_only = 0, missing_max = 0;
    for (std::size_t w = 0; w < n; ++w) {
        const WordStats& s = stats[w];
        const double all = c.written[w] + c.forms[w] + c.patterns[w];
        bm_written += bm25(c.written[w], c.length, average, s.idf_written, 1.2, 0.75);
        bm_all += bm25(all, c.length, average, s.idf, 1.2, 0.75);
        bm_b03 += bm25(all, c.length, average, s.idf, 1.2, 0.3);
        bm_b10 += bm25(all, c.length, average, s.idf, 1.2, 1.0);
        dlh_all += dlh(all, c.length, average, documents, s.collection_frequency);
        dlh_mix += dlh(c.written[w], c.length, average, documents, s.collection_frequency) +
                   0.2 * dlh(c.forms[w] + c.patterns[w], c.length, average, documents,
                             s.collection_frequency);
        if (all > 0) {
            present += 1;
            present_idf += s.idf;
        } else {
            missing_max = std::max(missing_max, s.idf);
        }
        if (c.written[w] > 0) written_idf += s.idf;
        if (c.written[w] == 0 && c.forms[w] > 0) forms_only += s.idf;
        if (c.written[w] == 0 && c.forms[w] == 0 && c.patterns[w] > 0) patterns_only += s.idf;
        if (c.title[w]) title_idf += s.idf;
    }
    std::size_t placed = 0;
    const double span = shortest_span_of(c, placed);
    const double first = c.by_position.empty() ? 1e6 : c.by_position.front().first;
    const double values[] = {
        score,
        score / std::max(best_score, 1e-9),
        std::log(1.0 + double(rank)),
        bm_written,
        bm_all,
        present / double(std::max<std::size_t>(n, 1)),
        present_idf / idf_sum,
        written_idf / idf_sum,
        title_idf / idf_sum,
        forms_only / idf_sum,
        patterns_only / idf_sum,
        placed >= 2 ? double(placed) / span : 0,
        best_window(c, stats, idf_sum, 5),
        best_window(c, stats, idf_sum, 20),
        best_window(c, stats, idf_sum, 60),
        ordered(c, 2, 2),
        std::log(c.length),
        std::log(1 + first),
        double(n),
        bm_b03,
        bm_b10,
        dlh_all,
        idf_sum,
        lead(c, stats, idf_sum, 40),
        lead(c, stats, idf_sum, 120),
        present == double(n) ? 1.0 : 0.0,
        ordered(c, 2, 1),
        ordered(c, 3, 2),
        std::log(documents),
        std::log(average),
        missing_max / idf_sum,
        dlh_mix,
    };
    static_assert(std::size(values) == kFeatureNames.size());
    for (const double v : values) out.push_back(static_cast<float>(v));
}

}  // namespace

std::vector<float> compute_features(const Xapian::Database& db, const std::vector<QueryWord>& words,
                                    const std::vector<Xapian::docid>& candidates,
                                    const std::vector<double>& scores) {
    std::map<std::string, std::vector<Use>> terms;
    for (std::size_t w = 0; w < words.size(); ++w) {
        for (const std::string& t : words[w].exact) terms[t].push_back({w, Kind::Written});
        for (const std::string& t : words[w].forms) terms[t].push_back({w, Kind::Form});
        for (const std::string& t : words[w].patterns) terms[t].push_back({w, Kind::Pattern});
        terms[words[w].title].push_back({w, Kind::Title});
    }
    const std::vector<WordStats> stats = word_stats(db, words);
    const std::vector<std::vector<Held>> held = held_terms(db, terms, candidates);
    const double best = scores.empty() ? 1.0 : scores.front();
    std::vector<float> out;
    out.reserve(candidates.size() * kFeatureNames.size());
    std::size_t rank = 0;  // candidates scoring more: tied ones share a rank
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i > 0 && scores[i] < scores[i - 1]) rank = i;
        const Candidate c = gather(db, candidates[i], words.size(), held[i]);
        candidate_features(db, c, stats, scores[i], best, rank, out);
    }
    return out;
}

}  // namespace fahras::detail
