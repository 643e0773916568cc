/** @file
 *  @brief The Python module `fahras`: index, search, count and analyze from Python
 *         (pybind11 over fahras_common; docs/python.md).
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
                           long long rerank = static_cast<long long>(SearchOptions{}.rerank_depth),
                           bool variants = true) {
    SearchOptions options;
    options.limit = count_argument("k", k);
    options.offset = count_argument("offset", offset);
    options.since = since.value_or("");
    options.until = until.value_or("");
    options.sources = sources.value_or(std::vector<std::string>{});
    options.sort = parse_sort(sort);
    options.rerank_depth = count_argument("rerank", rerank);
    options.variants = variants ? Variants::Yes : Variants::No;
    options.suggestions = Suggestions::No;  // a list of hits has no room for one
    return options;
}

py::list hits_to_list(const std::vector<Hit>& hits) {
    py::list out;
    for (const Hit& hit : hits) {
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
        out.append(std::move(d));
    }
    return out;
}

/** A read-only index: fahras.Index(path).
 *
 *  One Searcher, which is for one thread at a time: the calls that use it are serialised
 *  by a mutex, taken after the GIL is released (a thread waiting for it holds no GIL). */
class PyIndex {
  public:
    explicit PyIndex(std::string path)
        : path_(std::move(path)), searcher_(std::make_unique<Searcher>(path_)) {}

    [[nodiscard]] std::vector<Hit> run(const std::string& query, const SearchOptions& options,
                                       SearchResult* full = nullptr) const {
        SearchResult result;
        {
            const py::gil_scoped_release unlocked;
            const std::lock_guard<std::mutex> lock(mutex_);
            result = searcher_->search(query, options);
        }
        if (full != nullptr) *full = result;
        return std::move(result.hits);
    }

    /** search() for each of @p queries, on @p threads threads (0: one per core), each with
     *  a Searcher of its own; the hits in the order of @p queries. The first malformed query
     *  raises its QueryError, as a loop of search() would. */
    [[nodiscard]] std::vector<std::vector<Hit>> run_many(const std::vector<std::string>& queries,
                                                         const SearchOptions& options,
                                                         unsigned threads) const {
        std::vector<Topic> topics;
        topics.reserve(queries.size());
        for (const std::string& query : queries) topics.push_back({"", query});
        if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
        std::vector<std::vector<Hit>> out;
        out.reserve(queries.size());
        const py::gil_scoped_release unlocked;
        search_topics(
            path_, topics, options, threads, [](Searcher&) {},
            [&](const Topic&, TopicAnswer&& answer) {
                if (!answer.error.empty()) throw QueryError(answer.error);
                out.push_back(std::move(answer.result.hits));
            });
        return out;
    }

    [[nodiscard]] std::size_t document_count() const {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        return searcher_->document_count();
    }

    void reopen() {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        searcher_->reopen();
    }

    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::unique_ptr<Searcher> searcher_;
    mutable std::mutex mutex_;  ///< held by the thread using searcher_
};

/** Writes documents: fahras.Writer(path). Its calls are serialised as PyIndex's are. */
class PyWriter {
  public:
    PyWriter(std::string path, bool overwrite, const std::string& stemmer)
        : path_(std::move(path)) {
        IndexOptions options;
        options.stemmer = parse_stemmer_kind(stemmer);
        options.mode = overwrite ? OpenMode::Overwrite : OpenMode::Update;
        writer_ = std::make_unique<IndexWriter>(path_, options);
    }

    void add(const Document& doc) {
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

    /** Commits and releases the index's lock. */
    void close() {
        const py::gil_scoped_release unlocked;
        const std::lock_guard<std::mutex> lock(mutex_);
        if (!writer_) return;
        writer_->commit();
        writer_.reset();
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

    std::string path_;
    std::unique_ptr<IndexWriter> writer_;
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

/** The fields of a document as Python gives them, as a Document. The id is a str or an int
 *  (its decimal string, as in JSONL), the text a str; an optional field that is None, NaN
 *  or pandas.NA is absent, any other value its str(). @p where names the record in errors
 *  ("record 3"; "" for Writer.add).
 *  @throws fahras.InputError (Python) "record 3 (id 'a7'): "text" is None" and the like. */
Document make_document(const py::handle& id, const py::handle& text, const py::handle& title,
                       const py::handle& date, const py::handle& source, const py::handle& url,
                       const std::string& where) {
    Document doc;
    const std::string id_where = where.empty() ? "" : where + ": ";
    if (const std::string why = missing(id); !why.empty()) {
        raise_input_error(id_where + "\"id\" " + why);
    }
    if (PyUnicode_Check(id.ptr())) {
        doc.id = py::str(id);
    } else if (PyLong_Check(id.ptr()) && !PyBool_Check(id.ptr())) {
        doc.id = py::str(id);  // an int's decimal digits
    } else {
        raise_input_error(id_where + "\"id\" is not a string or an integer (" + type_name(id) +
                          ")");
    }
    const std::string named =
        where.empty() ? "id '" + doc.id + "'" : where + " (id '" + doc.id + "')";
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
    return doc;
}

/** Record number @p row of fahras.index(): a dict with "id", "text" and optional "title",
 *  "date", "source", "url", as a Document (make_document). */
Document to_document(const py::handle& item, std::size_t row) {
    const std::string where = "record " + std::to_string(row);
    if (!py::isinstance<py::dict>(item)) {
        throw py::type_error(where + ": a record is a dict with \"id\" and \"text\"");
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

PYBIND11_MODULE(fahras, m) {
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

    py::class_<PyIndex>(m, "Index", R"(A fahras index, opened read-only.

Index(path) opens the index that fahras-index or fahras.Writer built at path.
Raises fahras.Error if there is none, fahras.IndexVersionError if it was built by
another version of fahras. Each call reads the index as it is then: the latest commit
of an update, the new generation after a rebuild. Threads may share one Index: its
calls run one at a time (search_many, or one Index per thread, search in parallel).)")
        .def(py::init<std::string>(), "path"_a)
        .def(
            "search",
            [](const PyIndex& self, const std::string& query, long long k, long long offset,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, long long rerank, bool variants) {
                SearchOptions options =
                    make_options(k, offset, since, until, sources, sort, rerank, variants);
                options.snippets = snippets ? Snippets::Yes : Snippets::No;
                return hits_to_list(self.run(query, options));
            },
            "query"_a, "k"_a = 10, py::kw_only(), "offset"_a = 0, "since"_a = py::none(),
            "until"_a = py::none(), "sources"_a = py::none(), "sort"_a = "relevance",
            "snippets"_a = true, "rerank"_a = SearchOptions{}.rerank_depth, "variants"_a = true,
            R"(The best k hits for query (fahras query syntax: docs/query.md), as a list of
dicts: rank, id, score, title, snippet (matches between **), date, source, url, docid.

offset skips hits (paging); since/until ("YYYY-MM-DD", "YYYY-MM" or "YYYY") keep
documents dated within, bounds included; sources keeps documents of those sources;
sort is "relevance" (default) or "date" (newest first); rerank is how many of the
first hits of a query of several words are scored again by how many of its words
they hold and how close (0: off; --rerank, docs/query.md); variants=False matches
only the written spelling of names (--no-variants). The query "" matches every
document that passes the filters. Raises fahras.QueryError for a malformed
query (or one longer than 16,384 bytes), fahras.Error for a bad date or sort, a
since after until, or a negative k, offset or rerank.)")
        .def(
            "search_many",
            [](const PyIndex& self, const std::vector<std::string>& queries, long long k,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, const std::optional<long long>& threads, long long rerank,
               bool variants) {
                SearchOptions options =
                    make_options(k, 0, since, until, sources, sort, rerank, variants);
                options.snippets = snippets ? Snippets::Yes : Snippets::No;
                if (threads && (*threads < 1 || *threads > kMaxSearchThreads)) {
                    throw Error("threads must be between 1 and " +
                                std::to_string(kMaxSearchThreads));
                }
                py::list out;
                for (const std::vector<Hit>& hits :
                     self.run_many(queries, options, static_cast<unsigned>(threads.value_or(0)))) {
                    out.append(hits_to_list(hits));
                }
                return out;
            },
            "queries"_a, "k"_a = 10, py::kw_only(), "since"_a = py::none(), "until"_a = py::none(),
            "sources"_a = py::none(), "sort"_a = "relevance", "snippets"_a = false,
            "threads"_a = py::none(), "rerank"_a = SearchOptions{}.rerank_depth,
            "variants"_a = true,
            R"(search() for each query of a list: a list of hit lists, in the same order.
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
                SearchResult result;
                (void)self.run(query, options, &result);
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
                SearchResult result;
                (void)self.run(query, options, &result);
                return result.matches_estimated;
            },
            "query"_a, py::kw_only(), "since"_a = py::none(), "until"_a = py::none(),
            "sources"_a = py::none(), "The exact number of documents that match query.")
        .def("__len__", &PyIndex::document_count, "Number of documents in the index.")
        .def("reopen", &PyIndex::reopen,
             R"(Opens the index anew from its path: reads its stub again and opens the
generation it names. Every call does this by itself when the stub has changed (a rebuild);
reopen() forces it.)")
        .def_property_readonly("path", &PyIndex::path)
        .def("__repr__", [](const PyIndex& self) { return "fahras.Index('" + self.path() + "')"; });

    py::class_<PyWriter>(m, "Writer", R"(Adds documents to an index (created if needed).

Writer(path, overwrite=False, stemmer="light") holds the index's lock until close().
Nothing is visible to searchers before commit(), or before a commit the writer makes by
itself when more than 100,000 distinct words wait for the spelling table. Used as a
context manager, it commits and closes at the end of the block, also when the block raises
(Xapian commits what was added when a writer closes). Raises fahras.LockError if another
writer holds the index. Threads may share one Writer: its calls run one at a time.)")
        .def(py::init<std::string, bool, const std::string&>(), "path"_a, py::kw_only(),
             "overwrite"_a = false, "stemmer"_a = "light")
        .def(
            "add",
            [](PyWriter& self, const py::object& id, const py::object& text,
               const py::object& title, const py::object& date, const py::object& source,
               const py::object& url) {
                self.add(make_document(id, text, title, date, source, url, ""));
            },
            "id"_a, "text"_a, py::kw_only(), "title"_a = "", "date"_a = "", "source"_a = "",
            "url"_a = "",
            R"(Adds a document, replacing any with the same id. id: a str, or an int (its
decimal digits); text: a str. date: ISO 8601 ("2015-07-21", "2015-07-21 02:51:32"...) to
be filterable and counted by month. title, date, source, url: None or NaN is no value.
Raises fahras.InputError for an id or text that is None, NaN or of another type.)")
        .def("commit", &PyWriter::commit, "Makes everything added so far durable and visible.")
        .def("close", &PyWriter::close, "Commits and releases the lock.")
        .def("__len__", &PyWriter::document_count)
        .def("__enter__", [](PyWriter& self) -> PyWriter& { return self; })
        .def("__exit__", [](PyWriter& self, const py::object&, const py::object&,
                            const py::object&) { self.close(); });

    m.def(
        "index",
        [](const std::string& path, const py::iterable& records, bool overwrite,
           const std::string& stemmer, std::size_t batch_size, double batch_mb) {
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
                    const Document doc = to_document(item, added);
                    writer.add(doc);
                    ++added;
                    if (batch.full_after(doc.title.size() + doc.text.size())) writer.commit();
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
        "path"_a, "records"_a, py::kw_only(), "overwrite"_a = false, "stemmer"_a = "light",
        "batch_size"_a = 1000, "batch_mb"_a = 64.0,
        R"(Indexes records, dicts {"id", "text", "title"?, "date"?, "source"?, "url"?}
(as a JSONL line of fahras-index), committing after every batch_size records or batch_mb
MiB of title and text, whichever comes first (0: no such limit), and at the end.
Returns the number of records added. A record whose id or text is None, NaN or of another
type raises fahras.InputError naming its position ("record 3 (id 'a7'): "text" is None"):
the records before it are committed, none after it is read. None or NaN in title, date,
source or url is no value.)");

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
    m.attr("analyzer_version") = kAnalyzerVersion;
}
