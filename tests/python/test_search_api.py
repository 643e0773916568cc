"""Issue #19, what Pyserini users reach for: Index.doc(id), the totals, did_you_mean and
explain beside the hits, the CLI's ranking options, synonyms, `with` and close().

The index is tests/data/news.jsonl (tests/data/README.md), built through the module.
"""
import json
import pathlib

import pytest

import fahras

NEWS = pathlib.Path(__file__).resolve().parent.parent / "data" / "news.jsonl"
RECORDS = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("news") / "index")
    assert fahras.index(path, RECORDS) == 6
    return path


@pytest.fixture(scope="module")
def index(path):
    return fahras.Index(path)


def ids(hits):
    return [hit["id"] for hit in hits]


# --- Index.doc -------------------------------------------------------------------------


def test_doc_returns_the_stored_fields_and_the_whole_text(index):
    okaz = RECORDS[0]
    assert index.doc("okaz-1") == {
        "id": "okaz-1",
        "title": okaz["title"],
        "text": okaz["text"],
        "date": "2015-07-21 02:51:32",
        "source": "saudinewsnet/okaz",
        "url": "https://example.org/okaz/1",
    }
    # Absent fields are "", as in hits; the date as written (RFC 2822 here).
    assert index.doc("no-date")["date"] == ""
    assert index.doc("bbc-1")["date"] == "Sun, 18 Feb 2018 17:21:49 GMT"


def test_doc_of_an_unknown_id_is_none(index):
    assert index.doc("okaz-9") is None
    assert index.doc("") is None


def test_doc_takes_an_int_id_as_indexed(tmp_path):
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": 7, "text": "قمة"}])
    with fahras.Index(path) as ix:
        assert ix.doc(7)["id"] == "7"
        assert ix.doc("7")["text"] == "قمة"


def test_doc_keeps_the_text_as_written_beyond_the_snippet(index, tmp_path):
    path = str(tmp_path / "index")
    text = "وَقالَ الرَّئِيسُ\n" + "كلام " * 400 + "نهاية"
    fahras.index(path, [{"id": "long", "text": text}])
    with fahras.Index(path) as ix:
        assert ix.doc("long")["text"] == text
        assert len(ix.search("نهاية")[0]["snippet"]) < len(text)


# --- Hits: a list with totals and did_you_mean ------------------------------------------


def test_search_returns_a_list_of_dicts_with_totals(index):
    hits = index.search("بوتين", k=2)
    assert isinstance(hits, list) and isinstance(hits, fahras.Hits)
    assert hits == [dict(hits[0]), dict(hits[1])]  # a list of dicts, as before
    assert ids(hits) == ["okaz-1", "jawhara-1"]
    # Five documents hold بوتين; with two hits asked for, Xapian estimates and bounds.
    assert hits.total_min <= hits.total <= hits.total_max
    assert hits.total_min >= 2
    assert index.count("بوتين") == 5
    everything = index.search("بوتين", k=10)
    assert everything.total == everything.total_min == everything.total_max == 5


def test_totals_of_no_match_are_zero(index):
    hits = index.search("كمبيوتر")
    assert hits == [] and hits.total == hits.total_min == hits.total_max == 0


def test_did_you_mean_only_when_asked(index):
    assert index.search("بوتن").did_you_mean is None
    assert index.search("بوتن", suggest=True).did_you_mean == "بوتين"
    # Asked, and nothing to correct: "".
    assert index.search("بوتين", suggest=True).did_you_mean == ""


def test_search_many_returns_hits_with_totals(index):
    answers = index.search_many(["بوتين", "ترامب", "بوتن"], k=1, suggest=True)
    assert [ids(a) for a in answers] == [["okaz-1"], ["bbc-1"], []]
    assert all(isinstance(a, fahras.Hits) for a in answers)
    assert answers[1].total_min <= index.count("ترامب") == 2 <= answers[1].total_max
    assert [a.did_you_mean for a in answers] == ["", "", "بوتين"]


# --- explain ---------------------------------------------------------------------------


def test_explain_gives_each_hit_its_matched_terms(index):
    # The classic rankers match the title's terms too (the learned ranker reads the title
    # among its features: below).
    hits = index.search("وبوتين", k=1, ranking="auto", explain=True)
    assert ids(hits) == ["okaz-1"]
    terms = {m["term"]: m for m in hits[0]["explain"]}
    assert set(terms) == {"بوتين", "title:بوتين"}
    assert terms["بوتين"]["query_words"] == ["وبوتين"]
    # Once in the title, once in the text.
    assert terms["بوتين"]["words"] == [{"word": "بوتين", "count": 2}]
    assert terms["title:بوتين"]["words"] == []
    weights = [m["weight"] for m in hits[0]["explain"]]
    assert weights == sorted(weights, reverse=True) and all(w > 0 for w in weights)
    assert "explain" not in index.search("بوتين", k=1)[0]
    assert "ranking" not in hits[0]


def test_explain_gives_each_feature_of_the_learned_ranker(index):
    hits = index.search("وبوتين", k=1, explain=True)
    assert ids(hits) == ["okaz-1"]
    assert [m["term"] for m in hits[0]["explain"]] == ["بوتين"]
    ranking = hits[0]["ranking"]
    assert len(ranking) == 33 and ranking[-1]["feature"] == "bias"
    assert {f["feature"] for f in ranking} >= {"stage1_score", "written_idf_share", "title_idf_share"}
    assert sum(f["contribution"] for f in ranking) == pytest.approx(hits[0]["score"], abs=1e-3)
    contributions = [abs(f["contribution"]) for f in ranking[:-1]]
    assert contributions == sorted(contributions, reverse=True)
    assert "ranking" not in index.search("وبوتين", k=1)[0]


# --- ranking options -------------------------------------------------------------------


def scores(hits):
    return {hit["id"]: hit["score"] for hit in hits}


def test_ranking_k1_and_b_reach_the_library(index):
    query = "بوتين موسكو"
    dlh, bm25 = index.search(query, ranking="dlh"), index.search(query, ranking="bm25")
    assert scores(dlh) != scores(bm25)
    # Six documents: auto is BM25 below 1,000 documents.
    assert scores(index.search(query, ranking="auto")) == scores(bm25)
    tuned = index.search(query, ranking="bm25", k1=2.0, b=0.0)
    assert scores(tuned) != scores(bm25)
    # k1 and b are BM25's: DLH ignores them.
    assert scores(index.search(query, ranking="dlh", k1=2.0, b=0.0)) == scores(dlh)


def test_expand_adds_terms_of_the_first_hits(index):
    # A term brought by feedback alone stands for no query word.
    def fed(hits):
        return [m["term"] for h in hits for m in h["explain"] if not m["query_words"]]

    assert fed(index.search("موسكو", explain=True)) == []
    assert fed(index.search("موسكو", expand=3, explain=True)) != []


@pytest.mark.parametrize(
    "options, message",
    [
        ({"ranking": "tfidf"}, "unknown ranking 'tfidf' (use learned, auto, dlh or bm25)"),
        ({"k1": -1}, "k1 must be between 0 and 100, not '-1.0'"),
        ({"k1": 101}, "k1 must be between 0 and 100, not '101.0'"),
        ({"b": 1.5}, "b must be between 0 and 1, not '1.5'"),
        ({"b": float("nan")}, "b must be between 0 and 1, not 'nan'"),
        ({"expand": -2}, "expand must be 0 or more, not '-2'"),
    ],
)
def test_ranking_options_out_of_bounds_raise(index, options, message):
    with pytest.raises(fahras.Error) as raised:
        index.search("بوتين", **options)
    assert str(raised.value) == message
    with pytest.raises(fahras.Error):
        index.search_many(["بوتين"], **options)


# --- synonyms --------------------------------------------------------------------------


def test_synonyms_file_makes_words_match_each_other(path, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("# leaders\nبوتين ترامب\n", encoding="utf-8")
    plain = fahras.Index(path)
    assert ids(plain.search("ترامب")) == ["bbc-1", "okaz-2"]
    with fahras.Index(path, synonyms=str(synonyms)) as ix:
        assert ix.synonyms == str(synonyms)
        found = ix.search("ترامب", k=10)
        assert set(ids(found)) == {"bbc-1", "okaz-1", "okaz-2", "jawhara-1", "jawhara-2",
                                   "no-date"}
        # search_many's threads load the same file.
        assert [set(ids(a)) for a in ix.search_many(["ترامب"], threads=2)] == [set(ids(found))]
        ix.reopen()  # keeps them
        assert set(ids(ix.search("ترامب", k=10))) == set(ids(found))
    assert plain.synonyms is None


def test_a_bad_synonyms_file_raises_input_error_naming_its_line(path, tmp_path):
    synonyms = tmp_path / "synonyms.txt"
    synonyms.write_text("بوتين ترامب\nوحيد\n", encoding="utf-8")
    with pytest.raises(fahras.InputError) as raised:
        fahras.Index(path, synonyms=str(synonyms))
    assert str(raised.value) == f"'{synonyms}' line 2: a synonym group needs two words or more"
    with pytest.raises(fahras.InputError):
        fahras.Index(path, synonyms=str(tmp_path / "missing.txt"))


# --- with, close, reopen ---------------------------------------------------------------


def test_with_closes_the_index(path):
    with fahras.Index(path) as ix:
        assert isinstance(ix, fahras.Index)
        assert len(ix) == 6
    for call in (lambda: ix.search("بوتين"), lambda: len(ix), lambda: ix.doc("okaz-1"),
                 ix.reopen, lambda: ix.search_many(["بوتين"]), lambda: ix.count("بوتين")):
        with pytest.raises(fahras.Error) as raised:
            call()
        assert str(raised.value) == f"index '{path}' is closed"
    ix.close()  # again: harmless


def test_with_closes_the_index_when_the_block_raises(path):
    with pytest.raises(KeyError):
        with fahras.Index(path) as ix:
            raise KeyError("x")
    with pytest.raises(fahras.Error):
        ix.search("بوتين")


def test_reopen_reads_a_rebuild(tmp_path):
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": "v1", "text": "قرية"}])
    with fahras.Index(path) as ix:
        fahras.index(path, [{"id": "v2", "text": "جبل"}], overwrite=True)
        ix.reopen()
        assert ids(ix.search("جبل")) == ["v2"]
        assert ix.doc("v1") is None
