"""Issue #19, a researcher's data frame: fahras.index() and Writer name the row of a date
they cannot read (fahras.InputWarning), of a missing text or a non-string id
(fahras.InputError); they keep the index's own stemmer; Index.search_df answers a PyTerrier
table of queries with a PyTerrier table of hits.
"""
import json
import pathlib
import warnings

import pytest

import fahras

NEWS = pathlib.Path(__file__).resolve().parent.parent / "data" / "news.jsonl"
RECORDS = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]

pandas = pytest.importorskip("pandas", reason="needs Debian's python3-pandas")


def ids(hits):
    return [hit["id"] for hit in hits]


def messages(caught):
    return [str(w.message) for w in caught if issubclass(w.category, fahras.InputWarning)]


# --- dates it cannot read --------------------------------------------------------------


def test_a_date_it_cannot_read_is_a_warning_naming_the_row(tmp_path):
    frame = pandas.DataFrame({
        "id": ["a0", "a1", "a2", "a3"],
        "text": ["بوتين", "بوتين", "بوتين", "بوتين"],
        "date": ["2015-07-21", "July 2015", None, "05/17/2015"],
    })
    path = str(tmp_path / "index")
    with pytest.warns(fahras.InputWarning) as caught:
        assert fahras.index(path, frame.to_dict("records")) == 4
    assert messages(caught) == [
        "record 1 (id 'a1'): date 'July 2015' not understood (use ISO 8601 YYYY-MM-DD), "
        "document indexed undated",
        "record 3 (id 'a3'): date '05/17/2015' not understood (use ISO 8601 YYYY-MM-DD), "
        "document indexed undated",
    ]
    # The warning points at the caller's line, not inside the module.
    assert pathlib.Path(caught[0].filename).name == "test_dataframe.py"
    index = fahras.Index(path)
    assert ids(index.search("بوتين", since="2015")) == ["a0"]
    assert index.doc("a1")["date"] == "July 2015"  # kept as written
    assert fahras.document_day("July 2015") is None
    assert fahras.document_day("17/05/2015") == "2015-05-17"


def test_pandas_timestamps_and_dates_in_other_read_forms_give_no_warning(tmp_path):
    frame = pandas.DataFrame({
        "id": ["t", "r", "d"],
        "text": ["قمة", "قمة", "قمة"],
        "date": [pandas.Timestamp("2015-07-21 02:51:32"), "Sun, 18 Feb 2018 17:21:49 GMT",
                 "17/05/2015"],
    })
    path = str(tmp_path / "index")
    with warnings.catch_warnings():
        warnings.simplefilter("error", fahras.InputWarning)
        fahras.index(path, frame.to_dict("records"))
    assert ids(fahras.Index(path).search("قمة", sort="date")) == ["r", "t", "d"]


def test_after_ten_dates_one_warning_counts_the_rest(tmp_path):
    records = [{"id": f"r{n}", "text": "قمة", "date": f"day {n}"} for n in range(25)]
    with pytest.warns(fahras.InputWarning) as caught:
        fahras.index(str(tmp_path / "index"), records)
    shown = messages(caught)
    assert len(shown) == 11
    assert shown[9].startswith("record 9 (id 'r9'): date 'day 9' not understood")
    assert shown[10] == (
        "25 documents in all had a date not understood and were indexed undated (10 named "
        "above; fahras.document_day(date) tells which dates are read)")


def test_warnings_made_errors_stop_at_the_row(tmp_path):
    path = str(tmp_path / "index")
    records = [{"id": "ok", "text": "قمة", "date": "2015-01-01"},
               {"id": "bad", "text": "قمة", "date": "yesterday"},
               {"id": "later", "text": "قمة"}]
    with warnings.catch_warnings():
        warnings.simplefilter("error", fahras.InputWarning)
        with pytest.raises(fahras.InputWarning) as raised:
            fahras.index(path, records)
    assert str(raised.value).startswith("record 1 (id 'bad'): date 'yesterday'")
    # As for a bad record: the records before it are committed, none after.
    assert ids(fahras.Index(path).search("قمة")) == ["ok"]


def test_writer_add_warns_naming_the_id(tmp_path):
    with fahras.Writer(str(tmp_path / "index")) as writer:
        with pytest.warns(fahras.InputWarning) as caught:
            writer.add("w1", "قمة", date="31/02/2015")
    assert messages(caught) == [
        "id 'w1': date '31/02/2015' not understood (use ISO 8601 YYYY-MM-DD), document "
        "indexed undated"]


# --- missing texts, ids that are not strings ---------------------------------------------


def test_a_missing_text_in_a_frame_names_the_row(tmp_path):
    frame = pandas.DataFrame({"id": ["a", "b", "c"], "text": ["قمة", None, "قمة"]})
    with pytest.raises(fahras.InputError) as raised:
        fahras.index(str(tmp_path / "index"), frame.to_dict("records"))
    assert str(raised.value) == "record 1 (id 'b'): \"text\" is None"


def test_an_int_id_column_with_a_gap_names_the_row_and_says_why(tmp_path):
    # pandas makes the column float: 1.0, NaN, 3.0.
    frame = pandas.DataFrame({"id": [1, None, 3], "text": ["قمة", "قمة", "قمة"]})
    with pytest.raises(fahras.InputError) as raised:
        fahras.index(str(tmp_path / "index"), frame.to_dict("records"))
    assert str(raised.value) == (
        'record 0: "id" is not a string or an integer (float): pandas makes a column of '
        'integers with a missing value float; convert it with df["id"].astype("Int64") or '
        ".astype(str)")
    # Converted as the message says: the gap is pandas.NA, named.
    frame["id"] = frame["id"].astype("Int64")
    with pytest.raises(fahras.InputError) as raised:
        fahras.index(str(tmp_path / "index"), frame.to_dict("records"))
    assert str(raised.value) == 'record 1: "id" is NA'


def test_numpy_integer_ids_are_their_digits(tmp_path):
    numpy = pytest.importorskip("numpy")
    path = str(tmp_path / "index")
    with fahras.Writer(path) as writer:
        writer.add(numpy.int64(42), "قمة")
    assert fahras.Index(path).doc("42")["text"] == "قمة"


def test_a_data_frame_itself_is_refused_with_the_way_to_pass_it(tmp_path):
    frame = pandas.DataFrame({"id": ["a"], "text": ["قمة"]})
    with pytest.raises(TypeError) as raised:
        fahras.index(str(tmp_path / "index"), frame)
    assert str(raised.value) == (
        'record 0: a record is a dict with "id" and "text", not str; for a pandas DataFrame '
        'pass df.to_dict("records")')


# --- the index's own stemmer -----------------------------------------------------------


def test_updates_keep_the_stemmer_the_index_was_built_with(tmp_path):
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": "a", "text": "المكتبات"}], stemmer="snowball")
    # Before issue #19 both passed stemmer="light" and were refused (IndexVersionError).
    assert fahras.index(path, [{"id": "b", "text": "المكتبة"}]) == 1
    with fahras.Writer(path) as writer:
        writer.add("c", "مكتبة")
    assert len(fahras.Index(path)) == 3
    with pytest.raises(fahras.IndexVersionError) as raised:
        fahras.index(path, [{"id": "d", "text": "قمة"}], stemmer="light")
    assert "built with stemmer 'snowball', not 'light'" in str(raised.value)
    # A new index: light, as fahras-index.
    fresh = str(tmp_path / "fresh")
    fahras.index(fresh, [{"id": "a", "text": "المكتبات"}])
    fahras.index(fresh, [{"id": "b", "text": "قمة"}], stemmer="light")


# --- search_df -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("news") / "index")
    fahras.index(path, RECORDS)
    return fahras.Index(path)


def test_search_df_answers_a_pyterrier_table(index):
    queries = pandas.DataFrame({"qid": ["q1", "q2", "q3"],
                                "query": ["بوتين", "ترامب", "كمبيوتر"]})
    res = index.search_df(queries, k=2)
    assert list(res.columns) == ["qid", "query", "docno", "docid", "title", "score", "rank"]
    assert res[["qid", "docno", "rank"]].values.tolist() == [
        ["q1", "okaz-1", 0], ["q1", "jawhara-1", 1],
        ["q2", "bbc-1", 0], ["q2", "okaz-2", 1],
    ]
    first = index.search("بوتين", k=1)[0]
    assert res.loc[0, "score"] == first["score"]
    assert res.loc[0, "docid"] == first["docid"]
    assert res.loc[0, "title"] == first["title"]
    assert res.loc[0, "query"] == "بوتين"


def test_search_df_carries_other_columns_and_options(index):
    queries = pandas.DataFrame({"qid": [7], "query": ["بوتين"], "lang": ["ar"]})
    res = index.search_df(queries, k=10, since="2017", threads=1)
    assert list(res.columns) == ["qid", "query", "lang", "docno", "docid", "title", "score",
                                 "rank"]
    assert res["docno"].tolist() == ["jawhara-1", "okaz-2"]
    assert res["qid"].tolist() == [7, 7] and res["lang"].tolist() == ["ar", "ar"]


def test_search_df_with_no_hits_is_an_empty_table_with_the_columns(index):
    res = index.search_df(pandas.DataFrame({"qid": ["q"], "query": ["كمبيوتر"]}))
    assert res.empty
    assert list(res.columns) == ["qid", "query", "docno", "docid", "title", "score", "rank"]


def test_search_df_names_missing_columns(index):
    with pytest.raises(ValueError) as raised:
        index.search_df(pandas.DataFrame({"id": ["q"], "text": ["x"]}))
    assert str(raised.value) == (
        "search_df: queries has no column 'qid', 'query' (it needs qid and query; it has "
        "['id', 'text'])")


def test_search_df_without_pandas_says_how_to_get_it(index, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError) as raised:
        index.search_df(None)
    assert str(raised.value) == ("Index.search_df needs pandas (Debian: apt-get install "
                                 "python3-pandas; pip: pip install pandas)")
