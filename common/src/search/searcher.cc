/** @file
 *  @brief The Searcher façade: opening an index, following it as it changes, retrying a
 *  search that commits overtake, and one search as named steps (parse, expand, match, rank,
 *  hits), whose work lies in the files beside it.
 */
#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include "analysis/xapian_glue.h"
#include "fahras/error.h"
#include "fahras/schema.h"
#include "fahras/search.h"
#include "fahras/tokenize.h"
#include "schema/terms.h"
#include "search/enquire.h"
#include "search/expansion.h"
#include "search/explain.h"
#include "search/filters.h"
#include "search/hits.h"
#include "search/learned.h"
#include "search/rank.h"
#include "search/searcher_impl.h"
#include "search/suggest.h"
#include "util/lines.h"
#include "util/xapian_errors.h"

namespace fahras {

namespace {

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

}  // namespace

Searcher::Impl::~Impl() {
    if (synonyms_dir.empty()) return;
    synonyms.close();
    std::error_code ignored;
    std::filesystem::remove_all(synonyms_dir, ignored);
}

void Searcher::Impl::adopt(detail::OpenedIndex opened) {
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

void Searcher::Impl::bind_parser() {
    if (synonyms_dir.empty()) return parser.set_database(db);
    Xapian::Database both(db);
    both.add_database(synonyms);
    parser.set_database(both);
}

void Searcher::Impl::add_synonyms(const std::vector<std::vector<std::string>>& groups) {
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

void Searcher::Impl::follow_stubs() {
    if (detail::stubs_changed(stubs)) adopt(detail::open_index(path));
}

const detail::LearnedModel* Searcher::Impl::learned_model() {
    if (!model) {
        model = std::make_unique<detail::LearnedModel>(detail::ranker_model_json(),
                                                       detail::kFeatureNames);
    }
    return model.get();
}

Error Searcher::Impl::changed_too_fast() const {
    return Error("index '" + path + "' changed faster than the search could read it; try again");
}

Xapian::Query Searcher::Impl::parse(std::string_view query, const detail::PreparedQuery& prepared,
                                    const Xapian::Query& filter) {
    // An empty query asks for everything (with facets: the index's statistics); one with
    // text but no word (`...`) is a mistake.
    const std::vector<Token>& words = prepared.words;
    if (words.empty() && filter.empty() && !prepared.blank) {
        throw QueryError("query '" + std::string(query) + "' has no words to search for");
    }
    if (words.empty()) return Xapian::Query::MatchAll;
    // A query of nothing but stop words searches for them rather than for nothing.
    const bool only_stop_words = std::all_of(
        words.begin(), words.end(), [](const Token& w) { return w.stop_word == StopWord::Yes; });
    parser.set_stopper(only_stop_words ? nullptr : detail::stopper());
    try {
        return parser.parse_query(prepared.parser_text, kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("malformed query '" + std::string(query) + "': " + e.get_msg());
    }
}

SearchResult Searcher::Impl::search_once(std::string_view query, const SearchOptions& options) {
    detail::check_query_length(query);
    const Xapian::Query filter = detail::options_filter(options);
    const detail::PreparedQuery prepared =
        detail::prepare_query(query, Analyzer(stem_kind), options.syntax);
    const Xapian::Query parsed = parse(query, prepared, filter);
    const detail::Expansion expansion = detail::expand_free_words(db, parsed, options.variants);
    // The learned ranker's first stage weighs one unit per word (its forms pooled).
    const bool first_stage = options.ranking == Ranking::Learned && !expansion.words.empty();
    const detail::Ranker ranker = detail::choose_ranker(
        options, expansion,
        detail::learned_applies(options, expansion) ? learned_model() : nullptr);
    const detail::Match match = detail::run_match(
        db,
        {query, first_stage ? detail::first_stage_query(expansion) : expansion.query, filter,
         prepared.exact_forms, ranker.first, ranker.count},
        options);
    const std::vector<detail::Candidate> ranked = ranker.rank({db, match.mset, expansion, options});
    return hits({query, prepared, expansion, match}, ranked, options);
}

SearchResult Searcher::Impl::hits(const Answered& answered,
                                  const std::vector<detail::Candidate>& ranked,
                                  const SearchOptions& options) const {
    SearchResult result;
    result.matches_estimated = answered.match.mset.get_matches_estimated();
    result.matches_lower_bound = answered.match.mset.get_matches_lower_bound();
    result.matches_upper_bound = answered.match.mset.get_matches_upper_bound();
    result.facets = answered.match.facets;
    if (options.suggestions == Suggestions::Yes) {
        result.did_you_mean =
            detail::suggestion(db, Analyzer(stem_kind), answered.query, answered.prepared.tokens);
    }
    std::optional<detail::Explainer> explainer;
    if (options.explain == Explain::Yes) {
        explainer.emplace(db, options, answered.match.enquire, stem_kind,
                          detail::query_word_terms(answered.prepared.words, answered.expansion));
    }
    std::size_t rank = options.offset;
    for (const detail::Candidate& candidate : ranked) {
        Hit hit = detail::make_hit(db, stem, stem_kind, answered.match, candidate, ++rank, options);
        if (explainer) hit.matches = explainer->explain(candidate.it);
        result.hits.push_back(std::move(hit));
    }
    return result;
}

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
            return impl_->search_once(query, options);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (late()) throw impl_->changed_too_fast();
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

StemmerKind Searcher::stemmer() const noexcept { return impl_->stem_kind; }

}  // namespace fahras
