"""Issue #19, the package: fahras.__version__ from CMake's project VERSION, the type stubs
(fahras/_fahras.pyi) naming what the extension holds with the same parameters and
defaults, a type checker using them, and the exceptions' docstrings.

The pip install itself is the CTest test python_venv_install (venv_install.sh).
"""
import ast
import os
import pathlib
import re
import subprocess
import sys
import textwrap

import pytest

import fahras
import fahras._fahras as extension

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUB = pathlib.Path(fahras.__file__).parent / "_fahras.pyi"


def test_version_is_the_cmake_project_version():
    cmake = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    version = re.search(r"project\(fahras VERSION ([0-9.]+)", cmake).group(1)
    assert fahras.__version__ == version
    assert isinstance(fahras.analyzer_version, int) and fahras.analyzer_version > 0


def test_the_package_ships_its_stubs_and_py_typed():
    package = pathlib.Path(fahras.__file__).parent
    assert (package / "py.typed").is_file()
    assert STUB.is_file()
    # The stub in the package is the one in the source tree (CMake copies it).
    assert STUB.read_text(encoding="utf-8") == (
        ROOT / "common" / "python" / "fahras" / "_fahras.pyi").read_text(encoding="utf-8")


def test_the_exceptions_have_docstrings_and_are_fahras_names():
    for cls in (fahras.Error, fahras.QueryError, fahras.InputError, fahras.IndexVersionError,
                fahras.LockError, fahras.InputWarning):
        assert cls.__doc__ and len(cls.__doc__) > 60, cls
        assert cls.__module__ == "fahras"
        assert cls.__qualname__ in cls.__doc__ or "fahras" in cls.__doc__
    assert fahras.QueryError.__doc__.startswith("A query fahras cannot run")
    assert issubclass(fahras.QueryError, fahras.Error)
    assert issubclass(fahras.Error, RuntimeError)
    assert issubclass(fahras.InputWarning, UserWarning)
    assert repr(fahras.LockError("x")) == "LockError('x')"


# --- the stubs against the extension ---------------------------------------------------


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_signature(function):
    """(name, default) of each parameter of an ast function, "*" for the keyword marker."""
    a = function.args
    out = []
    positional = a.posonlyargs + a.args
    defaults = [None] * (len(positional) - len(a.defaults)) + a.defaults
    for arg, default in zip(positional, defaults):
        out.append((arg.arg, None if default is None else ast.unparse(default)))
    if a.kwonlyargs:
        out.append(("*", None))
    for arg, default in zip(a.kwonlyargs, a.kw_defaults):
        out.append((arg.arg, None if default is None else ast.unparse(default)))
    return out


def split_top_level(text):
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "[(" and 1 or char in "])" and -1 or 0
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


def runtime_signature(obj, name):
    """(name, default) of each parameter from pybind11's signature line in the docstring,
    e.g. "search(self: fahras._fahras.Index, query: str, k: int = 10, *, ...) -> ..."."""
    first = obj.__doc__.splitlines()[0]
    assert first.startswith(name + "("), first
    inside = first[len(name) + 1:first.rindex(") ->")]
    out = []
    for part in split_top_level(inside):
        if part == "*":
            out.append(("*", None))
            continue
        param, _, default = part.partition(" = ")
        out.append((param.split(":")[0].strip(), default or None))
    return out


def normalized(signature):
    # Literal forms that differ only in quoting or float spelling: 64.0 vs 64.0, '' vs "".
    def value(text):
        if text is None:
            return None
        try:
            return ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text

    return [(name, value(default)) for name, default in signature]


def public(names):
    return {n for n in names if not n.startswith("_")}


def test_the_stub_names_what_the_extension_holds():
    tree = stub_tree()
    stub_names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stub_names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            stub_names.add(node.target.id)
    module_names = public(dir(extension)) | {"__version__"}
    assert stub_names == module_names


@pytest.mark.parametrize("cls", ["Index", "Writer"])
def test_the_stub_classes_have_the_extension_methods(cls):
    runtime = getattr(extension, cls)
    node = next(n for n in stub_tree().body if isinstance(n, ast.ClassDef) and n.name == cls)
    stubbed = {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}
    dunders = {"__init__", "__len__", "__enter__", "__exit__"}
    held = public(vars(runtime)) | (dunders & set(vars(runtime)))
    assert set(stubbed) == held
    for name, function in stubbed.items():
        if isinstance(vars(runtime)[name], property) or name == "__exit__":
            continue
        assert normalized(stub_signature(function)) == normalized(
            runtime_signature(getattr(runtime, name), name)), f"{cls}.{name}"


def test_the_stub_functions_have_the_extension_parameters():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            runtime = getattr(extension, node.name)
            assert normalized(stub_signature(node)) == normalized(
                runtime_signature(runtime, node.name)), node.name


def test_the_package_exports_what_it_lists():
    assert set(fahras.__all__) <= set(dir(fahras))
    assert public(dir(extension)) <= set(fahras.__all__)


# --- a type checker reads them ---------------------------------------------------------

mypy = pytest.importorskip("mypy", reason="needs Debian's python3-mypy")


def run_mypy(tmp_path, source):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    # What a user without pandas' stubs writes in their own configuration.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n[mypy-pandas]\nignore_missing_imports = True\n")
    package_root = str(pathlib.Path(fahras.__file__).parent.parent)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file",
         str(config), str(script)],
        env={**os.environ, "MYPYPATH": package_root},
        cwd=tmp_path, capture_output=True, text=True,
    )


def test_mypy_accepts_typed_use(tmp_path):
    run = run_mypy(tmp_path, """\
        import fahras

        with fahras.Index("index", synonyms=None) as ix:
            hits: fahras.Hits = ix.search("بوتين", k=3, ranking="bm25", k1=1.2, explain=True)
            total: int = hits.total + hits.total_min + hits.total_max
            if hits.did_you_mean is not None:
                print(hits.did_you_mean.upper())
            doc = ix.doc("okaz-1")
            if doc is not None:
                print(doc["text"], hits[0]["score"], total)
            print(ix.count("بوتين") + len(ix), ix.facets("")["month"], ix.path)
            frame = ix.search_df(None, k=5)
        added: int = fahras.index("index", [{"id": "a", "text": "b"}], stemmer=None)
        day = fahras.document_day("17/05/2015")
        print(day, fahras.__version__ + str(fahras.analyzer_version), added)
        with fahras.Writer("index") as writer:
            writer.add("a1", "نص", date="2015-07-21")
        """)
    assert run.returncode == 0, run.stdout


def test_mypy_flags_misuse(tmp_path):
    run = run_mypy(tmp_path, """\
        import fahras

        ix = fahras.Index("index")
        ix.search(5)
        ix.search("x", ranking_model="bm25")
        fahras.document_day("x").upper()
        """)
    assert run.returncode == 1
    assert 'Argument 1 to "search" of "Index" has incompatible type "int"' in run.stdout
    assert 'Unexpected keyword argument "ranking_model"' in run.stdout
    assert 'Item "None" of "Optional[str]" has no attribute "upper"' in run.stdout
