/** @file
 *  @brief Ranked search over a fahras index.
 */
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/query.h"

namespace fahras {

/** Whether hits carry a snippet (batch runs that only need ids skip the work). */
enum class Snippets { Yes, No };

/** Whether free words also match their spelling variants in the index (ترمب / ترامب),
 *  below the written form (SearchOptions::variants). */
enum class Variants { Yes, No };

/** Whether hits say why they matched (SearchOptions::explain). */
enum class Explain { Yes, No };

/** Whether hits carry their title with the matched words marked (Hit::title_highlighted). */
enum class HighlightTitle { Yes, No };

/** How documents are scored (docs/query.md, "Ranking"). */
enum class Ranking {
    /** Two stages (docs/ranking.md): BM25 over one unit per query word (its forms pooled),
     *  then, for a query of free words, a learned model (XGBoost, trained by
     *  bench/train-ranker) re-scores the first SearchOptions::learned_depth hits from
     *  features the first stage cannot afford (written forms, title, proximity, passages). */
    Learned,
    Auto,  ///< DLH on an index of kDlhMinDocuments documents or more, BM25 on a smaller one
    Dlh,   ///< DLH, a parameter-free divergence-from-randomness model
    Bm25,  ///< BM25 with SearchOptions::bm25_k1 and bm25_b
};

/** The version of the learned ranker: its features and the model built into fahras (the
 *  model of bench/train-ranker, common/src/search/ranker.json). `--version` shows it. */
inline constexpr int kRankerVersion = 1;

/** How the query text is read. */
enum class QuerySyntax {
    Full,   ///< phrases, AND OR NOT, +/-, fields and wildcards (docs/query.md)
    Plain,  ///< words only: quotes, operators, signs and field names are not syntax
};

/** Whether hits carry the learned ranker's feature vectors (Hit::features). */
enum class RankingFeatures {
    No,
    /** Each hit of the learned ranker's first stage carries its features, and the hits stay
     *  in the first stage's order (the model is not applied): what bench/train-ranker
     *  trains on. */
    Yes,
};

/** Ranking::Auto uses DLH from this many documents on. DLH weighs a word by how far its count
 *  in a document exceeds what chance would put there; in a few documents that expectation is
 *  so coarse that common words get no weight at all and hits tie. */
inline constexpr std::size_t kDlhMinDocuments = 1000;

/** Parses "learned", "auto", "dlh" or "bm25".
 *  @throws fahras::Error naming the value otherwise. */
[[nodiscard]] Ranking parse_ranking(std::string_view name);

/** Whether to look for a spelling correction ("did you mean"); it costs far more than the
 *  search itself, so batch runs that cannot show it skip it. */
enum class Suggestions { Yes, No };

/** The order of hits. */
enum class Sort {
    Relevance,  ///< best BM25 score first (ties: lower Xapian document id first)
    Date,       ///< newest day first (schema::kSlotDay); ties by relevance; undated last
};

/** A field whose values are counted over all the matches of a query (SearchResult::facets). */
enum class Facet {
    Source,  ///< the source name as written
    Month,   ///< `YYYY-MM` of the document's day (documents whose date is ISO 8601)
};

/** Parses "relevance" or "date".
 *  @throws fahras::Error naming the value otherwise. */
[[nodiscard]] Sort parse_sort(std::string_view name);

/** Parses "source" or "month".
 *  @throws fahras::Error naming the value otherwise. */
[[nodiscard]] Facet parse_facet(std::string_view name);

/** "source" or "month". */
[[nodiscard]] std::string_view to_string(Facet facet) noexcept;

/** The longest query Searcher::search takes, in bytes of UTF-8: 16 KiB, a pasted paragraph
 *  of some 1,500 Arabic words (the longest ARCD question is 153 bytes, the longest news
 *  headline of eval/news-titles 227). Searching one that long takes 0.4 s on 70,108 news
 *  articles, 1.4 s when it is 2,300 distinct three-letter words (docs/query.md). */
inline constexpr std::size_t kMaxQueryBytes = 16384;

/** What to search for and what to return. */
struct SearchOptions {
    /** Hits to return at most. 0 returns none but counts every match exactly
     *  (SearchResult::matches_estimated), as with facets. */
    std::size_t limit = 10;
    std::size_t offset = 0;  ///< hits to skip (for paging)
    Snippets snippets = Snippets::Yes;
    Suggestions suggestions = Suggestions::Yes;
    Explain explain = Explain::No;
    Variants variants = Variants::Yes;  ///< spelling variants of names, below the written form
    std::size_t snippet_length = 240;   ///< bytes of original text around the matches, about
    /** Pseudo-relevance feedback: add this many stems from the first hits to the query
     *  (0: off). */
    std::size_t expand_terms = 0;
    Ranking ranking = Ranking::Learned;
    /** Ranking::Learned: how many of the first stage's hits the model scores again (the
     *  rest follow in the first stage's order); 0: the first stage alone. Not with
     *  expand_terms, sort by date, nor when limit is 0. */
    std::size_t learned_depth = 100;
    /** Ranking::Auto, Dlh, Bm25: the first this many hits of a free-word query of two words
     *  or more are scored again by how many of its words they hold and how close together,
     *  the rest left in order after them (docs/query.md, "Re-ranking"); 0: off. Not with
     *  expand_terms, nor when limit is 0. It reads those hits' postings and positions of
     *  the query's terms, which over remote shards means a round trip each. */
    std::size_t rerank_depth = 50;
    /** QuerySyntax::Plain reads the query as words only (a pasted headline with quotes and
     *  dashes, a batch of natural-language topics). */
    QuerySyntax syntax = QuerySyntax::Full;
    /** RankingFeatures::Yes: hits carry the learned ranker's features (see there). */
    RankingFeatures ranking_features = RankingFeatures::No;
    double bm25_k1 = 1.0;  ///< BM25 term-frequency saturation (Xapian's default)
    double bm25_b = 0.75;  ///< BM25 document-length normalization (measured: docs/query.md)
    std::string highlight_start = "**";
    std::string highlight_end = "**";
    /** With HighlightTitle::Yes, each hit's Hit::title_highlighted is its whole title with
     *  the words it matched between highlight_start and highlight_end, as in the snippet
     *  (Hit::title stays as written). */
    HighlightTitle highlight_title = HighlightTitle::No;
    /** Only documents dated on or after this day: `YYYY-MM-DD`, `YYYY-MM` (its first day) or
     *  `YYYY` (January 1st); "" for no bound. Documents without an ISO 8601 date never match
     *  a date bound. */
    std::string since;
    /** Only documents dated on or before this day: `YYYY-MM-DD`, `YYYY-MM` (to its last
     *  day) or `YYYY` (to December 31st); "" for no bound. A since after it is an error;
     *  equal bounds are one day (or month, or year). */
    std::string until;
    /** Only documents from one of these sources (compared as source_name_key()); empty: all. The
     *  same as `source:NAME` in the query. */
    std::vector<std::string> sources;
    Sort sort = Sort::Relevance;
    /** Fields to count values of over all matches (not just the returned page). */
    std::vector<Facet> facets;
};

/** One index term a hit matched, for --explain. */
struct TermMatch {
    std::string term;   ///< the stem (UTF-8, normalized), or the title field's `title:stem`
    double weight = 0;  ///< its weight in this document, alone
    /** The query's words (as typed) this term stands for: the word itself, or a form,
     *  spelling variant or title term of it; empty for a term only feedback (--expand) or a
     *  wildcard brought. */
    std::vector<std::string> query_words;
    /** The document's words (normalized) that gave this stem, with their counts; empty for
     *  title terms. */
    std::vector<std::pair<std::string, unsigned>> words;
};

/** A feature of the learned ranker for one hit, and how much it added to the hit's score
 *  (its SHAP value, from XGBoost); the model's bias is the entry named "bias". */
struct RankingFeature {
    std::string name;
    double value = 0;
    double contribution = 0;
};

/** One matching document. */
struct Hit {
    std::size_t rank = 0;  ///< 1-based, counting the skipped ones (offset + 1 for the first)
    unsigned docid = 0;    ///< Xapian document id
    /** The learned model's score (Ranking::Learned, the hits it re-scored; those after them
     *  score below them), else the weight (DLH or BM25). Compare scores within a query. */
    double score = 0.0;
    std::string id;  ///< the document's own id
    std::string title;
    /** With SearchOptions::highlight_title: the whole title, as written, with the words
     *  matched between the highlight markers; else "". */
    std::string title_highlighted;
    std::string snippet;  ///< original text, matched words between the highlight markers
    std::string date;
    std::string source;
    std::string url;
    std::vector<TermMatch> matches;  ///< with Explain::Yes: the terms it matched, heaviest first
    /** With Explain::Yes and a hit the learned model scored: each feature, its value and its
     *  contribution to the score, the largest contribution first, then the bias. */
    std::vector<RankingFeature> ranking;
    /** With RankingFeatures::Yes: the learned ranker's features (names: ranking_feature_names()).
     */
    std::vector<float> features;
};

/** The names of the learned ranker's features, in the order of Hit::features. */
[[nodiscard]] std::vector<std::string> ranking_feature_names();

/** One value of a facet and the number of matching documents that have it. */
struct FacetCount {
    std::string value;
    std::size_t count = 0;
};

/** The counts of one facet over all the matches of a query. */
struct FacetCounts {
    Facet facet = Facet::Source;
    /** Sources: most frequent first, ties in byte order of the name. Months: in order.
     *  Documents without a value are not counted here (see missing). */
    std::vector<FacetCount> counts;
    /** Matching documents without a value: for Facet::Month, the undated ones (no date, or
     *  one fahras::document_day cannot read); for Facet::Source, those without a source. */
    std::size_t missing = 0;
};

/** The answer to one query. */
struct SearchResult {
    std::vector<Hit> hits;
    /** Xapian's estimate of all matching documents; exact when facets were asked for or
     *  SearchOptions::limit is 0. Never 0 when a hit is returned. */
    std::size_t matches_estimated = 0;
    /** Bounds of matches_estimated (Xapian's get_matches_lower_bound / upper_bound): every
     *  count of matches lies within; equal when the count is exact. */
    std::size_t matches_lower_bound = 0;
    std::size_t matches_upper_bound = 0;  ///< see matches_lower_bound
    /** Spelling suggestion: the query as typed, with each free word whose stem the index
     *  lacks replaced by the nearest word of its spelling data (normalized); "" if no word
     *  was replaced. Field values (title:, source:, exact:), wildcards, operators, quotes and
     *  signs stay as typed; words longer than kMaxWordBytes, and queries with more than 8
     *  words the index lacks, get none (docs/query.md). */
    std::string did_you_mean;

    std::vector<FacetCounts> facets;  ///< one per SearchOptions::facets, in that order
};

/** A document as the index stores it (Searcher::document); every field UTF-8, as it was
 *  indexed. */
struct StoredDocument {
    std::string id;
    std::string title;
    std::string text;  ///< the whole original text (diacritics and all)
    std::string date;  ///< as written; "" if the document has none
    std::string source;
    std::string url;
};

/** Checks what of @p options needs no index, as Searcher::search does before it searches:
 *  that SearchOptions::since and until are dates and since is not after until. A caller
 *  that must tell the user's mistakes from the index's (fahras-serve: HTTP 400 or 500)
 *  calls it first.
 *  @throws fahras::Error with Searcher::search's message otherwise ("bad date '2015-02-30'
 *          for since (use YYYY-MM-DD, YYYY-MM or YYYY)", "since '2019' is after until
 *          '2018'"). */
void check_search_options(const SearchOptions& options);

/** One query of a batch: an id and the query text. */
struct Topic {
    std::string id;
    std::string query;
};

/** Reads a topics file: `qid<TAB>query` per line; blank lines and lines starting with '#'
 *  are skipped (the format of TREC-style tools).
 *  @throws fahras::InputError naming the file (and line) if it cannot be read or a line has
 *          no tab.
 */
[[nodiscard]] std::vector<Topic> read_topics(const std::string& path);

/** Opens an index read-only and answers queries on it.
 *
 *  A Searcher may live as long as a service: each search() reads the index as it is then.
 *  It follows the stub files it was opened through (an index directory's `DIR/XAPIANDB`,
 *  or a stub file listing shards) to the databases they name now, so that a rebuild swaps
 *  in the new generation under it, and reads the latest commit of an update in place
 *  (docs/index-layout.md, "What a long-lived reader sees"). One Searcher is for one thread
 *  at a time.
 *
 *  Query syntax: free words (ranked, OR), "quoted phrases", AND / OR / NOT / XOR, +must
 *  -mustnot, (grouping), prefix* wildcards, title:word, and source:NAME or source:"NAME"
 *  filters (docs/query.md). Words are analyzed exactly as documents are.
 *
 *  **Example**
 *  @code
 *  const fahras::Searcher searcher("/var/lib/fahras/index");
 *  fahras::SearchOptions options;
 *  options.since = "2017-01";
 *  options.sort = fahras::Sort::Date;
 *  options.facets = {fahras::Facet::Month};
 *  const fahras::SearchResult result = searcher.search("بوتين source:BBC", options);
 *  @endcode
 */
class Searcher {
  public:
    /** @throws fahras::Error if @p path is not a readable index.
     *  @throws fahras::IndexVersionError if it was built with another analyzer version. */
    explicit Searcher(const std::string& path);
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    /** Runs one query (UTF-8). An empty query (or white space) matches every document, as
     *  does a query with no word but a filter in @p options (since, until, sources): every
     *  document that passes the filter, all with score 0.
     *
     *  First, if a stub file the index was opened through has changed since (a rebuild
     *  swapped in a new generation), the index is opened anew from the path given, with the
     *  checks of the constructor; then the latest commit is read. If commits overtake the
     *  search (Xapian::DatabaseModifiedError), it is run again on the newest revision, for
     *  up to 10 seconds.
     *  @throws fahras::QueryError if it is malformed, longer than kMaxQueryBytes, has an
     *          `exact:` with nothing after it, or has text but no searchable word (`...`)
     *          and no filter.
     *  @throws fahras::Error if SearchOptions::since or until is not a date, or since is
     *          after until; if the index kept changing under the search for 10 seconds
     *          ("index 'PATH' changed faster than the search could read it; try again"); if
     *          the index is damaged (a Xapian::DatabaseCorruptError that no commit explains:
     *          the message names xapian-check); or as the constructor, if the index opened
     *          anew cannot be.
     *  @throws fahras::IndexVersionError as the constructor, for an index opened anew. */
    [[nodiscard]] SearchResult search(std::string_view query, const SearchOptions& options) const;

    /** Number of documents in the index, as it is now (following its stub files, as
     *  search() does). */
    [[nodiscard]] std::size_t document_count() const;

    /** The stemmer the index was built with (recorded in it; every shard has the same), as
     *  it was last opened (by the constructor, or anew by a search): what
     *  `Analyzer(searcher.stemmer()).analyze(text)` takes to show what the index makes of a
     *  text. */
    [[nodiscard]] StemmerKind stemmer() const noexcept;

    /** The stored fields and the whole original text of the document with id @p id (UTF-8,
     *  the id as indexed), read from the index as it is now (following its stub files, as
     *  search() does); nullopt if the index holds no such document (an empty id included).
     *
     *  **Example**
     *  @code
     *  if (const auto doc = searcher.document("okaz-1")) std::cout << doc->text;
     *  @endcode
     *  @throws as the constructor, if the index must be opened anew and cannot be;
     *          Xapian::Error if it cannot be read. */
    [[nodiscard]] std::optional<StoredDocument> document(std::string_view id) const;

    /** Opens the index anew from the path given to the constructor, whether or not its stub
     *  files changed: what search() does by itself when one did.
     *  @throws as the constructor; the Searcher then keeps the index it had. */
    void reopen();

    /** Reads a synonyms file: one group of words per line (blank lines and lines starting
     *  with '#' skipped), any word of a group then also matches the others, at the weight
     *  of one word. Words are analyzed as in documents, so each stands for all its forms.
     *  @throws fahras::InputError naming the file (and line) if it cannot be read or a line
     *          has a single word.
     */
    void load_synonyms(const std::string& path);

  private:
    struct Impl;  ///< what a Searcher holds (common/src/search/searcher_impl.h)
    std::unique_ptr<Impl> impl_;
};

/** One topic's answer, from search_topics(). */
struct TopicAnswer {
    SearchResult result;      ///< the hits; none when `error` is set
    std::string error;        ///< a malformed query's QueryError message, else empty
    double milliseconds = 0;  ///< wall time of this topic's search
};

/** The most threads search_topics() takes: each opens the index once more. */
inline constexpr unsigned kMaxSearchThreads = 64;

/** Answers a batch of topics with @p threads searches at once. Each thread has a Searcher of
 *  its own on @p path, set up by @p prepare (e.g. load_synonyms). @p done receives each
 *  answer on the calling thread, in the order of @p topics, as soon as it and every answer
 *  before it are ready: what a batch prints does not depend on @p threads. At most 64 answers
 *  a thread wait for their turn, so memory does not grow with the batch. @p threads is
 *  clamped to 1 … kMaxSearchThreads.
 *
 *  A malformed query is an answer with `error` set, and the batch goes on.
 *  @throws anything else that a search, @p prepare or @p done throws, once the answers
 *          before it have been handed to @p done; the other threads are stopped first.
 */
void search_topics(const std::string& path, const std::vector<Topic>& topics,
                   const SearchOptions& options, unsigned threads,
                   const std::function<void(Searcher&)>& prepare,
                   const std::function<void(const Topic&, TopicAnswer&&)>& done);

}  // namespace fahras
