"""Issue #15 in the Python module: an Index across rebuilds (item 7), Index and Writer
shared by threads (9), an index directory's stub that would run a program (10), records
with missing values (17).
"""
import json
import os
import pathlib
import subprocess
import threading

import pytest

import fahras

needs_indexer = pytest.mark.skipif(
    "FAHRAS_INDEX" not in os.environ, reason="needs fahras-index (CTest sets it)"
)


def ids(hits):
    return [hit["id"] for hit in hits]


def run_indexer(db, source, *args):
    subprocess.run([os.environ["FAHRAS_INDEX"], "--db", db, *args, str(source)], check=True)


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def age_last_swap(db):
    """Dates the last swap two minutes back: the next run removes the generations the live
    one replaced (they are kept a minute after a swap, for searchers)."""
    stub = os.path.join(db, "XAPIANDB")
    when = os.stat(stub).st_mtime - 120
    os.utime(stub, (when, when))


# --- 7: an Index sees each rebuild -----------------------------------------------------


@needs_indexer
def test_index_follows_rebuilds_and_outlives_removed_generations(tmp_path):
    # See: issue #15
    db = str(tmp_path / "index")
    source = tmp_path / "docs.jsonl"
    write_jsonl(source, [{"id": "v1", "text": "قرية"}])
    run_indexer(db, source)
    index = fahras.Index(db)
    assert ids(index.search("قرية")) == ["v1"]

    write_jsonl(source, [{"id": "v2", "text": "جبل"}, {"id": "v2b", "text": "جبل جبل"}])
    run_indexer(db, source, "--rebuild")
    assert ids(index.search("جبل")) == ["v2b", "v2"]
    assert index.search("قرية") == []
    assert len(index) == 2

    opened_before = fahras.Index(db)  # at gen-000002, not searched until it is gone
    for n in (3, 4):
        age_last_swap(db)
        write_jsonl(source, [{"id": f"v{n}", "text": "نهر"}])
        run_indexer(db, source, "--rebuild")
    assert sorted(name for name in os.listdir(db) if name.startswith("gen-")) == [
        "gen-000003",
        "gen-000004",
    ]
    assert ids(index.search("نهر")) == ["v4"]
    assert ids(opened_before.search("نهر")) == ["v4"]
    assert opened_before.count("جبل") == 0
    assert len(opened_before) == 1


@needs_indexer
def test_reopen_reads_the_stub_again(tmp_path):
    # See: issue #15
    db = str(tmp_path / "index")
    source = tmp_path / "docs.jsonl"
    write_jsonl(source, [{"id": "v1", "text": "قرية"}])
    run_indexer(db, source)
    index = fahras.Index(db)
    write_jsonl(source, [{"id": f"w{i}", "text": "جبل"} for i in range(3)])
    run_indexer(db, source, "--rebuild")
    index.reopen()
    assert len(index) == 3
    assert index.count("جبل") == 3


# --- 9: threads sharing one Index, one Writer --------------------------------------------


def run_threads(n, target):
    errors = []

    def guarded():
        try:
            target()
        except BaseException as e:  # reported to the test below
            errors.append(e)

    threads = [threading.Thread(target=guarded) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_one_index_shared_by_threads(tmp_path):
    # See: issue #15
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": f"d{i}", "text": "بوتين " * (i + 1) + "موسكو"} for i in range(30)])
    index = fahras.Index(path)
    expected = ids(index.search("بوتين", k=5))
    results = []

    def searches():
        for _ in range(50):
            results.append((ids(index.search("بوتين", k=5)), len(index), index.count("موسكو")))

    run_threads(8, searches)
    assert results == [(expected, 30, 30)] * 400


def test_one_writer_shared_by_threads(tmp_path):
    # See: issue #15
    path = str(tmp_path / "index")
    writer = fahras.Writer(path)
    counter = iter(range(200))
    lock = threading.Lock()

    def adds():
        for _ in range(50):
            with lock:
                n = next(counter)
            writer.add(f"d{n}", "بوتين في موسكو")
            if n % 40 == 0:
                writer.commit()
            assert len(writer) >= 1

    run_threads(4, adds)
    assert len(writer) == 200
    writer.close()
    index = fahras.Index(path)
    assert index.count("بوتين") == 200
    assert sorted(ids(index.search("بوتين", k=200))) == sorted(f"d{n}" for n in range(200))


# --- 10: an index directory's stub runs nothing ------------------------------------------


def test_index_directory_stub_with_a_program_is_refused(tmp_path):
    # See: issue #15
    db = tmp_path / "index"
    fahras.index(str(db), [{"id": "a", "text": "بوتين"}])
    assert (db / "XAPIANDB").read_text() == "glass gen-000001\n"
    pwned = tmp_path / "pwned"
    (db / "XAPIANDB").write_text(f"glass gen-000001\nremote :touch {pwned}\n")
    with pytest.raises(fahras.Error) as raised:
        fahras.Index(str(db))
    assert str(raised.value) == (
        f"index '{db}': stub file '{db}/XAPIANDB' must hold one line 'glass gen-NNNNNN' "
        f"(line 2 is 'remote :touch {pwned}'; list shards in a stub file of their own)"
    )
    assert not pwned.exists()
    # The generation alone: it opens.
    (db / "XAPIANDB").write_text("glass gen-000001\n")
    assert ids(fahras.Index(str(db)).search("بوتين")) == ["a"]


# --- 17: missing values in records --------------------------------------------------------


class FakeNA:
    """What pandas.NA does: compares as itself, and has no truth value."""

    def __ne__(self, other):
        return self

    def __eq__(self, other):
        return self

    def __bool__(self):
        raise TypeError("boolean value of NA is ambiguous")


FakeNA.__name__ = "NAType"


@pytest.mark.parametrize(
    "value, shown",
    [(None, "None"), (float("nan"), "NaN"), (FakeNA(), "NA"), (5, "not a string (int)")],
)
def test_index_refuses_a_record_without_text_and_keeps_those_before(tmp_path, value, shown):
    # See: issue #15
    path = str(tmp_path / "index")
    records = [
        {"id": "a0", "text": "بوتين"},
        {"id": "a1", "text": "بوتين"},
        {"id": "a2", "text": value},
        {"id": "a3", "text": "بوتين"},
    ]
    # One batch: the records before the bad one are committed as the writer closes.
    with pytest.raises(fahras.InputError) as raised:
        fahras.index(path, records)
    assert str(raised.value) == f'record 2 (id \'a2\'): "text" is {shown}'
    index = fahras.Index(path)
    assert sorted(ids(index.search("بوتين"))) == ["a0", "a1"]
    assert index.search("None") == [] and index.search("nan") == []


@pytest.mark.parametrize(
    "value, shown",
    [
        (None, "is None"),
        (float("nan"), "is NaN"),
        (2.5, "is not a string or an integer (float)"),
        (
            2.0,
            "is not a string or an integer (float): pandas makes a column of integers with a "
            'missing value float; convert it with df["id"].astype("Int64") or .astype(str)',
        ),
        (True, "is not a string or an integer (bool)"),
    ],
)
def test_index_refuses_a_record_without_id(tmp_path, value, shown):
    # See: issue #15
    path = str(tmp_path / "index")
    with pytest.raises(fahras.InputError) as raised:
        fahras.index(path, [{"id": "a0", "text": "بوتين"}, {"id": value, "text": "بوتين"}])
    assert str(raised.value) == f'record 1: "id" {shown}'
    assert ids(fahras.Index(path).search("بوتين")) == ["a0"]


def test_missing_optional_fields_are_absent(tmp_path):
    # See: issue #15
    path = str(tmp_path / "index")
    nan = float("nan")
    fahras.index(
        path,
        [
            {"id": 7, "text": "بوتين", "title": None, "date": nan, "source": FakeNA(),
             "url": None},
        ],
    )
    with fahras.Writer(path) as writer:
        writer.add("w", "بوتين بوتين", title=nan, date=None, source=None, url=nan)
    index = fahras.Index(path)
    hits = index.search("بوتين")
    assert sorted(ids(hits)) == ["7", "w"]
    for hit in hits:
        assert (hit["title"], hit["date"], hit["source"], hit["url"]) == ("", "", "", "")
    for word in ("None", "nan", "NaN"):
        assert index.search(word) == []
    assert index.facets("") == {"source": {}, "month": {}}


def test_writer_add_refuses_missing_text_and_id(tmp_path):
    # See: issue #15
    with fahras.Writer(str(tmp_path / "index")) as writer:
        with pytest.raises(fahras.InputError, match=r'^id \'x\': "text" is None$'):
            writer.add("x", None)
        with pytest.raises(fahras.InputError, match=r'^"id" is NaN$'):
            writer.add(float("nan"), "بوتين")
        writer.add(12, "بوتين")
        assert len(writer) == 1
    assert ids(fahras.Index(str(tmp_path / "index")).search("بوتين")) == ["12"]


def test_pandas_missing_values(tmp_path):
    # See: issue #15
    pandas = pytest.importorskip("pandas")
    path = str(tmp_path / "index")
    frame = pandas.DataFrame(
        {"id": ["a", "b"], "text": ["بوتين", "موسكو"], "title": [None, "عنوان"],
         "date": pandas.Series([pandas.NaT, "2017-07-07"], dtype=object)}
    )
    frame["source"] = pandas.array([pandas.NA, "okaz"], dtype="string")
    assert fahras.index(path, frame.to_dict("records")) == 2
    hit = fahras.Index(path).search("بوتين")[0]
    assert (hit["title"], hit["date"], hit["source"]) == ("", "", "")
    frame.loc[1, "text"] = pandas.NA
    with pytest.raises(fahras.InputError, match=r'^record 1 \(id \'b\'\): "text" is (NA|NaN)$'):
        fahras.index(path, frame.to_dict("records"))
