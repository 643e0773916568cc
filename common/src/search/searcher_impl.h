/** @file
 *  @brief Internal: what a Searcher holds (the index open now, its stemmer, the query parser,
 *  the user's synonyms) and the steps of one search.
 */
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/error.h"
#include "fahras/search.h"
#include "search/enquire.h"
#include "search/expansion.h"
#include "search/learned_model.h"
#include "search/open_index.h"
#include "search/query_prep.h"
#include "search/rank.h"

namespace fahras {

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
    /** The learned ranker's model, read at its first use (ranker_model_json()). */
    std::unique_ptr<detail::LearnedModel> model;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl();

    /** Searches @p opened from now on, with its stemmer. */
    void adopt(detail::OpenedIndex opened);

    /** The parser reads the index, and the synonyms if any were loaded. */
    void bind_parser();

    /** Writes @p groups into the synonyms database, analyzed with the index's stemmer. */
    void add_synonyms(const std::vector<std::vector<std::string>>& groups);

    /** A rebuild renames a new stub over the old one: open the generation it names. */
    void follow_stubs();

    /** The learned ranker's model, read now if it was not yet. */
    [[nodiscard]] const detail::LearnedModel* learned_model();

    /** The error when commits overtook every read until the deadline. */
    [[nodiscard]] Error changed_too_fast() const;

    /** search(), on the revision of the index open now: the steps parse, expand, match,
     *  rank and hits. */
    [[nodiscard]] SearchResult search_once(std::string_view query, const SearchOptions& options);

    /** The parse step: @p prepared as the query parser reads it (@p query as typed, for
     *  messages).
     *  @throws fahras::QueryError if it has no word and no filter (@p filter), or is
     *          malformed. */
    [[nodiscard]] Xapian::Query parse(std::string_view query, const detail::PreparedQuery& prepared,
                                      const Xapian::Query& filter);

    /** What the hits step reads: the query as typed, its preparation and expansion, and
     *  the match. */
    struct Answered {
        std::string_view query;
        const detail::PreparedQuery& prepared;
        const detail::Expansion& expansion;
        const detail::Match& match;
    };

    /** The hits step: the answer to @p answered, its hits @p ranked (the page, best first),
     *  with "did you mean" and --explain if @p options ask for them. */
    [[nodiscard]] SearchResult hits(const Answered& answered,
                                    const std::vector<detail::Candidate>& ranked,
                                    const SearchOptions& options) const;
};

}  // namespace fahras
