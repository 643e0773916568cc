"""Queries the module must refuse or answer exactly (issue #15), on tests/data/news.jsonl.

The tests marked "See: issue #15" failed before the fix: since after until searched without
the date filter, negative counts raised pybind11's TypeError (listing every signature),
exact: with nothing after it searched for the word "exact", and a query of any length was
searched.
"""
import json
import pathlib

import pytest

import fahras

NEWS = pathlib.Path(__file__).resolve().parent.parent / "data" / "news.jsonl"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("news") / "index")
    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    assert fahras.index(path, records) == 6
    return fahras.Index(path)


def ids(hits):
    return [hit["id"] for hit in hits]


def test_since_after_until_is_an_error(index):
    # See: issue #15 (it returned every match, as if there were no date filter)
    message = "since '2019' is after until '2018'"
    with pytest.raises(fahras.Error, match=f"^{message}$"):
        index.search("بوتين", since="2019", until="2018")
    with pytest.raises(fahras.Error, match=f"^{message}$"):
        index.search_many(["بوتين"], since="2019", until="2018")
    with pytest.raises(fahras.Error, match=f"^{message}$"):
        index.count("بوتين", since="2019", until="2018")
    with pytest.raises(fahras.Error, match=f"^{message}$"):
        index.facets("بوتين", since="2019", until="2018")
    with pytest.raises(fahras.Error, match="^since '2015-07-31' is after until '2015-07-30'$"):
        index.search("بوتين", since="2015-07-31", until="2015-07-30")
    # Equal bounds are one day, month or year.
    assert ids(index.search("بوتين", since="2015-07-30", until="2015-07-30")) == ["jawhara-2"]
    assert ids(index.search("بوتين", since="2015-07", until="2015-07")) == [
        "okaz-1",
        "jawhara-2",
    ]
    assert index.count("بوتين", since="2015", until="2015") == 2


@pytest.mark.parametrize(
    "call",
    [
        lambda index: index.search("بوتين", k=-1),
        lambda index: index.search("بوتين", offset=-1),
        lambda index: index.search("بوتين", rerank=-1),
        lambda index: index.search_many(["بوتين"], k=-1),
        lambda index: index.search_many(["بوتين"], rerank=-1),
    ],
    ids=["search k", "search offset", "search rerank", "search_many k", "search_many rerank"],
)
def test_negative_counts_raise_fahras_error(index, call):
    # See: issue #15
    with pytest.raises(fahras.Error, match=r"^(k|offset|rerank) must be 0 or more, not '-1'$"):
        call(index)


def test_negative_threads_raise_fahras_error(index):
    # See: issue #15
    with pytest.raises(fahras.Error, match="^threads must be between 1 and 64$"):
        index.search_many(["بوتين"], threads=-1)


def test_k_zero_gives_no_hits_and_count_is_exact(index):
    assert index.search("بوتين", k=0) == []
    assert index.count('"الرئيس الروسي"') == 1


def test_exact_needs_a_word(index):
    # See: issue #15 (exact:"" searched for the word "exact" and found nothing)
    needs = "exact: needs a word or phrase"
    with pytest.raises(fahras.QueryError, match=f"^query 'exact:\"\"': {needs}$"):
        index.search('exact:""')
    with pytest.raises(fahras.QueryError, match=f"^query 'بوتين exact:': {needs}$"):
        index.count("بوتين exact:")


def test_query_longer_than_16_kib_is_refused(index):
    # See: issue #15
    longest = "بوتين " + "0" * (16384 - len("بوتين ".encode()))
    assert len(longest.encode()) == 16384
    assert len(index.search(longest)) == 5
    with pytest.raises(
        fahras.QueryError, match="^query is 16385 bytes long; the longest query is 16384 bytes$"
    ):
        index.search(longest + "0")
