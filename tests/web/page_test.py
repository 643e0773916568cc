"""fahras-serve's search page in headless Chromium, driven by selenium, one case per CTest
test:

    page_test.py SERVE DB OUTDIR CASE

SERVE is the program, DB an index (tests/data/news.jsonl, or tests/web/hostile.jsonl for
the case `document_text_is_never_html`), OUTDIR a directory for the browser's profile and
the screenshots. Chromium runs with a fresh profile and without any network of its own; the
page talks only to the server on 127.0.0.1. Every wait is an explicit WebDriverWait with a
timeout; browser and server are stopped at the end, on failure too.
"""
import contextlib
import os
import shutil
import sys
import tempfile
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from server import serve

WAIT = 20  # seconds, for each thing the page must show
PUTIN = "بوتين"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def check_equal(actual, expected, what=""):
    if actual != expected:
        raise AssertionError("%s\n  expected: %r\n  actual:   %r" % (what, expected, actual))


@contextlib.contextmanager
def chromium(outdir):
    profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=outdir)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,900"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(WAIT)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, condition, what):
    return WebDriverWait(driver, WAIT).until(lambda d: condition(d), "page did not show " + what)


def hit_ids(driver):
    return [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#hits li.hit")]


def wait_for_hits(driver, ids, what):
    wait_for(driver, lambda d: hit_ids(d) == ids, "%s: hits %r" % (what, ids))


def url_params(driver):
    parsed = urllib.parse.urlsplit(driver.current_url)
    return parsed.path, urllib.parse.parse_qs(parsed.query)


def facet(driver, name, value):
    for button in driver.find_elements(By.CSS_SELECTOR, "button.facet"):
        if button.get_attribute("data-facet") == name and button.get_attribute("data-value") == value:
            return button
    raise AssertionError("no %s facet %r" % (name, value))


def screenshot(driver, outdir, name):
    path = os.path.join(outdir, name)
    if not driver.save_screenshot(path):
        raise AssertionError("no screenshot " + path)
    print("screenshot:", path)


ALL_PUTIN = ["okaz-1", "jawhara-1", "jawhara-2", "okaz-2", "no-date"]


def case_search_facets_and_full_text(server, driver, outdir):
    """Type a query, Enter; the hits with <mark>; a facet narrows them and a second click
    widens them again; a month; a hit's full text; Back."""
    driver.get(server.url)
    box = driver.find_element(By.ID, "q")
    box.send_keys(PUTIN, Keys.ENTER)
    wait_for_hits(driver, ALL_PUTIN, "after Enter")
    check_equal(driver.find_element(By.ID, "status").text, "عدد النتائج: 5", "total")
    first = driver.find_elements(By.CSS_SELECTOR, "#hits li.hit")[0]
    check_equal(first.find_element(By.CSS_SELECTOR, "a.title").text, "بوتين يستقبل نظيره", "title")
    check_equal([m.text for m in first.find_elements(By.CSS_SELECTOR, "a.title mark")], [PUTIN],
                "highlighted in the title")
    check_equal([m.text for m in first.find_elements(By.CSS_SELECTOR, ".snippet mark")], [PUTIN],
                "highlighted")
    check_equal(first.find_element(By.CSS_SELECTOR, ".snippet").text,
                "استقبل الرئيس الروسي فلاديمير بوتين نظيره في موسكو.", "snippet")
    check_equal(first.find_element(By.CSS_SELECTOR, ".meta").text,
                "saudinewsnet/okaz · 2015-07-21 02:51:32 · okaz-1", "source and date")
    check_equal(url_params(driver), ("/", {"q": [PUTIN]}), "the URL holds the query")
    # Right to left: the page's direction, and the results to the right of the facets.
    check_equal(driver.execute_script("return getComputedStyle(document.body).direction"), "rtl")
    results = driver.find_element(By.ID, "results").rect
    facets = driver.find_element(By.ID, "facets").rect
    if not results["x"] > facets["x"] + facets["width"] - 1:
        raise AssertionError("results %r not right of the facets %r" % (results, facets))
    screenshot(driver, outdir, "search.png")

    facet(driver, "source", "saudinewsnet/okaz").click()
    wait_for_hits(driver, ["okaz-1", "okaz-2"], "the source facet")
    check_equal(url_params(driver), ("/", {"q": [PUTIN], "source": ["saudinewsnet/okaz"]}), "URL")
    check_equal(facet(driver, "source", "saudinewsnet/okaz").get_attribute("aria-pressed"), "true")
    check_equal(driver.find_element(By.ID, "status").text, "عدد النتائج: 2", "total")
    facet(driver, "source", "saudinewsnet/okaz").click()
    wait_for_hits(driver, ALL_PUTIN, "the source facet clicked again")

    facet(driver, "month", "2015-07").click()
    wait_for_hits(driver, ["okaz-1", "jawhara-2"], "the month facet")
    check_equal(url_params(driver)[1], {"q": [PUTIN], "since": ["2015-07"], "until": ["2015-07"]})
    check_equal(driver.find_element(By.ID, "since").get_attribute("value"), "2015-07", "since box")
    facet(driver, "month", "2015-07").click()
    wait_for_hits(driver, ALL_PUTIN, "the month facet clicked again")

    driver.find_elements(By.CSS_SELECTOR, "#hits li.hit a.title")[0].click()
    text = "استقبل الرئيس الروسي فلاديمير بوتين نظيره في موسكو."
    wait_for(driver, lambda d: d.find_element(By.ID, "doc-text").text == text, "the full text")
    check_equal(url_params(driver), ("/doc", {"id": ["okaz-1"]}), "the document's URL")
    check_equal(driver.find_element(By.ID, "doc-title").text, "بوتين يستقبل نظيره", "title")
    check_equal(driver.find_element(By.ID, "original").get_attribute("href"),
                "https://example.org/okaz/1", "link to the original")
    check_equal(driver.execute_script("return getComputedStyle(document.getElementById('doc-text')).direction"),
                "rtl")
    screenshot(driver, outdir, "doc.png")
    driver.back()
    wait_for_hits(driver, ALL_PUTIN, "Back")


def case_bookmarks_paging_and_suggestions(server, driver, outdir):
    """A bookmarked URL searches by itself; pages of n hits; did you mean, clicked."""
    driver.get(server.url + "?" + urllib.parse.urlencode({"q": "ترامب", "since": "2017"}))
    wait_for_hits(driver, ["bbc-1", "okaz-2"], "the bookmarked search")
    check_equal(driver.find_element(By.ID, "q").get_attribute("value"), "ترامب", "query box")
    check_equal(driver.find_element(By.ID, "since").get_attribute("value"), "2017", "since box")

    driver.get(server.url + "?" + urllib.parse.urlencode({"q": PUTIN, "n": "2"}))
    wait_for_hits(driver, ALL_PUTIN[:2], "page 1")
    check_equal(driver.find_element(By.ID, "range").text, "1–2 من 5", "range")
    check_equal(driver.find_element(By.ID, "prev").is_enabled(), False, "no page before 1")
    driver.find_element(By.ID, "next").click()
    wait_for_hits(driver, ALL_PUTIN[2:4], "page 2")
    check_equal(url_params(driver)[1], {"q": [PUTIN], "n": ["2"], "offset": ["2"]}, "URL")
    driver.find_element(By.ID, "next").click()
    wait_for_hits(driver, ALL_PUTIN[4:], "page 3")
    check_equal(driver.find_element(By.ID, "next").is_enabled(), False, "no page after 3")
    driver.find_element(By.ID, "prev").click()
    wait_for_hits(driver, ALL_PUTIN[2:4], "page 2 again")

    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys("بوتن", Keys.ENTER)
    wait_for(driver, lambda d: d.find_elements(By.ID, "did-you-mean"), "did you mean")
    check_equal(driver.find_element(By.ID, "status").text, "لا توجد نتائج.", "no hits")
    suggestion = driver.find_element(By.ID, "did-you-mean")
    check_equal(suggestion.text, PUTIN, "suggestion")
    suggestion.click()
    wait_for_hits(driver, ALL_PUTIN[:2], "the suggestion's hits (n=2 kept)")
    check_equal(driver.find_element(By.ID, "q").get_attribute("value"), PUTIN, "query box")

    driver.find_element(By.ID, "since").send_keys("2015-02-30", Keys.ENTER)
    wait_for(driver, lambda d: d.find_element(By.ID, "error").text ==
             "bad date '2015-02-30' for since (use YYYY-MM-DD, YYYY-MM or YYYY)", "the error")
    check_equal(hit_ids(driver), [], "no hits with an error")


def case_document_text_is_never_html(server, driver, outdir):
    """Markup in a document's fields is shown as text: nothing runs, no element is made,
    and a javascript: URL is no link."""
    driver.get(server.url + "?" + urllib.parse.urlencode({"q": PUTIN}))
    # Both documents, in the ranker's order; the checks read the one with markup.
    wait_for(driver, lambda d: sorted(hit_ids(d)) == ["<b>x</b>", "plain"], "the two hits")
    first = driver.find_elements(By.CSS_SELECTOR, "#hits li.hit")[hit_ids(driver).index("<b>x</b>")]
    check_equal(first.find_element(By.CSS_SELECTOR, "a.title").text,
                "<img src=x onerror=\"window.pwned='title'\"> بوتين", "title as text")
    check_equal(driver.find_elements(By.CSS_SELECTOR, "#hits img, #hits svg, #hits script, "
                                                      "#hits i, #hits b, #facets svg"), [],
                "elements from the data")
    marks = [m.text for m in first.find_elements(By.CSS_SELECTOR, ".snippet mark")]
    if PUTIN not in marks:
        raise AssertionError("the query word is not highlighted: %r" % marks)
    check_equal(driver.execute_script("return window.pwned === undefined"), True, "script ran")
    first.find_element(By.CSS_SELECTOR, "a.title").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "doc-text").text.startswith("<script>"),
             "the full text")
    check_equal(driver.find_element(By.ID, "doc-text").text,
                "<script>window.pwned='text'</script> قال بوتين **<img src=x "
                "onerror=\"window.pwned='snippet'\">** ثم <i>غادر</i>.", "text as text")
    check_equal(driver.find_elements(By.ID, "original"), [], "a javascript: URL made a link")
    check_equal(driver.find_elements(By.CSS_SELECTOR, "article img, article svg, article i"), [])
    check_equal(driver.execute_script("return window.pwned === undefined"), True, "script ran")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}


def main():
    serve_program, db, outdir, case = sys.argv[1:5]
    os.makedirs(outdir, exist_ok=True)
    with serve(serve_program, db) as server, chromium(outdir) as driver:
        CASES[case](server, driver, outdir)
    print("ok:", case)


if __name__ == "__main__":
    main()
