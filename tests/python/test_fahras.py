"""Tests of the Python module fahras (common/python), run by CTest with /usr/bin/python3.

The index is tests/data/news.jsonl (see tests/data/README.md), built through the module.
"""
import json
import os
import pathlib
import subprocess

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


def test_search_returns_dicts_best_first(index):
    hits = index.search("بوتين", k=2)
    assert ids(hits) == ["okaz-1", "jawhara-1"]
    first = hits[0]
    assert first["rank"] == 1
    assert first["title"] == "بوتين يستقبل نظيره"
    assert first["snippet"] == "استقبل الرئيس الروسي فلاديمير **بوتين** نظيره في موسكو."
    assert first["date"] == "2015-07-21 02:51:32"
    assert first["source"] == "saudinewsnet/okaz"
    assert first["url"] == "https://example.org/okaz/1"
    assert first["score"] > hits[1]["score"] or first["score"] == hits[1]["score"]
    assert len(index) == 6


def test_query_is_analyzed_like_the_text(index):
    # A proclitic and diacritics in the query: the same stem.
    assert ids(index.search("وبُوتِين")) == ids(index.search("بوتين"))


def test_paging_with_offset(index):
    assert ids(index.search("بوتين", k=2, offset=2)) == ["jawhara-2", "okaz-2"]
    assert index.search("بوتين", k=1, offset=1)[0]["rank"] == 2


def test_date_filters_and_sort(index):
    assert ids(index.search("بوتين", since="2015-07-25", until="2017")) == [
        "jawhara-1",
        "jawhara-2",
        "okaz-2",
    ]
    # Newest first, bbc-1's RFC 2822 date (Sun, 18 Feb 2018) among them; the missing one last.
    assert ids(index.search("بوتين OR ترامب", sort="date")) == [
        "bbc-1",
        "okaz-2",
        "jawhara-1",
        "jawhara-2",
        "okaz-1",
        "no-date",
    ]


def test_source_filters(index):
    assert ids(index.search("بوتين", sources=["SaudiNewsNet/Okaz"])) == ["okaz-1", "okaz-2"]
    assert ids(index.search('بوتين source:"ant-v1.1/jawhara fm"')) == ["jawhara-1", "jawhara-2"]
    # No words, a filter: every document of the source.
    assert ids(index.search("", sources=["ant-v2.1/BBC"])) == ["bbc-1"]


def test_facets_count_all_matches(index):
    assert index.facets("بوتين", ["source", "month"]) == {
        "source": {"ant-v1.1/Jawhara FM": 2, "saudinewsnet/okaz": 2},
        "month": {"2015-07": 2, "2017-01": 1, "2017-07": 1},
    }
    assert list(index.facets("بوتين", ["month"])["month"]) == ["2015-07", "2017-01", "2017-07"]
    assert index.facets("", ["month"], sources=["saudinewsnet/okaz"]) == {
        "month": {"2015-07": 1, "2017-07": 1}
    }
    assert index.facets("", ["source"]) == {
        "source": {"ant-v1.1/Jawhara FM": 2, "saudinewsnet/okaz": 2, "ant-v2.1/BBC": 1}
    }
    assert index.count("") == 6
    assert index.count("بوتين") == 5
    assert index.count("بوتين", since="2017") == 2


def test_search_many_keeps_the_order(index):
    batch = index.search_many(["ترامب", "بوتين", "برشلونة"], k=1)
    assert [ids(hits) for hits in batch] == [["bbc-1"], ["okaz-1"], []]
    assert batch[0][0]["snippet"] == ""  # snippets off by default in batches


def test_search_many_on_threads_gives_the_hits_of_one(index):
    queries = ["ترامب", "بوتين", "برشلونة", "موسكو"] * 25
    one = index.search_many(queries, k=3, threads=1)
    assert index.search_many(queries, k=3, threads=3) == one
    assert index.search_many(queries, k=3) == one  # one thread per core
    assert [ids(hits) for hits in one[:4]] == [ids(index.search(q, k=3)) for q in queries[:4]]


def test_search_many_raises_for_the_first_malformed_query(index):
    with pytest.raises(fahras.QueryError, match=r"^malformed query 'AND بوتين': Syntax"):
        index.search_many(["ترامب", "AND بوتين", "؟!..."], threads=2)
    for threads in (0, 65):
        with pytest.raises(fahras.Error, match=r"^threads must be between 1 and 64$"):
            index.search_many(["ترامب"], threads=threads)


def test_analyze_gives_surface_normalized_stem_and_str_offsets():
    text = "قال: وَالرئيـسُ في موسكو"
    tokens = fahras.analyze(text)
    assert [t["surface"] for t in tokens] == ["قال", "وَالرئيـسُ", "في", "موسكو"]
    assert [t["normalized"] for t in tokens] == ["قال", "والرءيس", "في", "موسكو"]
    assert tokens[1]["stem"] == "رءيس"
    assert [t["stop_word"] for t in tokens] == [False, False, True, False]
    for t in tokens:
        assert text[t["start"] : t["end"]] == t["surface"]
    assert fahras.analyze("الرئيس", stemmer="none")[0]["stem"] == "الرءيس"


def test_errors_are_exceptions_with_the_cli_messages(index, tmp_path):
    with pytest.raises(fahras.QueryError) as e:
        index.search("AND بوتين")
    assert str(e.value) == "malformed query 'AND بوتين': Syntax: <expression> AND <expression>"
    with pytest.raises(fahras.QueryError, match=r"^query '\.\.\.' has no words to search for$"):
        index.search("...")
    with pytest.raises(fahras.Error) as e:
        index.search("بوتين", since="2015-02-30")
    assert str(e.value) == "bad date '2015-02-30' for since (use YYYY-MM-DD, YYYY-MM or YYYY)"
    with pytest.raises(fahras.Error, match=r"^unknown facet 'year' \(use source or month\)$"):
        index.facets("بوتين", ["year"])
    missing = str(tmp_path / "missing")
    with pytest.raises(fahras.Error) as e:
        fahras.Index(missing)
    assert str(e.value) == f"cannot open index '{missing}': no such file or directory"
    assert issubclass(fahras.QueryError, fahras.Error)
    assert issubclass(fahras.Error, RuntimeError)


def test_writer_adds_replaces_and_locks(tmp_path):
    path = str(tmp_path / "index")
    with fahras.Writer(path) as writer:
        writer.add("a", "ترامب في واشنطن", title="زيارة", date="2019-01-02", source="X")
        writer.add("b", "بوتين في موسكو")
        with pytest.raises(fahras.LockError) as e:
            fahras.Writer(path)
        assert str(e.value) == f"index '{path}' is locked by another indexer"
    with fahras.Writer(path) as writer:
        writer.add("a", "أوباما في واشنطن")  # replaces a
        assert len(writer) == 2
    index = fahras.Index(path)
    assert ids(index.search("واشنطن")) == ["a"]
    assert index.search("ترامب") == []
    assert index.search("أوباما")[0]["date"] == ""


def test_writer_commits_what_was_added_when_the_block_raises(tmp_path):
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": 1, "text": "بوتين"}])
    with pytest.raises(ZeroDivisionError):
        with fahras.Writer(path) as writer:
            writer.add("2", "بوتين بوتين")
            1 / 0
    # A number id becomes a string, as in JSONL; the lock is released.
    assert ids(fahras.Index(path).search("بوتين")) == ["2", "1"]
    fahras.Writer(path).close()


def test_index_rejects_bad_records(tmp_path):
    with pytest.raises(ValueError, match='a record needs "id" and "text"'):
        fahras.index(str(tmp_path / "index"), [{"id": "x"}])


def test_index_commits_by_bytes(tmp_path):
    path = str(tmp_path / "index")
    seen = []

    def records():
        for i in range(3):
            if i > 0:  # what a searcher sees while the next record is read
                seen.append(len(fahras.Index(path)))
            yield {"id": str(i), "text": "بوتين في موسكو"}  # 25 bytes

    # 20 bytes: every record ends a batch, long before batch_size.
    assert fahras.index(path, records(), batch_size=1000, batch_mb=20 / 2**20) == 3
    assert seen == [1, 2]
    with pytest.raises(ValueError, match="batch_mb must be 0 or more"):
        fahras.index(path, [], batch_mb=-1)


def test_rerank_zero_keeps_the_weights_order(tmp_path):
    path = str(tmp_path / "index")
    with fahras.Writer(path) as writer:
        # One word three times, the other not at all: weighed above "both" alone.
        writer.add("one-word", "سفينة سفينة سفينة ورق شجر نهر")
        writer.add("both", "سفينة ورق شجر نهر جبل بحر")
        # بحر in most documents: it weighs little.
        for i, word in enumerate(["عميق", "واسع", "هادئ"]):
            writer.add(f"sea{i + 1}", "بحر " + word)
    index = fahras.Index(path)
    reranked = ["both", "one-word", "sea1", "sea2", "sea3"]
    weights = ["one-word", "both", "sea1", "sea2", "sea3"]
    # The classic re-ranking (the learned ranker's has its own tests).
    assert ids(index.search("سفينة بحر", ranking="auto")) == reranked
    assert ids(index.search("سفينة بحر", ranking="auto", rerank=0)) == weights
    assert [ids(h) for h in index.search_many(["سفينة بحر"], ranking="auto", rerank=0)] == [weights]
    assert [ids(h) for h in index.search_many(["سفينة بحر"], ranking="auto")] == [reranked]
    with pytest.raises(fahras.Error, match="^rerank must be 0 or more, not '-1'$"):
        index.search("سفينة بحر", rerank=-1)


@pytest.mark.skipif("FAHRAS_INDEX" not in os.environ, reason="needs fahras-index (CTest sets it)")
def test_variants_of_names_match_unless_switched_off(tmp_path):
    # fahras-index prepares the spelling variants; the bundled corpus writes ترمب once.
    corpus = pathlib.Path(__file__).resolve().parents[2] / "corpus"
    path = str(tmp_path / "index")
    subprocess.run([os.environ["FAHRAS_INDEX"], "--db", path, str(corpus)], check=True)
    index = fahras.Index(path)
    written = ["003_2ba4d20b8011a44f.txt"]
    assert ids(index.search("ترمب", k=1)) == written
    assert len(index.search("ترمب")) == 5  # ترامب in the others, ranked below
    assert ids(index.search("ترمب", variants=False)) == written
    assert [ids(h) for h in index.search_many(["ترمب"], variants=False)] == [written]
    assert len(index.search_many(["ترمب"])[0]) == 5
