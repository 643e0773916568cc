"""setuptools commands that build the package `fahras` with the project's CMake files.

pyproject.toml names them: `pip install .` and `pip wheel .` (Debian's setuptools as the
build backend) run build_py, which copies fahras/*.py, the stubs and py.typed, then
configures the repository with CMake (tests off) and builds only the target fahras_python,
the extension fahras._fahras, against the system's Xapian and ICU; bdist_wheel tags the
wheel for this interpreter and platform. Nothing is downloaded.

Environment:
  FAHRAS_PIP_BUILD_DIR     setuptools' build directory, CMake's under it in cmake/
                           (default: build/pip in the clone; a second build reuses it)
  CMAKE_BUILD_PARALLEL_LEVEL   compile jobs (CMake's own variable; default: the cores)
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig

from setuptools.command.build import build as _build
from setuptools.command.build_py import build_py as _build_py
from setuptools.command.egg_info import egg_info as _egg_info

try:  # setuptools 70 and later carry bdist_wheel; Debian bookworm's (66) does not
    from setuptools.command.bdist_wheel import bdist_wheel as _bdist_wheel
except ImportError:
    from wheel.bdist_wheel import bdist_wheel as _bdist_wheel

ROOT = pathlib.Path(__file__).resolve().parents[2]


def project_version():
    """The VERSION of project(fahras ...) in the top CMakeLists.txt: the one place the
    version is written (fahras.__version__ comes from it too)."""
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*fahras\s+VERSION\s+([0-9][0-9.]*)", text)
    if match is None:
        raise RuntimeError(f"no 'project(fahras VERSION ...)' in {ROOT / 'CMakeLists.txt'}")
    return match.group(1)


VERSION = project_version()


def build_base():
    """setuptools' build directory: FAHRAS_PIP_BUILD_DIR, or build/pip in the clone (beside
    a CMake build in build/, not mixed with it)."""
    path = pathlib.Path(os.environ.get("FAHRAS_PIP_BUILD_DIR") or ROOT / "build" / "pip")
    path.mkdir(parents=True, exist_ok=True)
    return str(path.resolve())


def holds_extension(distribution):
    """Tells setuptools that the package holds an extension, which it cannot see
    (pyproject.toml declares no ext_modules: setuptools 66 reads none there): the wheel is
    then tagged for this interpreter and platform, its files installed as platlib."""
    distribution.has_ext_modules = lambda: True


class Build(_build):
    """build, in build_base()."""

    def initialize_options(self):
        super().initialize_options()
        holds_extension(self.distribution)
        self.build_base = build_base()


class EggInfo(_egg_info):
    """egg_info, in build_base() rather than common/python (the package's directory)."""

    def initialize_options(self):
        super().initialize_options()
        self.egg_base = build_base()


class BuildPy(_build_py):
    """build_py, then the extension by CMake, copied into the package."""

    def run(self):
        super().run()
        cmake_dir = pathlib.Path(self.get_finalized_command("build").build_base) / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(cmake_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DFAHRAS_BUILD_TESTS=OFF",
            "-DFAHRAS_BUILD_PYTHON=ON",
            # The interpreter pip runs (a venv's included): the extension is for it.
            f"-DPython_EXECUTABLE={sys.executable}",
        ]
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        compile_ = ["cmake", "--build", str(cmake_dir), "--target", "fahras_python", "-j", jobs]
        for command in (configure, compile_):
            self.announce(" ".join(command), level=2)
            subprocess.run(command, check=True)
        name = "_fahras" + sysconfig.get_config_var("EXT_SUFFIX")
        built = cmake_dir / "python" / "fahras" / name
        target = pathlib.Path(self.build_lib) / "fahras" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


class BdistWheel(_bdist_wheel):
    """A wheel for this interpreter and platform (holds_extension)."""

    def finalize_options(self):
        holds_extension(self.distribution)
        super().finalize_options()
