/** @file
 *  @brief Internal: the features of the learned second stage, computed for the first stage's
 *         candidates from their postings and positions (docs/ranking.md).
 */
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::detail {

/** One word of a free-word query and the index terms that stand for it. */
struct QueryWord {
    std::string typed;                  ///< the word as the user typed it (for --explain)
    std::vector<std::string> exact;     ///< its own text term (and the bare reading, if any)
    std::vector<std::string> forms;     ///< other forms: proclitics, verb prefixes, variants
    std::vector<std::string> patterns;  ///< pattern forms (broken plurals and singulars)
    std::string title;                  ///< its title term
};

/** The features, in the order of a feature vector; their names for --explain and for the
 *  model file (bench/train-ranker writes them there, and LearnedModel checks them). */
inline constexpr std::array<std::string_view, 32> kFeatureNames{
    "stage1_score",         // the first stage's BM25 score
    "stage1_relative",      // that score over the first candidate's
    "stage1_log_rank",      // ln(1 + the number of candidates the first stage scored higher)
    "bm25_written",         // BM25 of the words' own terms only (k1 1.2, b 0.75)
    "bm25_all_forms",       // BM25 of each word's terms pooled (k1 1.2, b 0.75)
    "words_share",          // share of the query's words present (any form)
    "words_idf_share",      // the same, each word weighted by its idf
    "written_idf_share",    // share (idf) of words present in their own written term
    "title_idf_share",      // share (idf) of words in the title
    "forms_only_share",     // share (idf) of words present only as another form
    "patterns_only_share",  // share (idf) of words present only as a pattern form
    "proximity",            // words present / shortest span holding one of each
    "window5_idf",          // best share (idf) of words within 5 positions
    "window20_idf",         // ... within 20
    "window60_idf",         // ... within 60
    "ordered_pairs",        // share of consecutive query words in order, within 2 positions
    "log_length",           // ln(document length)
    "log_first_position",   // ln(1 + the first position of a query word)
    "query_words",          // number of distinct query words
    "bm25_b03",             // BM25 pooled, b 0.3 (long documents)
    "bm25_b10",             // BM25 pooled, b 1.0 (short documents)
    "dlh_all_forms",        // DLH of each word's terms pooled
    "query_idf_sum",        // sum of the words' idf
    "lead40_idf",           // share (idf) of words within the first 40 positions
    "lead120_idf",          // ... the first 120
    "all_words",            // 1 if every word is present
    "adjacent_pairs",       // share of consecutive query words adjacent, in order
    "ordered_triples",      // share of consecutive word triples in order, within 2 each
    "log_documents",        // ln(documents in the index)
    "log_average_length",   // ln(average document length)
    "missing_max_idf",      // the rarest missing word's idf, over query_idf_sum
    "dlh_written_forms",    // DLH of the written terms + 0.2 x DLH of the other forms
};

/** The place of the feature @p name in a feature vector (kFeatureNames); at compile time an
 *  unknown name does not compile. */
consteval std::size_t feature_index(std::string_view name) {
    for (std::size_t f = 0; f < kFeatureNames.size(); ++f) {
        if (kFeatureNames[f] == name) return f;
    }
    throw "no such feature";
}

/** The feature vectors of @p candidates (the first stage's hits, best first, with their
 *  @p scores), kFeatureNames.size() values each, row after row. Reads each query term's
 *  posting list once (skipping to the candidates) and the positions of the terms a candidate
 *  holds. */
[[nodiscard]] std::vector<float> compute_features(const Xapian::Database& db,
                                                  const std::vector<QueryWord>& words,
                                                  const std::vector<Xapian::docid>& candidates,
                                                  const std::vector<double>& scores);

}  // namespace fahras::detail
