/** @file
 *  @brief fahras-serve's parts: a pool of Searchers, the requests' parameters, the routes.
 */
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/search.h"

namespace httplib {
class Server;
}

namespace fahras {

/** Searchers for the server's worker threads. A Searcher is for one thread at a time: each
 *  request borrows one for its search and gives it back; a new one is opened when every
 *  Searcher is lent out, so there are never more than requests searching at once (at most
 *  the server's worker threads). Each follows rebuilds of the index by itself. */
class SearcherPool {
  public:
    /** Opens the first Searcher at once, so that an index that cannot be opened is an error
     *  at start.
     *  @throws as Searcher::Searcher. */
    explicit SearcherPool(std::string path);

    /** A Searcher lent to one request; given back when destroyed. */
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        [[nodiscard]] const Searcher& operator*() const { return *searcher_; }
        [[nodiscard]] const Searcher* operator->() const { return searcher_.get(); }

      private:
        SearcherPool& pool_;
        std::unique_ptr<Searcher> searcher_;
    };

    /** An idle Searcher, or a new one if none is idle.
     *  @throws as Searcher::Searcher when it opens a new one. */
    [[nodiscard]] Lease lease();

    /** Searchers opened so far (lent out or idle). */
    [[nodiscard]] std::size_t size() const;

  private:
    std::string path_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Searcher>> idle_;
    std::size_t opened_ = 0;
};

/** A request the server refuses: its HTTP status and the one-line message of the JSON
 *  answer `{"error": MESSAGE}`. */
class HttpError : public std::runtime_error {
  public:
    HttpError(int status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    [[nodiscard]] int status() const noexcept { return status_; }

  private:
    int status_;
};

/** The parameters of a request, decoded (name → value, a name as often as it was given). */
using Params = std::multimap<std::string, std::string>;

/** What GET /api/search asks for. */
struct SearchRequest {
    std::string query;
    SearchOptions options;
};

/** Reads the parameters of GET /api/search (docs/serve.md): q, n, offset, since, until,
 *  sort, facets, source (repeatable), explain and variants (0 or 1).
 *  @throws HttpError 400 with the message fahras-search or the library gives for the same
 *          value (`n: Value -1 is less than 0`, `unknown sort order 'x' (use relevance or
 *          date)`, `bad date '2015-02-30' for since (...)`), for a parameter it does not
 *          know or one given twice. */
[[nodiscard]] SearchRequest parse_search_request(const Params& params);

/** Who may ask: with Hosts::Loopback (the server listens on a loopback address) a request
 *  whose Host header names another host is refused (HTTP 403), so that a web page of
 *  another site cannot read the index through its own name for 127.0.0.1 (DNS
 *  rebinding); with Hosts::Any, every request is answered. */
enum class Hosts { Loopback, Any };

/** True if @p address (as given to --bind) is a loopback address: `localhost`, 127.0.0.0/8
 *  or `::1`. */
[[nodiscard]] bool is_loopback(std::string_view address);

/** Sets up every route of fahras-serve on @p server (docs/serve.md): the page at `/` and
 *  `/doc`, GET /api/search and /api/doc, JSON errors for everything else; only GET and
 *  HEAD. @p pool must outlive the server. */
void add_routes(httplib::Server& server, SearcherPool& pool, Hosts hosts);

/** The search page (searcher/page.html, compiled in): HTML, UTF-8. */
[[nodiscard]] std::string_view search_page() noexcept;

}  // namespace fahras
