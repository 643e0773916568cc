#!/bin/sh
# The package as a user installs it (issue #19): a venv of Debian's python3 with the system's
# site packages (where the build backend, Debian's setuptools, is), `pip install
# --no-build-isolation` of the clone with no index (nothing downloaded), then import, index
# and search from a directory outside the clone; and `pip wheel` of the clone.
#
# usage: venv_install.sh SOURCE_DIR WORK_DIR PYTHON
# WORK_DIR keeps the build (WORK_DIR/pip-build, CMake's under it) from one run to the next,
# so that only the first run compiles the library; the venv is made anew each run.
set -eu
src=$1
work=$2
python=$3

mkdir -p "$work"
rm -rf "$work/venv" "$work/wheels" "$work/outside"
# pip as a user would run it, but with nothing from this machine's pip configuration or
# environment (--isolated: e.g. a PIP_FIND_LINKS), and no index: offline.
pip_flags="--isolated --no-index --no-build-isolation --disable-pip-version-check"
export FAHRAS_PIP_BUILD_DIR="$work/pip-build"
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
unset PYTHONPATH

"$python" -m venv --system-site-packages "$work/venv"
# shellcheck disable=SC2086  # the flags are words
"$work/venv/bin/python" -m pip install $pip_flags --quiet "$src"

mkdir "$work/outside"
cd "$work/outside"
"$work/venv/bin/python" - "$work/venv" "$src" <<'EOF'
import importlib.metadata
import pathlib
import re
import sys

import fahras

venv, src = (pathlib.Path(p).resolve() for p in sys.argv[1:])
where = pathlib.Path(fahras.__file__).resolve()
assert venv in where.parents, f"fahras imported from {where}, not from the venv {venv}"
version = re.search(r"project\(fahras VERSION ([0-9.]+)",
                    (src / "CMakeLists.txt").read_text(encoding="utf-8")).group(1)
assert fahras.__version__ == version, (fahras.__version__, version)
assert importlib.metadata.version("fahras") == version
for shipped in ("py.typed", "_fahras.pyi", "__init__.py"):
    assert (where.parent / shipped).is_file(), f"{shipped} is not in the installed package"

fahras.index("index", [
    {"id": "a1", "title": "قمة", "text": "التقى الرئيس الروسي بوتين نظيره", "date": "2017-07-07"},
    {"id": "a2", "text": "لا شيء هنا"},
])
with fahras.Index("index") as index:
    hits = index.search("وبوتين")
    assert [h["id"] for h in hits] == ["a1"], hits
    assert hits.total == 1
print(f"fahras {fahras.__version__} (analyzer {fahras.analyzer_version}) from {where.parent}:"
      f" {hits[0]['id']} {hits[0]['snippet']}")
EOF

# shellcheck disable=SC2086
"$work/venv/bin/python" -m pip wheel $pip_flags --quiet --no-deps -w "$work/wheels" "$src"
# A wheel of this interpreter and platform (it holds the extension), e.g.
# fahras-0.1.0-cp311-cp311-linux_x86_64.whl, holding the stubs.
wheel=$(ls "$work/wheels")
case "$wheel" in
fahras-*-cp3*-cp3*-linux_*.whl) echo "wheel: $wheel" ;;
*) echo "unexpected wheel '$wheel'" >&2; exit 1 ;;
esac
"$work/venv/bin/python" -m zipfile -l "$work/wheels/$wheel" | grep -q "fahras/_fahras.pyi"
