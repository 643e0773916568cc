"""fahras-serve's JSON API over HTTP on loopback (docs/serve.md), one case per CTest test:

    api_test.py SERVE SEARCH DB CASE

SERVE and SEARCH are the programs, DB an index of tests/data/news.jsonl. Each case starts
its own server (server.py) and asserts exact status codes and JSON bodies; where the CLI
answers the same question, the API's answer is compared with fahras-search's.
"""
import json
import re
import subprocess
import sys
import threading

from server import serve

PUTIN = "بوتين"
TRUMP = "ترامب"
SEARCH_PARAMS = "q, n, offset, since, until, sort, facets, source, explain, variants"


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def check_equal(actual, expected, what=""):
    if actual != expected:
        raise AssertionError("%s\n  expected: %r\n  actual:   %r" % (what, expected, actual))


def cli_json(search, db, *args):
    """fahras-search --format json: the hit objects and the summary object."""
    out = subprocess.run([search, "--db", db, "--format", "json", *args], capture_output=True,
                         text=True, encoding="utf-8", timeout=30, check=False)
    check(out.returncode in (0, 1), "fahras-search failed: %s" % out.stderr)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    return lines[:-1], lines[-1]


def cli_error(search, db, *args):
    """fahras-search's error message for the same mistake, without its prefix."""
    out = subprocess.run([search, "--db", db, *args], capture_output=True, text=True,
                         encoding="utf-8", timeout=30, check=False)
    check_equal(out.returncode, 2, "fahras-search exit code for %r" % (args,))
    prefix = "fahras-search: error: "
    check(out.stderr.startswith(prefix), "not an error line: %r" % out.stderr)
    return out.stderr[len(prefix):].rstrip("\n")


# --- Searching ------------------------------------------------------------------------------


def case_search_known_query(serve_program, search, db):
    """The known query: exact status, type and body (scores as fahras-search gives them)."""
    with serve(serve_program, db) as server:
        status, headers, raw = server.get("/api/search", {"q": PUTIN, "n": "2",
                                                           "facets": "source,month"})
        check_equal(status, 200, "status")
        check_equal(headers["content-type"], "application/json; charset=utf-8", "type")
        body = json.loads(raw)
    cli_hits, _ = cli_json(search, db, "-n", "2", PUTIN)
    scores = [hit["score"] for hit in cli_hits]
    check(scores[0] > scores[1] > 0, "scores %r" % scores)
    expected = {
        "hits": [
            {"type": "hit", "qid": "", "rank": 1, "docid": 1, "id": "okaz-1", "score": scores[0],
             "title": "بوتين يستقبل نظيره", "title_highlighted": "**بوتين** يستقبل نظيره",
             "snippet": "استقبل الرئيس الروسي فلاديمير **بوتين** نظيره في موسكو.",
             "date": "2015-07-21 02:51:32", "source": "saudinewsnet/okaz",
             "url": "https://example.org/okaz/1"},
            {"type": "hit", "qid": "", "rank": 2, "docid": 3, "id": "jawhara-1",
             "score": scores[1], "title": "تصريحات", "title_highlighted": "تصريحات",
             "snippet": "قال **بوتين** إن بلاده لن تتراجع. وأضاف **بوتين** أن موسكو مستعدة للحوار.",
             "date": "2017-01-20T21:43:00+01:00", "source": "ant-v1.1/Jawhara FM"},
        ],
        "summary": {
            "type": "summary", "version": 2, "qid": "", "query": PUTIN, "offset": 0,
            "returned": 2, "matches_estimated": 5, "did_you_mean": "", "undated": 1,
            "facets": {
                "source": [{"value": "ant-v1.1/Jawhara FM", "count": 2},
                           {"value": "saudinewsnet/okaz", "count": 2}],
                "month": [{"value": "2015-07", "count": 2}, {"value": "2017-01", "count": 1},
                          {"value": "2017-07", "count": 1}],
            },
        },
    }
    check_equal(body, expected, "body")


# Each: the API's parameters and fahras-search's options for the same search.
MIRRORED = [
    ({"q": PUTIN}, [PUTIN]),
    ({"q": PUTIN, "n": "2", "offset": "2"}, ["-n", "2", "--offset", "2", PUTIN]),
    ({"q": PUTIN + " OR " + TRUMP, "sort": "date"}, ["--sort", "date", PUTIN + " OR " + TRUMP]),
    ({"q": PUTIN, "since": "2015-07-25", "until": "2017"},
     ["--since", "2015-07-25", "--until", "2017", PUTIN]),
    ({"q": PUTIN, "source": ["saudinewsnet/okaz", "ant-v2.1/BBC"]},
     ["source:saudinewsnet/okaz source:ant-v2.1/BBC " + PUTIN]),
    ({"q": PUTIN, "explain": "1", "facets": "month"}, ["--explain", "--facets", "month", PUTIN]),
    ({"q": "ترمب", "variants": "0"}, ["--no-variants", "ترمب"]),
    ({"q": "ترمب", "variants": "1"}, ["ترمب"]),
    ({"q": "بوتن"}, ["بوتن"]),  # no hit, a suggestion
    ({"q": "", "source": "ant-v1.1/Jawhara FM"}, ['source:"ant-v1.1/Jawhara FM"']),  # all of it
    ({"q": "\"الرئيس الروسي\"", "n": "0"}, ["-n", "0", "\"الرئيس الروسي\""]),
]


def case_search_mirrors_cli(serve_program, search, db):
    """Filters, sort, paging, facets, explain, variants: the hits and summary that
    fahras-search --format json prints for the same options."""
    with serve(serve_program, db) as server:
        for params, cli_args in MIRRORED:
            status, body = server.get_json("/api/search", params)
            check_equal(status, 200, "status for %r" % params)
            hits, summary = cli_json(search, db, *cli_args)
            if "source" in params:
                # fahras-search has no option for it: its source: filters are in the query,
                # which also changes the words' weights (no title boost). The same documents.
                summary["query"] = params["q"]
                hits = [hit["id"] for hit in hits]
                check_equal([hit["id"] for hit in body["hits"]], hits, "hits for %r" % params)
            else:
                check_equal(body["hits"], hits, "hits for %r" % params)
            check_equal(body["summary"], summary, "summary for %r" % params)


def case_search_suggestion(serve_program, search, db):
    with serve(serve_program, db) as server:
        status, body = server.get_json("/api/search", {"q": "source:ant-v2.1/BBC بوتن"})
        check_equal(status, 200, "status")
        check_equal(body["hits"], [], "hits")
        check_equal(body["summary"]["did_you_mean"], "source:ant-v2.1/BBC " + PUTIN, "suggestion")


# --- Refused parameters: HTTP 400 with fahras-search's (or the library's) message ----------

# name: (parameters, message, fahras-search options for the same mistake or None)
ERRORS = {
    "negative_n": ({"q": PUTIN, "n": "-1"}, "n: Value -1 is less than 0", None),
    "non_numeric_n": ({"q": PUTIN, "n": "ten"}, "Could not convert: n = ten", None),
    "negative_offset": ({"q": PUTIN, "offset": "-5"}, "offset: Value -5 is less than 0", None),
    "bad_date": ({"q": PUTIN, "since": "2015-02-30"},
                 "bad date '2015-02-30' for since (use YYYY-MM-DD, YYYY-MM or YYYY)",
                 ["--since", "2015-02-30", PUTIN]),
    "since_after_until": ({"q": PUTIN, "since": "2019", "until": "2018"},
                          "since '2019' is after until '2018'",
                          ["--since", "2019", "--until", "2018", PUTIN]),
    "unknown_sort": ({"q": PUTIN, "sort": "newest"},
                     "unknown sort order 'newest' (use relevance or date)", None),
    "unknown_facet": ({"q": PUTIN, "facets": "source,year"},
                      "unknown facet 'year' (use source or month)",
                      ["--facets", "source,year", PUTIN]),
    "bad_switch": ({"q": PUTIN, "explain": "yes"}, "explain: yes not in {0,1}", None),
    "malformed_query": ({"q": "AND " + PUTIN},
                        "malformed query 'AND بوتين': Syntax: <expression> AND <expression>",
                        ["AND " + PUTIN]),
    "no_words": ({"q": "..."}, "query '...' has no words to search for", ["..."]),
    "empty_exact": ({"q": "exact:\"\""}, "query 'exact:\"\"': exact: needs a word or phrase",
                    ["exact:\"\""]),
    "unknown_parameter": ({"q": PUTIN, "limit": "5"},
                          "unknown parameter 'limit' (use %s)" % SEARCH_PARAMS, None),
    "parameter_twice": ({"q": PUTIN, "n": ["1", "2"]}, "parameter 'n' given more than once",
                        None),
}


def case_error(serve_program, search, db, name):
    params, message, cli_args = ERRORS[name]
    with serve(serve_program, db) as server:
        status, body = server.get_json("/api/search", params)
    check_equal(status, 400, "status")
    check_equal(body, {"error": message}, "body")
    if cli_args is not None:
        check_equal(cli_error(search, db, *cli_args), message, "fahras-search's message")


def case_query_too_long(serve_program, search, db):
    """A URL longer than cpp-httplib reads (8192 bytes): 414 with a JSON error, before the
    library's own limit (16 KiB of query) can be reached."""
    with serve(serve_program, db) as server:
        status, headers, raw = server.get("/api/search", {"q": "ب" * 1400})
        check_equal(status, 414, "status")
        check_equal(headers["content-type"], "application/json; charset=utf-8", "type")
        check_equal(json.loads(raw), {"error": "the request is longer than 8192 bytes: shorten "
                                      "the query (in a URL an Arabic letter takes 6 bytes)"})
        # Just under: searched (no document has it).
        status, body = server.get_json("/api/search", {"q": "ب" * 1300})
        check_equal(status, 200, "status just under the limit")
        check_equal(body["hits"], [], "hits")


# --- Documents -------------------------------------------------------------------------------


def case_doc_known(serve_program, search, db):
    with serve(serve_program, db) as server:
        status, body = server.get_json("/api/doc", {"id": "okaz-1"})
        check_equal(status, 200, "status")
        check_equal(body, {"id": "okaz-1", "title": "بوتين يستقبل نظيره",
                           "text": "استقبل الرئيس الروسي فلاديمير بوتين نظيره في موسكو.",
                           "date": "2015-07-21 02:51:32", "source": "saudinewsnet/okaz",
                           "url": "https://example.org/okaz/1"})
        # Fields a document lacks are left out, as in a hit.
        status, body = server.get_json("/api/doc", {"id": "no-date"})
        check_equal(status, 200, "status")
        check_equal(body, {"id": "no-date", "title": "بلا تاريخ",
                           "text": "مقال عن بوتين بلا تاريخ ولا مصدر."})


def case_doc_unknown(serve_program, search, db):
    with serve(serve_program, db) as server:
        check_equal(server.get_json("/api/doc", {"id": "okaz-9"}),
                    (404, {"error": "no document with id 'okaz-9'"}))
        check_equal(server.get_json("/api/doc", {"id": "OKAZ-1"}),
                    (404, {"error": "no document with id 'OKAZ-1'"}))
        check_equal(server.get_json("/api/doc"), (400, {"error": "missing parameter 'id'"}))
        check_equal(server.get_json("/api/doc", {"id": "okaz-1", "q": "x"}),
                    (400, {"error": "unknown parameter 'q' (use id)"}))


# --- HTTP: paths, methods, hosts, the page ---------------------------------------------------


def case_unknown_path(serve_program, search, db):
    with serve(serve_program, db) as server:
        for path in ["/api/nothing", "/index.html", "/api/search/x"]:
            check_equal(server.get_json(path),
                        (404, {"error": "no such page '%s' (the search page is /, the API "
                                        "/api/search and /api/doc)" % path}), path)


def case_post_refused(serve_program, search, db):
    """Read-only: POST (with a body), PUT, DELETE, OPTIONS get 405 and `Allow: GET, HEAD`;
    nothing else is answered for them."""
    with serve(serve_program, db) as server:
        for method, path, body in [("POST", "/api/search", b"q=x"), ("POST", "/", b""),
                                   ("PUT", "/api/doc", b"{}"), ("DELETE", "/api/doc?id=okaz-1", None),
                                   ("OPTIONS", "/api/search", None)]:
            status, headers, raw = server.request(method, path, body=body)
            check_equal(status, 405, "%s %s" % (method, path))
            check_equal(headers.get("allow"), "GET, HEAD", "Allow")
            check_equal(json.loads(raw), {"error": "method '%s' not allowed: fahras-serve is "
                                                   "read-only (GET and HEAD)" % method})
        # The document is still there.
        check_equal(server.get_json("/api/doc", {"id": "okaz-1"})[0], 200, "after DELETE")


def case_head(serve_program, search, db):
    with serve(serve_program, db) as server:
        status, headers, raw = server.request("HEAD", "/api/search", {"q": PUTIN})
        check_equal((status, raw), (200, b""), "HEAD")
        check_equal(headers["content-type"], "application/json; charset=utf-8", "type")


def case_foreign_host(serve_program, search, db):
    """Listening on loopback, a request naming another host (DNS rebinding) is refused."""
    with serve(serve_program, db) as server:
        for host in ["evil.example", "evil.example:%d" % server.port, "127.0.0.1.evil.example"]:
            status, _, raw = server.request("GET", "/api/doc?id=okaz-1", headers={"Host": host})
            check_equal((status, json.loads(raw)),
                        (403, {"error": "host '%s' is not this server's: it answers to "
                                        "localhost, 127.0.0.1 and [::1] only (docs/serve.md)"
                                        % host}), host)
        for host in ["localhost:%d" % server.port, "LOCALHOST", "127.0.0.1", "[::1]:80"]:
            status, _, _ = server.request("GET", "/api/doc?id=okaz-1", headers={"Host": host})
            check_equal(status, 200, host)


def case_page_served(serve_program, search, db):
    with serve(serve_program, db) as server:
        for path, params in [("/", None), ("/", {"q": PUTIN}), ("/doc", {"id": "okaz-1"})]:
            status, headers, raw = server.get(path, params)
            check_equal(status, 200, path)
            check_equal(headers["content-type"], "text/html; charset=utf-8", "type")
            page = raw.decode("utf-8")
            check(page.startswith("<!DOCTYPE html>"), "not a page")
            check('<html lang="ar" dir="rtl">' in page, "not RTL Arabic")
            check("http://" not in page.replace("http://127.0.0.1", "") and "https://" not in page,
                  "the page names another site")
            check(headers["content-security-policy"].startswith("default-src 'none';"), "CSP")


def case_concurrent_requests(serve_program, search, db):
    """Eight clients at once, 20 searches each: every answer the same as one alone (each
    worker thread searches with a Searcher of its own)."""
    with serve(serve_program, db) as server:
        params = {"q": PUTIN + " " + TRUMP, "facets": "source,month"}
        _, alone = server.get_json("/api/search", params)
        answers, failures = [], []

        def client():
            try:
                for _ in range(20):
                    answers.append(server.get_json("/api/search", params))
                    answers.append(server.get_json("/api/doc", {"id": "okaz-1"})[:1] + (None,))
            except Exception as e:  # noqa: BLE001: reported below
                failures.append(repr(e))

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check_equal(failures, [], "failures")
        check_equal(len(answers), 320, "answers")
        for answer in answers:
            if answer[1] is None:
                check_equal(answer[0], 200, "doc status")
            else:
                check_equal(answer, (200, alone), "a search answered at the same time as others")


def case_start_and_stop(serve_program, search, db):
    """--version; a port out of range and an index that cannot be opened: exit 2 at once;
    SIGTERM: exit 0."""
    out = subprocess.run([serve_program, "--version"], capture_output=True, text=True,
                         timeout=30, check=False)
    check_equal((out.returncode, out.stderr), (0, ""), "--version")
    check(re.fullmatch(r"fahras-serve \d+\.\d+\.\d+ \(analyzer \d+, ranker \d+\)\n", out.stdout),
          "--version: %r" % out.stdout)
    out = subprocess.run([serve_program, "--db", db, "--port", "65536"], capture_output=True,
                         text=True, timeout=30, check=False)
    check_equal((out.returncode, out.stdout, out.stderr),
                (2, "", "fahras-serve: error: --port: Value 65536 not in range 0 to 65535\n"))
    out = subprocess.run([serve_program, "--db", "/nonexistent/fahras", "--port", "0"],
                         capture_output=True, text=True, timeout=30, check=False)
    check_equal((out.returncode, out.stdout, out.stderr),
                (2, "", "fahras-serve: error: cannot open index '/nonexistent/fahras': no such "
                        "file or directory\n"))
    with serve(serve_program, db) as server:
        check_equal(server.stop(), 0, "exit code after SIGTERM")
    check_equal(server.stderr, ["fahras-serve: serving '%s' on %s\n" % (db, server.url)],
                "stderr")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    serve_program, search, db, case = sys.argv[1:5]
    if case.startswith("error_"):
        case_error(serve_program, search, db, case[len("error_"):])
    else:
        CASES[case](serve_program, search, db)
    print("ok:", case)


if __name__ == "__main__":
    main()
