/** @file
 *  @brief The extension `fahras._fahras` of the Python package `fahras`: index, search,
 *         count and analyze from Python (pybind11 over fahras_common; docs/python.md). The
 *         package's `__init__.py` re-exports it; `_fahras.pyi` types it.
 */
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/batch.h"
#include "fahras/corpus.h"
#include "fahras/error.h"
#include "fahras/fields.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"

namespace py = pybind11;

namespace fahras {

namespace {

/** Code points in the UTF-8 bytes [0, @p bytes) of @p text: a Python str index. */
std::size_t str_index(std::string_view text, std::size_t bytes) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < bytes && i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    }
    return count;
}

/** The argument @p name, a count: Python ints are signed, and a negative one would wrap
 *  around in a std::size_t (pybind11 refused it only with a TypeError listing every
 *  signature).
 *  @throws fahras::Error if @p value is negative. */
std::size_t count_argument(const char* name, long long value) {
    if (value < 0) {
        throw Error(std::string(name) + " must be 0 or more, not '" + std::to_string(value) + "'");
    }
    return static_cast<std::size_t>(value);
}

/** The keyword arguments shared by search(), search_many(), facets() and count(). */
SearchOptions make_options(long long k, long long offset, const std::optional<std::string>& since,
                           const std::optional<std::string>& until,
                           const std::optional<std::vector<std::string>>& sources,
                           const std::string& sort,
                           const std::optional<long long>& rerank = std::nullopt,
                           bool variants = true) {
    SearchOptions options;
    options.limit = count_argument("k", k);
    options.offset = count_argument("offset", offset);
    options.since = since.value_or("");
    options.until = until.value_or("");
    options.sources = sources.value_or(std::vector<std::string>{});
    options.sort = parse_sort(sort);
    // rerank: both rankers' depths, as --rerank; None keeps each one's own default.
    if (rerank) options.rerank_depth = options.learned_depth = count_argument("rerank", *rerank);
    options.variants = variants ? Variants::Yes : Variants::No;
    options.suggestions = Suggestions::No;  // costs more than the search: only when asked
    return options;
}

/** @p value as Python prints a float ("1.5", "101.0"), for messages. */
std::string float_text(double value) { return py::str(py::float_(value)); }

/** The keyword arguments of search() and search_many() beyond make_options(): the CLI's
 *  --ranking, --bm25-k1, --bm25-b, --expand, --explain, and "did you mean", with the CLI's
 *  bounds (the library takes any k1 and b).
 *  @throws fahras::Error for an unknown ranking, k1 outside 0…100, b outside 0…1 or a
 *          negative expand. */
void set_ranking(SearchOptions& options, const std::string& ranking, double k1, double b,
                 long long expand, bool explain, bool suggest) {
    options.ranking = parse_ranking(ranking);
    if (!(k1 >= 0 && k1 <= 100)) {
        throw Error("k1 must be between 0 and 100, not '" + float_text(k1) + "'");
    }
    if (!(b >= 0 && b <= 1)) throw Error("b must be between 0 and 1, not '" + float_text(b) + "'");
    options.bm25_k1 = k1;
    options.bm25_b = b;
    options.expand_terms = count_argument("expand", expand);
    options.explain = explain ? Explain::Yes : Explain::No;
    options.suggestions = suggest ? Suggestions::Yes : Suggestions::No;
}

/** hit["explain"]: the terms a hit matched, as --format json's "matched" (docs/output.md). */
py::list explain_list(const std::vector<TermMatch>& matches) {
    py::list out;
    for (const TermMatch& m : matches) {
        py::list words;
        for (const auto& [word, count] : m.words) {
            words.append(py::dict(py::arg("word") = word, py::arg("count") = count));
        }
        out.append(py::dict(py::arg("term") = m.term, py::arg("weight") = m.weight,
                            py::arg("query_words") = m.query_words, py::arg("words") = words));
    }
    return out;
}

/** hit["ranking"]: each feature of the learned ranker with its value and contribution, the
 *  largest first, then the bias, as --format json's "ranking" (docs/ranking.md). */
py::list ranking_list(const std::vector<RankingFeature>& features) {
    py::list out;
    for (const RankingFeature& f : features) {
        out.append(py::dict(py::arg("feature") = f.name, py::arg("value") = f.value,
                            py::arg("contribution") = f.contribution));
    }
    return out;
}

/** The answer to one query as a fahras.Hits (a list of hit dicts, with total, total_min,
 *  total_max and did_you_mean: fahras/__init__.py). */
py::object to_hits(const SearchResult& result, const SearchOptions& options) {
    py::object out = py::module_::import("fahras").attr("Hits")();
    for (const Hit& hit : result.hits) {
        py::dict d;
        d["rank"] = hit.rank;
        d["id"] = hit.id;
        d["score"] = hit.score;
        d["title"] = hit.title;
        d["snippet"] = hit.snippet;
        d["date"] = hit.date;
        d["source"] = hit.source;
        d["url"] = hit.url;
        d["docid"] = hit.docid;
        if (options.explain == Explain::Yes) {
            d["explain"] = explain_list(hit.matches);
            if (!hit.ranking.empty()) d["ranking"] = ranking_list(hit.ranking);
        }
        if (PyList_Append(out.ptr(), d.ptr()) != 0) throw py::error_already_set();
    }
    out.attr("total") = result.matches_estimated;
    out.attr("total_min") = result.matches_lower_bound;
    out.attr("total_max") = result.matches_upper_bound;
    out.attr("did_you_mean") = options.suggestions == Suggestions::Yes
                                   ? py::object(py::str(result.did_you_mean))
                                   : py::object(py::none());
    return out;
}

/** A read-only index: fahras.Index(path).
 *
 *  One Searcher, which is for one thread at a time: the calls that use it are serialised
 *  by a mutex, taken after the GIL is released (a thread waiting for it holds no GIL). */
class PyIndex {
  public:
    PyIndex(std::string path, std::optional<std::string> synonyms)
        : path_(std::move(path)), synonyms_(std::move(synonyms)) {
        searcher_ = std::make_unique<Searcher>(path_);
        if (synonyms_) searcher_->load_synonyms(*synonyms_);
    }

    [[nodiscard]] SearchResult run(const std::string& query, const SearchOptions& options) const {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        return searcher_->search(query, options);
    }

    /** search() for each of @p queries, on @p threads threads (0: one per core), each with
     *  a Searcher of its own (with the synonyms); the answers in the order of @p queries.
     *  The first malformed query raises its QueryError, as a loop of search() would. */
    [[nodiscard]] std::vector<SearchResult> run_many(const std::vector<std::string>& queries,
                                                     const SearchOptions& options,
                                                     unsigned threads) const {
        std::vector<Topic> topics;
        topics.reserve(queries.size());
        for (const std::string& query : queries) topics.push_back({"", query});
        if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
        std::vector<SearchResult> out;
        out.reserve(queries.size());
        const py::gil_scoped_release unlocked;
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            check_open();
        }
        search_topics(
            path_, topics, options, threads,
            [&](Searcher& searcher) {
                if (synonyms_) searcher.load_synonyms(*synonyms_);
            },
            [&](const Topic&, TopicAnswer&& answer) {
                if (!answer.error.empty()) throw QueryError(answer.error);
                out.push_back(std::move(answer.result));
            });
        return out;
    }

    [[nodiscard]] std::size_t document_count() const {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        return searcher_->document_count();
    }

    [[nodiscard]] std::optional<StoredDocument> document(const std::string& id) const {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        return searcher_->document(id);
    }

    void reopen() {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        searcher_->reopen();
    }

    /** Lets the index go (its files, the synonyms' temporary table); later calls raise. */
    void close() {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        searcher_.reset();
    }

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::optional<std::string>& synonyms() const { return synonyms_; }

  private:
    void check_open() const {
        if (!searcher_) throw Error("index '" + path_ + "' is closed");
    }

    std::string path_;
    std::optional<std::string> synonyms_;  ///< the synonyms file every Searcher loads
    std::unique_ptr<Searcher> searcher_;
    mutable std::mutex mutex_;  ///< held by the thread using searcher_
};

/** Warns with fahras.InputWarning (a UserWarning): Python's warning filters show it once
 *  per message by default, or make it an error ("error": then this throws). */
void warn_input(const std::string& message) {
    const py::object category = py::module_::import("fahras._fahras").attr("InputWarning");
    // stacklevel 1: the warning names the Python line that called into the module.
    if (PyErr_WarnEx(category.ptr(), message.c_str(), 1) != 0) throw py::error_already_set();
}

/** The documents with an unreadable date a Writer names in a warning each; the rest are
 *  counted in one warning at close(), so that a data frame of dates in another format does
 *  not print thousands of lines. */
constexpr std::size_t kDateWarnings = 10;

/** Writes documents: fahras.Writer(path). Its calls are serialised as PyIndex's are. */
class PyWriter {
  public:
    /** @p stemmer nullopt: the index's own (IndexOptions::stemmer), as fahras-index. */
    PyWriter(std::string path, bool overwrite, const std::optional<std::string>& stemmer)
        : path_(std::move(path)) {
        IndexOptions options;
        if (stemmer) options.stemmer = parse_stemmer_kind(*stemmer);
        options.mode = overwrite ? OpenMode::Overwrite : OpenMode::Update;
        writer_ = std::make_unique<IndexWriter>(path_, options);
    }

    /** Adds @p doc, named @p named in a warning ("record 3 (id 'a7')", "id 'a7'") if its
     *  date is one fahras::document_day cannot read: it is indexed undated, as by
     *  fahras-index. Needs the GIL (it may warn). */
    void add(const Document& doc, const std::string& named) {
        check_date(doc, named);
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        writer_->add(doc);
    }

    void commit() {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        writer_->commit();
    }

    /** Commits and releases the index's lock; then warns of the unreadable dates past the
     *  first kDateWarnings, if any. */
    void close() {
        {
            const py::gil_scoped_release unlocked;
            const std::lock_guard<std::mutex> lock(mutex_);
            if (!writer_) return;
            writer_->commit();
            writer_.reset();
        }
        if (undated_ > kDateWarnings) {
            warn_input(std::to_string(undated_) +
                       " documents in all had a date not understood and were indexed undated (" +
                       std::to_string(kDateWarnings) +
                       " named above; fahras.document_day(date) tells which dates are read)");
        }
    }

    [[nodiscard]] std::size_t document_count() const {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        check_open();
        return writer_->document_count();
    }

  private:
    void check_open() const {
        if (!writer_) throw Error("index '" + path_ + "': the writer is closed");
    }

    void check_date(const Document& doc, const std::string& named) {
        if (doc.date.find_first_not_of(" \t\r\n") == std::string::npos) return;
        if (document_day(doc.date)) return;
        // The count is the writer's: threads sharing it take the GIL to get here.
        if (++undated_ > kDateWarnings) return;
        warn_input(named + ": date '" + doc.date +
                   "' not understood (use ISO 8601 YYYY-MM-DD), document indexed undated");
    }

    std::string path_;
    std::unique_ptr<IndexWriter> writer_;
    std::size_t undated_ = 0;   ///< documents added with a date document_day cannot read
    mutable std::mutex mutex_;  ///< held by the thread using writer_
};

/** Raises fahras.InputError with @p message (a record's problem: no file, no line). */
[[noreturn]] void raise_input_error(const std::string& message) {
    const py::object type = py::module_::import("fahras").attr("InputError");
    PyErr_SetString(type.ptr(), message.c_str());
    throw py::error_already_set();
}

/** The name of @p value's type ("float"). */
std::string type_name(const py::handle& value) {
    return py::str(py::type::handle_of(value).attr("__name__"));
}

/** How @p value stands for no value ("is None", "is NaN", "is NA"), or "" if it is one. */
std::string missing(const py::handle& value) {
    if (value.is_none()) return "is None";
    if (PyUnicode_Check(value.ptr()) || PyLong_Check(value.ptr())) return {};
    // pandas.NA has no truth value (NA != NA is NA): known by its type's name, so that
    // pandas need not be imported.
    if (type_name(value) == "NAType") return "is NA";
    if (PyFloat_Check(value.ptr()))
        return std::isnan(PyFloat_AS_DOUBLE(value.ptr())) ? "is NaN" : "";
    // What else is unequal to itself: numpy's NaNs, pandas.NaT. (Not PyObject_RichCompareBool,
    // which takes an object for equal to itself.)
    const auto unequal =
        py::reinterpret_steal<py::object>(PyObject_RichCompare(value.ptr(), value.ptr(), Py_NE));
    const int truth = unequal ? PyObject_IsTrue(unequal.ptr()) : -1;
    if (truth < 0) PyErr_Clear();  // no answer: a value like any other
    return truth == 1 ? "is NaN" : "";
}

/** A document as Python gives it, and how messages name it. */
struct NamedDocument {
    Document doc;
    std::string named;  ///< "record 3 (id 'a7')" for fahras.index(), "id 'a7'" for Writer.add
};

/** The reason an id of @p value's type is refused: its type, and for a float holding a whole
 *  number the pandas habit behind it (a column of ints with a missing value is float). */
std::string id_type_problem(const py::handle& value) {
    std::string why = "\"id\" is not a string or an integer (" + type_name(value) + ")";
    if (PyFloat_Check(value.ptr())) {
        const double number = PyFloat_AS_DOUBLE(value.ptr());
        if (std::isfinite(number) && number == std::trunc(number)) {
            why += ": pandas makes a column of integers with a missing value float; " +
                   std::string("convert it with df[\"id\"].astype(\"Int64\") or .astype(str)");
        }
    }
    return why;
}

/** The fields of a document as Python gives them, as a Document. The id is a str or an
 *  integer (an int, or any whole number type such as numpy.int64: its decimal string, as in
 *  JSONL), the text a str; an optional field that is None, NaN or pandas.NA is absent, any
 *  other value its str(). @p where names the record in errors ("record 3"; "" for
 *  Writer.add).
 *  @throws fahras.InputError (Python) "record 3 (id 'a7'): "text" is None" and the like. */
NamedDocument make_document(const py::handle& id, const py::handle& text, const py::handle& title,
                            const py::handle& date, const py::handle& source, const py::handle& url,
                            const std::string& where) {
    Document doc;
    const std::string id_where = where.empty() ? "" : where + ": ";
    if (const std::string why = missing(id); !why.empty()) {
        raise_input_error(id_where + "\"id\" " + why);
    }
    if (PyUnicode_Check(id.ptr())) {
        doc.id = py::str(id);
    } else if (PyIndex_Check(id.ptr()) && !PyBool_Check(id.ptr())) {
        // int, numpy's integers: anything Python takes as an index is a whole number.
        const auto number = py::reinterpret_steal<py::object>(PyNumber_Index(id.ptr()));
        if (!number) throw py::error_already_set();
        doc.id = py::str(number);
    } else {
        raise_input_error(id_where + id_type_problem(id));
    }
    std::string named = where.empty() ? "id '" + doc.id + "'" : where + " (id '" + doc.id + "')";
    if (const std::string why = missing(text); !why.empty()) {
        raise_input_error(named + ": \"text\" " + why);
    }
    if (!PyUnicode_Check(text.ptr())) {
        raise_input_error(named + ": \"text\" is not a string (" + type_name(text) + ")");
    }
    doc.text = py::str(text);
    const auto optional = [](const py::handle& value) -> std::string {
        return missing(value).empty() ? std::string(py::str(value)) : std::string();
    };
    doc.title = optional(title);
    doc.date = optional(date);
    doc.source = optional(source);
    doc.url = optional(url);
    return {std::move(doc), std::move(named)};
}

/** Record number @p row of fahras.index(): a dict with "id", "text" and optional "title",
 *  "date", "source", "url", as a Document (make_document). */
NamedDocument to_document(const py::handle& item, std::size_t row) {
    const std::string where = "record " + std::to_string(row);
    if (!py::isinstance<py::dict>(item)) {
        std::string hint;
        // Iterating a DataFrame gives its column names.
        if (PyUnicode_Check(item.ptr()))
            hint = "; for a pandas DataFrame pass df.to_dict(\"records\")";
        throw py::type_error(where + ": a record is a dict with \"id\" and \"text\", not " +
                             type_name(item) + hint);
    }
    const auto record = py::reinterpret_borrow<py::dict>(item);
    if (!record.contains("id") || !record.contains("text")) {
        throw py::value_error(where + ": a record needs \"id\" and \"text\"");
    }
    const auto field = [&](const char* key) -> py::object {
        return record.contains(key) ? py::object(record[key]) : py::object(py::none());
    };
    return make_document(record["id"], record["text"], field("title"), field("date"),
                         field("source"), field("url"), where);
}

}  // namespace

}  // namespace fahras

PYBIND11_MODULE(_fahras, m) {
    using namespace fahras;
    using namespace pybind11::literals;
    m.doc() = "Arabic full-text search (Xapian + ICU): index, search, count and analyze.";

    static py::exception<Error> error(m, "Error", PyExc_RuntimeError);
    static py::exception<QueryError> query_error(m, "QueryError", error.ptr());
    static py::exception<InputError> input_error(m, "InputError", error.ptr());
    static py::exception<IndexVersionError> version_error(m, "IndexVersionError", error.ptr());
    // fahras::IndexLockedError: another writer (fahras-index, another Writer) holds the index.
    static py::exception<IndexLockedError> lock_error(m, "LockError", error.ptr());
    // Most derived first: the first class that matches wins.
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const QueryError& e) {
            query_error(e.what());
        } catch (const InputError& e) {
            input_error(e.what());
        } catch (const IndexVersionError& e) {
            version_error(e.what());
        } catch (const IndexLockedError& e) {
            lock_error(e.what());
        } catch (const Error& e) {
            error(e.what());
        }
    });

    // The docstrings of the exceptions (help(fahras.QueryError) and editors show them).
    error.attr("__doc__") = R"(An error of fahras, with the message fahras-search prints.

Every exception fahras raises for its own reasons is one (a RuntimeError): no index at
the path, a bad date, sort, facet, ranking or count argument, a closed Index or Writer,
an error of Xapian (the message names the index). Its subclasses tell the cases a caller
handles differently.)";
    query_error.attr("__doc__") = R"(A query fahras cannot run (a fahras.Error).

A malformed query, one with no word and no filter, one longer than 16,384 bytes, or
exact: with nothing after it. The message names the query.)";
    input_error.attr("__doc__") = R"(A document or file fahras cannot take (a fahras.Error).

A record of fahras.index() or a Writer.add() whose id or text is missing (None, NaN,
pandas.NA) or of another type, named by its position and id ("record 3 (id 'a7'):
"text" is None"); an empty id; a synonyms file that cannot be read or has a group of
one word (the message names the file and line).)";
    version_error.attr("__doc__") =
        R"(The index was built by another version of fahras (a fahras.Error).

Its analyzer version or stemmer differs from this module's: rebuild it
(fahras-index --rebuild, or fahras.index(..., overwrite=True)).)";
    lock_error.attr("__doc__") = R"(Another writer holds the index (a fahras.Error).

A fahras-index run or another fahras.Writer has the index's lock (DIR/fahras.lock):
"index 'PATH' is locked by another indexer". Try again once it has finished.)";
    // fahras.InputWarning: a document indexed all the same, with something it lacks.
    m.attr("InputWarning") = py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
        "fahras._fahras.InputWarning",
        "A document indexed with a problem (a UserWarning): a date fahras cannot read,\n"
        "so the document is indexed undated. warnings.simplefilter(\"error\",\n"
        "fahras.InputWarning) makes it an error.",
        PyExc_UserWarning, nullptr));

    py::class_<PyIndex>(m, "Index", R"(A fahras index, opened read-only.

Index(path, *, synonyms=None) opens the index that fahras-index or fahras.Writer built at
path; synonyms is a file of synonym groups, one per line (fahras-search --synonyms,
docs/query.md), used by every search of this Index. Raises fahras.Error if there is no
index, fahras.IndexVersionError if it was built by another version of fahras,
fahras.InputError for a bad synonyms file. Each call reads the index as it is then: the
latest commit of an update, the new generation after a rebuild. Used as a context
manager, the Index is closed at the end of the block. Threads may share one Index: its
calls run one at a time (search_many, or one Index per thread, search in parallel).)")
        .def(py::init<std::string, std::optional<std::string>>(), "path"_a, py::kw_only(),
             "synonyms"_a = py::none())
        .def(
            "search",
            [](const PyIndex& self, const std::string& query, long long k, long long offset,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, const std::optional<long long>& rerank, bool variants,
               const std::string& ranking, double k1, double b, long long expand, bool explain,
               bool suggest) {
                SearchOptions options =
                    make_options(k, offset, since, until, sources, sort, rerank, variants);
                options.snippets = snippets ? Snippets::Yes : Snippets::No;
                set_ranking(options, ranking, k1, b, expand, explain, suggest);
                return to_hits(self.run(query, options), options);
            },
            "query"_a, "k"_a = 10, py::kw_only(), "offset"_a = 0, "since"_a = py::none(),
            "until"_a = py::none(), "sources"_a = py::none(), "sort"_a = "relevance",
            "snippets"_a = true, "rerank"_a = py::none(), "variants"_a = true,
            "ranking"_a = "learned", "k1"_a = SearchOptions{}.bm25_k1,
            "b"_a = SearchOptions{}.bm25_b, "expand"_a = 0, "explain"_a = false,
            "suggest"_a = false,
            R"(The best k hits for query (fahras query syntax: docs/query.md): a fahras.Hits,
a list of dicts rank, id, score, title, snippet (matches between **), date, source, url,
docid, with .total (Xapian's estimate of all the matches), .total_min and .total_max
(its bounds: equal when the count is exact) and .did_you_mean.

offset skips hits (paging); since/until ("YYYY-MM-DD", "YYYY-MM" or "YYYY") keep
documents dated within, bounds included; sources keeps documents of those sources;
sort is "relevance" (default) or "date" (newest first); rerank is how many of the
first hits are scored again: by the learned model, or for the other rankers by how
many of the words of a query of several words they hold and how close (None: 100 and
50; 0: off; --rerank, docs/query.md); variants=False matches
only the written spelling of names (--no-variants). ranking is "learned" (BM25 over
each word's forms, then a learned model re-scores the first 100: docs/ranking.md),
"auto" (DLH from 1,000 documents, BM25 below), "dlh" or "bm25", with BM25's k1 (0 to
100) and b (0 to 1);
expand adds that many stems of the first hits to the query (--expand). explain=True
gives each hit an "explain" list: the terms it matched, with their weights, the query
words they stand for and the document's words behind them (--explain), and, when the
learned model scored it, a "ranking" list: each feature's value and contribution. suggest=True
fills .did_you_mean with a spelling correction ("" if none; it costs more than the
search itself); otherwise it is None. The query "" matches every document that passes
the filters. Raises fahras.QueryError for a malformed query (or one longer than 16,384
bytes), fahras.Error for a bad date, sort or ranking, a since after until, k1 or b out
of bounds, or a negative k, offset, rerank or expand.)")
        .def(
            "search_many",
            [](const PyIndex& self, const std::vector<std::string>& queries, long long k,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, const std::optional<long long>& threads,
               const std::optional<long long>& rerank, bool variants, const std::string& ranking,
               double k1, double b, long long expand, bool explain, bool suggest) {
                SearchOptions options =
                    make_options(k, 0, since, until, sources, sort, rerank, variants);
                options.snippets = snippets ? Snippets::Yes : Snippets::No;
                set_ranking(options, ranking, k1, b, expand, explain, suggest);
                if (threads && (*threads < 1 || *threads > kMaxSearchThreads)) {
                    throw Error("threads must be between 1 and " +
                                std::to_string(kMaxSearchThreads));
                }
                py::list out;
                for (const SearchResult& result :
                     self.run_many(queries, options, static_cast<unsigned>(threads.value_or(0)))) {
                    out.append(to_hits(result, options));
                }
                return out;
            },
            "queries"_a, "k"_a = 10, py::kw_only(), "since"_a = py::none(), "until"_a = py::none(),
            "sources"_a = py::none(), "sort"_a = "relevance", "snippets"_a = false,
            "threads"_a = py::none(), "rerank"_a = py::none(), "variants"_a = true,
            "ranking"_a = "learned", "k1"_a = SearchOptions{}.bm25_k1,
            "b"_a = SearchOptions{}.bm25_b, "expand"_a = 0, "explain"_a = false,
            "suggest"_a = false,
            R"(search() for each query of a list: a list of fahras.Hits, in the same order.
The queries are searched on `threads` threads at once (default: one per core),
without the GIL. Snippets are off by default (batch runs rarely need them).
Raises fahras.QueryError for the first malformed query.)")
        .def(
            "facets",
            [](const PyIndex& self, const std::string& query, const std::vector<std::string>& names,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources) {
                SearchOptions options = make_options(0, 0, since, until, sources, "relevance");
                options.snippets = Snippets::No;
                for (const std::string& name : names) options.facets.push_back(parse_facet(name));
                const SearchResult result = self.run(query, options);
                py::dict out;
                for (const FacetCounts& facet : result.facets) {
                    py::dict counts;
                    for (const FacetCount& c : facet.counts) counts[py::str(c.value)] = c.count;
                    out[py::str(std::string(to_string(facet.facet)))] = counts;
                }
                return out;
            },
            "query"_a, "facets"_a = std::vector<std::string>{"source", "month"}, py::kw_only(),
            "since"_a = py::none(), "until"_a = py::none(), "sources"_a = py::none(),
            R"(Counts over all the matches of query: {"source": {name: count}, "month":
{"YYYY-MM": count}} for the facets asked ("source", "month"). Sources come most
frequent first, months in order; documents without the field are not counted.)")
        .def(
            "count",
            [](const PyIndex& self, const std::string& query,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources) {
                SearchOptions options = make_options(0, 0, since, until, sources, "relevance");
                options.snippets = Snippets::No;
                options.facets = {Facet::Source};  // makes the match count exact
                return self.run(query, options).matches_estimated;
            },
            "query"_a, py::kw_only(), "since"_a = py::none(), "until"_a = py::none(),
            "sources"_a = py::none(), "The exact number of documents that match query.")
        .def(
            "doc",
            [](const PyIndex& self, const py::object& id) -> py::object {
                // An int id is its decimal digits, as Writer.add and fahras.index take it.
                const std::string key = PyLong_Check(id.ptr()) && !PyBool_Check(id.ptr())
                                            ? std::string(py::str(id))
                                            : id.cast<std::string>();
                const std::optional<StoredDocument> doc = self.document(key);
                if (!doc) return py::none();
                return py::dict("id"_a = doc->id, "title"_a = doc->title, "text"_a = doc->text,
                                "date"_a = doc->date, "source"_a = doc->source, "url"_a = doc->url);
            },
            "id"_a,
            R"(The document with this id (a str, or an int as indexed): a dict id, title,
text (the whole original text, diacritics and all), date (as written), source, url
("" when absent); None if the index holds no such document, as Pyserini's doc() does.)")
        .def("__len__", &PyIndex::document_count, "Number of documents in the index.")
        .def("reopen", &PyIndex::reopen,
             R"(Opens the index anew from its path: reads its stub again and opens the
generation it names. Every call does this by itself when the stub has changed (a rebuild);
reopen() forces it.)")
        .def("close", &PyIndex::close,
             "Lets the index go; later calls raise fahras.Error. Closing twice is harmless.")
        .def("__enter__", [](PyIndex& self) -> PyIndex& { return self; })
        .def("__exit__", [](PyIndex& self, const py::object&, const py::object&,
                            const py::object&) { self.close(); })
        .def_property_readonly("path", &PyIndex::path)
        .def_property_readonly("synonyms", &PyIndex::synonyms,
                               "The synonyms file the Index was opened with, or None.")
        .def("__repr__", [](const PyIndex& self) { return "fahras.Index('" + self.path() + "')"; });

    py::class_<PyWriter>(m, "Writer", R"(Adds documents to an index (created if needed).

Writer(path, overwrite=False, stemmer=None) holds the index's lock until close(). stemmer
None is the index's own (as fahras-index: "light" for a new index); "light", "snowball"
or "none" names one, and an index holding documents is only updated with its own (else
fahras.IndexVersionError; overwrite=True switches). Nothing is visible to searchers
before commit(), or before a commit the writer makes by itself when more than 100,000
distinct words wait for the spelling table. Used as a context manager, it commits and
closes at the end of the block, also when the block raises (Xapian commits what was
added when a writer closes). Raises fahras.LockError if another writer holds the index.
Threads may share one Writer: its calls run one at a time.)")
        .def(py::init<std::string, bool, const std::optional<std::string>&>(), "path"_a,
             py::kw_only(), "overwrite"_a = false, "stemmer"_a = py::none())
        .def(
            "add",
            [](PyWriter& self, const py::object& id, const py::object& text,
               const py::object& title, const py::object& date, const py::object& source,
               const py::object& url) {
                const NamedDocument named = make_document(id, text, title, date, source, url, "");
                self.add(named.doc, named.named);
            },
            "id"_a, "text"_a, py::kw_only(), "title"_a = "", "date"_a = "", "source"_a = "",
            "url"_a = "",
            R"(Adds a document, replacing any with the same id. id: a str, or an integer (its
decimal digits); text: a str. date: ISO 8601 ("2015-07-21", "2015-07-21 02:51:32"...),
RFC 2822 or day first ("17/05/2015") to be filterable and counted by month; another date
is kept as written, the document indexed undated, with a fahras.InputWarning (the first
10 of a Writer each, then one count at close()). title, date, source, url: None or NaN
is no value. Raises fahras.InputError for an id or text that is None, NaN or of
another type.)")
        .def("commit", &PyWriter::commit, "Makes everything added so far durable and visible.")
        .def("close", &PyWriter::close, "Commits and releases the lock.")
        .def("__len__", &PyWriter::document_count)
        .def("__enter__", [](PyWriter& self) -> PyWriter& { return self; })
        .def("__exit__", [](PyWriter& self, const py::object&, const py::object&,
                            const py::object&) { self.close(); });

    m.def(
        "index",
        [](const std::string& path, const py::iterable& records, bool overwrite,
           const std::optional<std::string>& stemmer, std::size_t batch_size, double batch_mb) {
            if (!(batch_mb >= 0)) throw py::value_error("batch_mb must be 0 or more");
            // As fahras-index --batch-mb: Xapian holds every document added since the last
            // commit, so a batch of large records is bounded by its text as well.
            IndexOptions options;
            options.batch_size = batch_size;
            options.batch_bytes = static_cast<std::size_t>(batch_mb * 1024 * 1024);
            Batch batch(options);
            PyWriter writer(path, overwrite, stemmer);
            std::size_t added = 0;
            try {
                for (const py::handle item : records) {
                    const NamedDocument record = to_document(item, added);
                    writer.add(record.doc, record.named);
                    ++added;
                    if (batch.full_after(record.doc.title.size() + record.doc.text.size())) {
                        writer.commit();
                    }
                }
            } catch (...) {
                // A bad record stops the run: what was added before it is committed (as a
                // Writer used as a context manager does), nothing after it is read.
                try {
                    writer.close();
                } catch (...) {
                    // The first error is the one to report.
                }
                throw;
            }
            writer.close();
            return added;
        },
        "path"_a, "records"_a, py::kw_only(), "overwrite"_a = false, "stemmer"_a = py::none(),
        "batch_size"_a = 1000, "batch_mb"_a = 64.0,
        R"(Indexes records, dicts {"id", "text", "title"?, "date"?, "source"?, "url"?}
(as a JSONL line of fahras-index; a pandas DataFrame: df.to_dict("records")), committing
after every batch_size records or batch_mb MiB of title and text, whichever comes first
(0: no such limit), and at the end. Returns the number of records added. stemmer None
is the index's own ("light" for a new one), as Writer. A record whose id or text is
None, NaN or of another type raises fahras.InputError naming its position ("record 3
(id 'a7'): "text" is None"): the records before it are committed, none after it is read.
A date fahras cannot read (fahras.document_day) gives a fahras.InputWarning naming the
record (the first 10; then one count at the end), and the record is indexed undated.
None or NaN in title, date, source or url is no value.)");

    m.def(
        "analyze",
        [](const std::string& text, const std::string& stemmer) {
            std::vector<Token> tokens;
            {
                const py::gil_scoped_release unlocked;
                tokens = Analyzer(parse_stemmer_kind(stemmer)).analyze(text);
            }
            py::list out;
            for (const Token& token : tokens) {
                out.append(py::dict("surface"_a = token.surface, "normalized"_a = token.normalized,
                                    "stem"_a = token.stem, "start"_a = str_index(text, token.start),
                                    "end"_a = str_index(text, token.end),
                                    "stop_word"_a = token.stop_word == StopWord::Yes));
            }
            return out;
        },
        "text"_a, py::kw_only(), "stemmer"_a = "light",
        R"(The words of text as the index sees them: a list of dicts with surface (as
written), normalized, stem, start and end (str indices: text[start:end] == surface)
and stop_word.)");

    m.def("source_key", &source_name_key, "name"_a,
          "The form a source name is compared in: normalized, case-folded.");
    m.def(
        "document_day",
        [](const std::string& date) -> std::optional<std::string> { return document_day(date); },
        "date"_a,
        R"(The day "YYYY-MM-DD" fahras files a document's date under (for since/until, sort
by date and the month facet), or None if it cannot read the date: ISO 8601, RFC 2822 and
day-first dates are read (docs/input.md). A pandas column: df["date"].map(fahras.document_day).)");
    m.attr("analyzer_version") = kAnalyzerVersion;
    m.attr("__version__") = FAHRAS_VERSION;
}
