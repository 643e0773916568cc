/** @file
 *  @brief The Python module `fahras`: index, search, count and analyze from Python
 *         (pybind11 over fahras_common; docs/python.md).
 */
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fahras/analyzer.h"
#include "fahras/corpus.h"
#include "fahras/error.h"
#include "fahras/index_writer.h"
#include "fahras/search.h"

namespace py = pybind11;

namespace fahras {

namespace {

/** Runs @p f, turning Xapian's errors into fahras errors with the CLI's messages. */
template <class F>
auto with_index_errors(const std::string& path, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexLockedError("index '" + path + "' is locked by another indexer");
    } catch (const Xapian::Error& e) {
        throw Error("index '" + path + "': " + e.get_description());
    }
}

/** Code points in the UTF-8 bytes [0, @p bytes) of @p text: a Python str index. */
std::size_t str_index(std::string_view text, std::size_t bytes) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < bytes && i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    }
    return count;
}

/** The keyword arguments shared by search(), search_many(), facets() and count(). */
SearchOptions make_options(std::size_t k, std::size_t offset,
                           const std::optional<std::string>& since,
                           const std::optional<std::string>& until,
                           const std::optional<std::vector<std::string>>& sources,
                           const std::string& sort,
                           std::size_t rerank = SearchOptions{}.rerank_depth,
                           bool variants = true) {
    SearchOptions options;
    options.limit = k;
    options.offset = offset;
    options.since = since.value_or("");
    options.until = until.value_or("");
    options.sources = sources.value_or(std::vector<std::string>{});
    options.sort = parse_sort(sort);
    options.rerank_depth = rerank;
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

/** A read-only index: fahras.Index(path). */
class PyIndex {
  public:
    explicit PyIndex(std::string path)
        : path_(std::move(path)),
          searcher_(with_index_errors(path_, [&] { return std::make_unique<Searcher>(path_); })) {}

    [[nodiscard]] std::vector<Hit> run(const std::string& query, const SearchOptions& options,
                                       SearchResult* full = nullptr) const {
        SearchResult result;
        {
            const py::gil_scoped_release unlocked;
            result = with_index_errors(path_, [&] { return searcher_->search(query, options); });
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
        with_index_errors(path_, [&] {
            search_topics(
                path_, topics, options, threads, [](Searcher&) {},
                [&](const Topic&, TopicAnswer&& answer) {
                    if (!answer.error.empty()) throw QueryError(answer.error);
                    out.push_back(std::move(answer.result.hits));
                });
        });
        return out;
    }

    [[nodiscard]] std::size_t document_count() const {
        return with_index_errors(path_, [&] { return searcher_->document_count(); });
    }

    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::unique_ptr<Searcher> searcher_;
};

/** Writes documents: fahras.Writer(path). */
class PyWriter {
  public:
    PyWriter(std::string path, bool overwrite, const std::string& stemmer)
        : path_(std::move(path)) {
        IndexOptions options;
        options.stemmer = parse_stemmer_kind(stemmer);
        options.mode = overwrite ? OpenMode::Overwrite : OpenMode::Update;
        writer_ =
            with_index_errors(path_, [&] { return std::make_unique<IndexWriter>(path_, options); });
    }

    void add(Document doc) {
        check_open();
        const py::gil_scoped_release unlocked;
        with_index_errors(path_, [&] { writer_->add(doc); });
    }

    void commit() {
        check_open();
        const py::gil_scoped_release unlocked;
        with_index_errors(path_, [&] { writer_->commit(); });
    }

    /** Commits and releases the index's lock. */
    void close() {
        if (!writer_) return;
        commit();
        writer_.reset();
    }

    [[nodiscard]] std::size_t document_count() const {
        check_open();
        return writer_->document_count();
    }

  private:
    void check_open() const {
        if (!writer_) throw Error("index '" + path_ + "': the writer is closed");
    }

    std::string path_;
    std::unique_ptr<IndexWriter> writer_;
};

std::string optional_field(const py::dict& record, const char* key) {
    if (!record.contains(key) || record[key].is_none()) return {};
    return py::str(record[key]);
}

/** A record (dict with "id", "text" and optional "title", "date", "source", "url") as a
 *  Document. A number id becomes its decimal string, as in JSONL. */
Document to_document(const py::handle& item) {
    if (!py::isinstance<py::dict>(item)) {
        throw py::type_error("a record is a dict with \"id\" and \"text\"");
    }
    const auto record = py::reinterpret_borrow<py::dict>(item);
    if (!record.contains("id") || !record.contains("text")) {
        throw py::value_error("a record needs \"id\" and \"text\"");
    }
    return {.id = py::str(record["id"]),
            .title = optional_field(record, "title"),
            .text = py::str(record["text"]),
            .date = optional_field(record, "date"),
            .source = optional_field(record, "source"),
            .url = optional_field(record, "url")};
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
another version of fahras.)")
        .def(py::init<std::string>(), "path"_a)
        .def(
            "search",
            [](const PyIndex& self, const std::string& query, std::size_t k, std::size_t offset,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, std::size_t rerank, bool variants) {
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
query, fahras.Error for a bad date or sort.)")
        .def(
            "search_many",
            [](const PyIndex& self, const std::vector<std::string>& queries, std::size_t k,
               const std::optional<std::string>& since, const std::optional<std::string>& until,
               const std::optional<std::vector<std::string>>& sources, const std::string& sort,
               bool snippets, const std::optional<unsigned>& threads, std::size_t rerank,
               bool variants) {
                SearchOptions options =
                    make_options(k, 0, since, until, sources, sort, rerank, variants);
                options.snippets = snippets ? Snippets::Yes : Snippets::No;
                if (threads && (*threads == 0 || *threads > kMaxSearchThreads)) {
                    throw Error("threads must be between 1 and " +
                                std::to_string(kMaxSearchThreads));
                }
                py::list out;
                for (const std::vector<Hit>& hits :
                     self.run_many(queries, options, threads.value_or(0))) {
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
        .def_property_readonly("path", &PyIndex::path)
        .def("__repr__", [](const PyIndex& self) { return "fahras.Index('" + self.path() + "')"; });

    py::class_<PyWriter>(m, "Writer", R"(Adds documents to an index (created if needed).

Writer(path, overwrite=False, stemmer="light") holds the index's lock until close().
Nothing is visible to searchers before commit(), or before a commit the writer makes by
itself when more than 100,000 distinct words wait for the spelling table. Used as a
context manager, it commits and closes at the end of the block, also when the block raises
(Xapian commits what was added when a writer closes). Raises fahras.LockError if another
writer holds the index.)")
        .def(py::init<std::string, bool, const std::string&>(), "path"_a, py::kw_only(),
             "overwrite"_a = false, "stemmer"_a = "light")
        .def(
            "add",
            [](PyWriter& self, const std::string& id, const std::string& text,
               const std::string& title, const std::string& date, const std::string& source,
               const std::string& url) {
                self.add({.id = id,
                          .title = title,
                          .text = text,
                          .date = date,
                          .source = source,
                          .url = url});
            },
            "id"_a, "text"_a, py::kw_only(), "title"_a = "", "date"_a = "", "source"_a = "",
            "url"_a = "",
            R"(Adds a document, replacing any with the same id. date: ISO 8601
("2015-07-21", "2015-07-21 02:51:32"...) to be filterable and counted by month.)")
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
            for (const py::handle item : records) {
                const Document doc = to_document(item);
                writer.add(doc);
                ++added;
                if (batch.full_after(doc.title.size() + doc.text.size())) writer.commit();
            }
            writer.close();
            return added;
        },
        "path"_a, "records"_a, py::kw_only(), "overwrite"_a = false, "stemmer"_a = "light",
        "batch_size"_a = 1000, "batch_mb"_a = 64.0,
        R"(Indexes records, dicts {"id", "text", "title"?, "date"?, "source"?, "url"?}
(as a JSONL line of fahras-index), committing after every batch_size records or batch_mb
MiB of title and text, whichever comes first (0: no such limit), and at the end.
Returns the number of records added.)");

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

    m.def("source_key", &source_key, "name"_a,
          "The form a source name is compared in: normalized, case-folded.");
    m.attr("analyzer_version") = kAnalyzerVersion;
}
