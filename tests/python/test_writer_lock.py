"""fahras.Writer holds the index directory's lock, as fahras-index does (issue #15).

A Writer open on an index keeps `fahras-index` out (exit code 3), so that a rebuild cannot
swap in a generation without the Writer's committed documents. Run by CTest, which sets
FAHRAS_INDEX to the fahras-index binary.
"""
import fcntl
import os
import subprocess

import pytest

import fahras

pytestmark = pytest.mark.skipif(
    "FAHRAS_INDEX" not in os.environ, reason="needs fahras-index (CTest sets it)"
)


def fahras_index(*args):
    return subprocess.run(
        [os.environ["FAHRAS_INDEX"], *args], capture_output=True, text=True, check=False
    )


def ids(hits):
    return sorted(hit["id"] for hit in hits)


def test_fahras_index_waits_for_an_open_writer(tmp_path):
    # See: issue #15
    path = str(tmp_path / "index")
    source = tmp_path / "docs.jsonl"
    source.write_text('{"id": "cli", "text": "بوتين في بكين"}\n', encoding="utf-8")
    with fahras.Writer(path) as writer:
        writer.add("py1", "بوتين في موسكو")
        writer.commit()
        for mode in (["--rebuild"], []):
            run = fahras_index("--db", path, *mode, str(source))
            assert (run.returncode, run.stderr) == (
                3,
                f"fahras-index: error: index '{path}' is locked by another indexer\n",
            )
        writer.add("py2", "بوتين في واشنطن")
    # The Writer's documents, committed and at close, are all there.
    assert ids(fahras.Index(path).search("بوتين")) == ["py1", "py2"]
    # Once the Writer is closed, fahras-index updates the same index.
    run = fahras_index("--db", path, str(source))
    assert (run.returncode, run.stderr) == (0, "")
    assert ids(fahras.Index(path).search("بوتين")) == ["cli", "py1", "py2"]


def test_writer_waits_for_fahras_index_lock(tmp_path):
    # See: issue #15
    path = str(tmp_path / "index")
    fahras.index(path, [{"id": "a", "text": "بوتين"}])
    # The lock fahras-index takes: flock(2) on DIR/fahras.lock.
    with open(os.path.join(path, "fahras.lock"), "r+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(fahras.LockError) as e:
            fahras.Writer(path)
        assert str(e.value) == f"index '{path}' is locked by another indexer"
