/** @file
 *  @brief fahras-serve's parts: a pool of Searchers, the requests' parameters, the routes.
 */
#include "serve.h"

#include <httplib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "fahras/error.h"
#include "output.h"

namespace fahras {

SearcherPool::SearcherPool(std::string path) : path_(std::move(path)) {
    idle_.push_back(std::make_unique<Searcher>(path_));
    opened_ = 1;
}

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher)
    : pool_(pool), searcher_(std::move(searcher)) {}

SearcherPool::Lease::~Lease() {
    const std::lock_guard lock(pool_.mutex_);
    pool_.idle_.push_back(std::move(searcher_));
}

SearcherPool::Lease SearcherPool::lease() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            std::unique_ptr<Searcher> searcher = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(searcher));
        }
    }
    // Opening reads the index's stub files and metadata: not under the lock.
    auto searcher = std::make_unique<Searcher>(path_);
    const std::lock_guard lock(mutex_);
    ++opened_;
    return Lease(*this, std::move(searcher));
}

std::size_t SearcherPool::size() const {
    const std::lock_guard lock(mutex_);
    return opened_;
}

namespace {

constexpr std::string_view kSearchParams =
    "q, n, offset, since, until, sort, facets, source, "
    "explain, variants";

/** Refuses a parameter not in @p known (a comma-separated list, as in the message). */
void check_known(const Params& params, std::string_view known) {
    const std::vector<std::string> names = CLI::detail::split(std::string(known), ',');
    for (const auto& [name, value] : params) {
        const bool listed = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
            return CLI::detail::trim_copy(n) == name;
        });
        if (!listed) {
            throw HttpError(400,
                            "unknown parameter '" + name + "' (use " + std::string(known) + ")");
        }
    }
}

/** The value of @p name if it was given; given twice (with two values), an error. */
std::optional<std::string> single(const Params& params, const std::string& name) {
    const auto [first, last] = params.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) {
        throw HttpError(400, "parameter '" + name + "' given more than once");
    }
    return first->second;
}

/** A count (n, offset), refused as fahras-search refuses it: CLI11 reads "-1" into a
 *  std::size_t as 2^64 - 1, so a negative number is caught first. */
std::size_t count_value(const std::string& name, const std::string& value) {
    long long signed_value = 0;
    if (CLI::detail::lexical_cast(value, signed_value) && signed_value < 0) {
        throw HttpError(400, name + ": Value " + value + " is less than 0");
    }
    std::size_t count = 0;
    if (!CLI::detail::lexical_cast(value, count)) {
        throw HttpError(400, "Could not convert: " + name + " = " + value);
    }
    return count;
}

/** A switch (explain, variants): 0 or 1, in CLI11's words otherwise. */
bool switch_value(const std::string& name, std::string value) {
    const std::string problem = CLI::IsMember({"0", "1"})(value);
    if (!problem.empty()) throw HttpError(400, name + ": " + problem);
    return value == "1";
}

}  // namespace

SearchRequest parse_search_request(const Params& params) {
    check_known(params, kSearchParams);
    SearchRequest request;
    SearchOptions& options = request.options;
    options.highlight_title = HighlightTitle::Yes;  // as fahras-search --format json
    request.query = single(params, "q").value_or("");
    if (const auto n = single(params, "n")) options.limit = count_value("n", *n);
    if (const auto offset = single(params, "offset")) {
        options.offset = count_value("offset", *offset);
    }
    options.since = single(params, "since").value_or("");
    options.until = single(params, "until").value_or("");
    const auto [first, last] = params.equal_range("source");
    for (auto it = first; it != last; ++it) {
        if (!it->second.empty()) options.sources.push_back(it->second);
    }
    if (const auto explain = single(params, "explain")) {
        options.explain = switch_value("explain", *explain) ? Explain::Yes : Explain::No;
    }
    if (const auto variants = single(params, "variants")) {
        options.variants = switch_value("variants", *variants) ? Variants::Yes : Variants::No;
    }
    const std::optional<std::string> sort = single(params, "sort");
    const std::vector<std::string> facets =
        CLI::detail::split(single(params, "facets").value_or(""), ',');
    // The library's checks: what they refuse is the user's mistake.
    try {
        if (sort) options.sort = parse_sort(*sort);
        for (const std::string& facet : facets) {
            if (!facet.empty()) options.facets.push_back(parse_facet(facet));
        }
        check_search_options(options);
    } catch (const Error& e) {
        throw HttpError(400, e.what());
    }
    return request;
}

bool is_loopback(std::string_view address) {
    if (address == "localhost" || address == "::1" || address == "[::1]") return true;
    if (address.substr(0, 4) != "127.") return false;
    return std::all_of(address.begin(), address.end(), [](char c) {
        return c == '.' || std::isdigit(static_cast<unsigned char>(c));
    });
}

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(dump_json(body) + "\n", kJson);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
    send_json(res, status, {{"error", message}});
}

/** The host a Host header names, without its port: `127.0.0.1`, `::1`, `localhost`. */
std::string host_name(const std::string& header) {
    if (!header.empty() && header.front() == '[') return header.substr(1, header.find(']') - 1);
    return header.substr(0, header.rfind(':'));
}

/** @p handler, with its refusals (HttpError) and failures answered as JSON errors. A failure
 *  that is not the user's (an index that cannot be read) is a 500, logged on stderr. */
httplib::Server::Handler guarded(
    std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        const auto fail = [&](const std::string& message) {
            std::cerr << ("fahras-serve: error: '" + req.method + " " + req.target +
                          "': " + message + "\n");
            send_error(res, 500, message);
        };
        try {
            handler(req, res);
        } catch (const HttpError& e) {
            send_error(res, e.status(), e.what());
        } catch (const std::exception& e) {
            fail(e.what());
        } catch (...) {
            // Xapian::Error, which the library passes through and this front-end does not
            // include: fahras-search describes it.
            fail(
                "the index could not be read (an error of Xapian's: fahras-search with the "
                "same query and options describes it)");
        }
    };
}

void answer_search(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    const SearchRequest request = parse_search_request(req.params);
    SearchResult result;
    try {
        result = pool.lease()->search(request.query, request.options);
    } catch (const QueryError& e) {
        throw HttpError(400, e.what());
    }
    nlohmann::json hits = nlohmann::json::array();
    for (const Hit& hit : result.hits) hits.push_back(hit_json("", hit));
    send_json(
        res, 200,
        {{"hits", hits}, {"summary", summary_json("", request.query, request.options, result)}});
}

void answer_document(SearcherPool& pool, const httplib::Request& req, httplib::Response& res) {
    check_known(req.params, "id");
    const std::optional<std::string> id = single(req.params, "id");
    if (!id) throw HttpError(400, "missing parameter 'id'");
    const std::optional<StoredDocument> doc = pool.lease()->document(*id);
    if (!doc) throw HttpError(404, "no document with id '" + *id + "'");
    send_json(res, 200, document_json(*doc));
}

/** The message of an error httplib answers by itself (no route, a request it cannot read). */
std::string default_message(const httplib::Request& req, int status) {
    switch (status) {
        case 404:
            return "no such page '" + req.path +
                   "' (the search page is /, the API /api/search and /api/doc)";
        case 414:
            return "the request is longer than " +
                   std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) +
                   " bytes: shorten the query (in a URL an Arabic letter takes 6 bytes)";
        case 413:
            return "the request's body is too long (only GET and HEAD are answered)";
        default:
            return "malformed request (HTTP status " + std::to_string(status) + ")";
    }
}

}  // namespace

void add_routes(httplib::Server& server, SearcherPool& pool, Hosts hosts) {
    // Nothing on the page comes from elsewhere, and it is never framed by another site.
    server.set_default_headers(
        {{"X-Content-Type-Options", "nosniff"},
         {"Referrer-Policy", "no-referrer"},
         {"Cache-Control", "no-store"},
         {"Content-Security-Policy",
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
          "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
          "frame-ancestors 'none'"}});
    if (hosts == Hosts::Loopback) {
        server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
            if (!req.has_header("Host")) return httplib::Server::HandlerResponse::Unhandled;
            const std::string header = req.get_header_value("Host");
            const std::string host = host_name(header);
            if (is_loopback(host) || CLI::detail::to_lower(host) == "localhost") {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            send_error(res, 403,
                       "host '" + header +
                           "' is not this server's: it answers to localhost, "
                           "127.0.0.1 and [::1] only (docs/serve.md)");
            return httplib::Server::HandlerResponse::Handled;
        });
    }
    const auto page = [](const httplib::Request&, httplib::Response& res) {
        const std::string_view html = search_page();
        res.set_content(html.data(), html.size(), "text/html; charset=utf-8");
    };
    server.Get("/", page);
    server.Get("/doc", page);
    server.Get("/api/search", guarded([&pool](const httplib::Request& req, httplib::Response& res) {
                   answer_search(pool, req, res);
               }));
    server.Get("/api/doc", guarded([&pool](const httplib::Request& req, httplib::Response& res) {
                   answer_document(pool, req, res);
               }));
    // Read-only: any other method is refused, after its body is read (and at most 64 KiB of
    // it), so that the connection stays usable.
    const auto refuse = [](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", "GET, HEAD");
        send_error(
            res, 405,
            "method '" + req.method + "' not allowed: fahras-serve is read-only (GET and HEAD)");
    };
    server.set_payload_max_length(std::size_t{64} << 10);
    server.Post(".*", refuse);
    server.Put(".*", refuse);
    server.Patch(".*", refuse);
    server.Delete(".*", refuse);
    server.Options(".*", refuse);
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [refuse](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours
            if (res.status == 400 && !req.method.empty() && req.method != "GET" &&
                req.method != "HEAD") {
                refuse(req, res);  // CONNECT, TRACE: methods httplib routes nowhere
                return httplib::Server::HandlerResponse::Handled;
            }
            send_error(res, res.status, default_message(req, res.status));
            return httplib::Server::HandlerResponse::Handled;
        }));
}

}  // namespace fahras
