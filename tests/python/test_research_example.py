"""docs/research-example.md's scripts, run as a researcher would copy them, on the data of
the repository (tests/data/news.jsonl, and a SaudiNewsNet-shaped dataset made here), so
that the published scripts keep working; and the Python docs point at nothing outside the
clone (issue #19)."""
import gzip
import json
import os
import pathlib
import re
import runpy
import subprocess
import sys
import warnings
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "data" / "news.jsonl"


def scripts():
    doc = (ROOT / "docs" / "research-example.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", doc, re.S)


@pytest.fixture
def research(tmp_path):
    path = tmp_path / "research.py"
    path.write_text(scripts()[0], encoding="utf-8")
    return path


def run(tmp_path, *args):
    return subprocess.run(
        [sys.executable, *map(str, args)],
        cwd=tmp_path,
        env={**os.environ, "MPLCONFIGDIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )


def test_the_research_example_runs_and_draws_its_chart(tmp_path, research):
    corpus = tmp_path / "news.jsonl.gz"
    corpus.write_bytes(gzip.compress(NEWS.read_bytes()))
    chart = tmp_path / "chart.png"
    done = run(tmp_path, research, corpus, tmp_path / "index", chart)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr  # every date of the fixture is one fahras reads
    out = done.stdout
    assert out.startswith("indexed 6 articles in ")
    # bbc-1's RFC 2822 date is read by fahras itself: 6 articles, 5 of them dated.
    assert "5 dated articles, 2015-07 to 2018-02, 3 sources\n" in out
    assert "\nPutin (بوتين): 5 articles\n  2017-07-07  saudinewsnet/okaz " in out
    assert "\nTrump (ترامب OR ترمب): 2 articles\n  2018-02-18  ant-v2.1/BBC " in out
    assert "  saudinewsnet/okaz                2       1       0       2\n" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_chart_labels_are_arabic_joined_and_right_to_left(tmp_path, research,
                                                              monkeypatch, capsys):
    # In this process, to read the figure the script drew.
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    monkeypatch.setattr(sys, "argv", ["research.py", str(NEWS), str(tmp_path / "index"),
                                      str(tmp_path / "chart.png")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        script = runpy.run_path(str(research), run_name="__main__")
    labels = [ax.get_ylabel() for ax in script["axes"]]
    script["plt"].close("all")
    # Each letter in its joined (presentation) form, stored in display order (the first
    # code point is drawn leftmost): the word read right to left is the name.
    assert labels == [
        # NOON FINAL, YEH MEDIAL, TEH INITIAL, WAW FINAL, BEH INITIAL (بوتين)
        "\ufee6\ufef4\ufe97\ufeee\ufe91",
        # BEH FINAL, MEEM INITIAL, ALEF ISOLATED, REH FINAL, TEH INITIAL (ترامب)
        "\ufe90\ufee3\ufe8d\ufeae\ufe97",
        # ALEF FINAL, MEEM INITIAL, ALEF FINAL, BEH INITIAL, WAW ISOLATED,
        # ALEF WITH HAMZA ABOVE ISOLATED (أوباما)
        "\ufe8e\ufee3\ufe8e\ufe91\ufeed\ufe83",
    ]
    assert labels[0] != "بوتين"
    # The font draws every one of these forms (matplotlib warns of a missing glyph).
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    assert "chart: " in capsys.readouterr().out


def test_the_saudinewsnet_converter_feeds_the_research_example(tmp_path, research):
    converter = tmp_path / "saudinewsnet.py"
    converter.write_text(scripts()[1], encoding="utf-8")
    dataset = tmp_path / "SaudiNewsNet" / "dataset"
    dataset.mkdir(parents=True)
    days = {
        "2015-07-21": [
            {"source": "okaz", "url": "https://example.org/1", "date_extracted":
             "2015-07-21 02:51:32", "title": "بوتين يستقبل نظيره", "author": "",
             "content": "استقبل الرئيس الروسي بوتين نظيره."},
            {"source": "sabq", "url": "https://example.org/2", "date_extracted":
             "2015-07-21 09:00:00", "title": "", "author": "", "content": "قال أوباما"},
        ],
        "2015-08-02": [
            {"source": "okaz", "url": "https://example.org/3", "date_extracted":
             "2015-08-02 10:00:00", "title": "ترمب", "author": "", "content": "ترشح ترمب"},
        ],
    }
    for day, articles in days.items():
        with zipfile.ZipFile(dataset / f"{day}.zip", "w") as archive:
            archive.writestr(f"{day}.json", json.dumps(articles, ensure_ascii=False))
    converted = run(tmp_path, converter, dataset, tmp_path / "snn.jsonl.gz")
    assert converted.returncode == 0, converted.stderr
    assert converted.stdout == f"3 articles written to {tmp_path / 'snn.jsonl.gz'}\n"
    lines = gzip.decompress((tmp_path / "snn.jsonl.gz").read_bytes()).decode().splitlines()
    assert json.loads(lines[0]) == {
        "id": "SNN-2015-07-21-00000", "title": "بوتين يستقبل نظيره",
        "text": "استقبل الرئيس الروسي بوتين نظيره.", "date": "2015-07-21 02:51:32",
        "source": "saudinewsnet/okaz", "url": "https://example.org/1"}
    done = run(tmp_path, research, tmp_path / "snn.jsonl.gz", tmp_path / "index",
               tmp_path / "chart.png")
    assert done.returncode == 0, done.stderr
    assert "3 dated articles, 2015-07 to 2015-08, 2 sources\n" in done.stdout
    assert "\nTrump (ترامب OR ترمب): 1 articles\n  2015-08-02  saudinewsnet/okaz " in done.stdout
    assert "\nObama (أوباما): 1 articles\n  2015-07-21  saudinewsnet/sabq " in done.stdout


@pytest.mark.parametrize("doc", ["README.md", "docs/python.md", "docs/research-example.md"])
def test_the_python_docs_point_at_nothing_outside_the_clone(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    # A relative path climbing out of the clone: ../shared/..., (../x) links.
    outside = re.findall(r"(?<![\w.])\.\./[\w./-]+", text)
    if doc.startswith("docs/"):
        # From docs/, ../ is the clone's root: allowed when the path exists in the clone.
        outside = [p for p in outside if not (ROOT / "docs" / p).exists()]
    assert outside == []
