"""docs/research-example.md's script, run as a researcher would copy it, on a small corpus
(tests/data/news.jsonl, gzipped), so that the published script keeps working."""
import gzip
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_research_example_runs_and_draws_its_chart(tmp_path):
    doc = (ROOT / "docs" / "research-example.md").read_text(encoding="utf-8")
    script = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    (tmp_path / "research.py").write_text(script, encoding="utf-8")
    corpus = tmp_path / "news.jsonl.gz"
    corpus.write_bytes(gzip.compress((ROOT / "tests" / "data" / "news.jsonl").read_bytes()))
    chart = tmp_path / "chart.png"
    run = subprocess.run(
        [sys.executable, "research.py", str(corpus), str(tmp_path / "index"), str(chart)],
        cwd=tmp_path,
        env={**os.environ, "MPLCONFIGDIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("indexed 6 articles in ")
    # The RFC 2822 date of bbc-1 was converted: 6 articles, 5 of them dated.
    assert "5 dated articles, 2015-07 to 2018-02, 3 sources\n" in out
    assert "\nPutin (بوتين): 5 articles\n  2017-07-07  saudinewsnet/okaz " in out
    assert "\nTrump (ترامب OR ترمب): 2 articles\n  2018-02-18  ant-v2.1/BBC " in out
    assert "  saudinewsnet/okaz                2       1       0       2\n" in out
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
