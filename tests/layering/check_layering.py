#!/usr/bin/python3
"""Checks the dependency rule of fahras (docs/architecture.md, "Layers"): each subsystem of
common/src includes only from itself and the subsystems below it, and index/ and search/
never include each other. Public headers (fahras/*.h) count as the subsystem that
implements them. ICU is included in analysis/, io/ and schema/ only ("ICU"). And the
library boundary ("The library boundary"): public headers, the front-ends (indexer/,
searcher/) and the Python module include neither Xapian nor ICU.

    check_layering.py ROOT

ROOT is the source tree (the folder holding common/). Prints each forbidden #include as
FILE:LINE: WHO includes 'HEADER' (WHY) and exits 1 if there is one; prints nothing and
exits 0 otherwise.
"""
import pathlib
import re
import sys

# What each subsystem may include, besides itself.
ALLOWED = {
    "util": set(),
    "analysis": {"util"},
    "schema": {"util", "analysis"},
    "io": {"util", "analysis", "schema"},
    "index": {"util", "analysis", "schema", "io"},
    "search": {"util", "analysis", "schema", "io"},
    "python": {"util", "analysis", "schema", "io", "index", "search"},
}
# The subsystem behind each public header.
PUBLIC = {
    "error.h": "util",
    "analyzer.h": "analysis",
    "normalize.h": "analysis",
    "tokenize.h": "analysis",
    "schema.h": "schema",
    "fields.h": "schema",
    "corpus.h": "io",
    "index_writer.h": "index",
    "batch.h": "index",
    "shard.h": "index",
    "search.h": "search",
    "query.h": "search",
    "fahras.h": "python",  # the umbrella header: front-ends only
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SYSTEM_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>')
# Libraries whose types stay inside the library: a header of theirs, by its path.
SEALED = {"xapian.h": "Xapian", "xapian/": "Xapian", "unicode/": "ICU"}
# ICU is for text (analysis/), encodings (io/), and dates and stored text (schema/);
# the others get what they need of it from analysis/utf8.h and analysis/words.h.
ICU_ALLOWED = {"analysis", "io", "schema"}
# Internal headers with ICU types, for their own subsystem only.
ICU_HEADERS = {"analysis/unicode_text.h": "analysis"}


def subsystem_of(header):
    parts = header.split("/")
    if parts[0] == "fahras" and len(parts) == 2:
        return PUBLIC.get(parts[1], "unknown public header")
    if parts[0] in ALLOWED and len(parts) == 2:
        return parts[0]
    return "unknown"


def library_files(common):
    """Each source file of the library and the subsystem it belongs to."""
    files = sorted(common.glob("src/*/*")) + sorted(common.glob("python/*.cc"))
    files += sorted(common.glob("include/fahras/*.h"))
    for path in files:
        if path.suffix not in (".h", ".cc"):
            continue
        if path.parent.name == "fahras":
            yield path, PUBLIC.get(path.name, "unknown")
        elif path.parent.name == "python":
            yield path, "python"
        else:
            yield path, path.parent.name


def check_subsystems(common, bad):
    for path, own in library_files(common):
        if own not in ALLOWED:
            bad.append(f"{path}: not in a subsystem folder ({', '.join(ALLOWED)})")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            system = SYSTEM_INCLUDE.match(line)
            if system and sealed_library(system.group(1)) == "ICU" and own not in ICU_ALLOWED:
                bad.append(f"{path}:{number}: {own} includes <{system.group(1)}> (ICU is for "
                           f"{', '.join(sorted(ICU_ALLOWED))})")
            m = INCLUDE.match(line)
            if not m:
                continue
            if ICU_HEADERS.get(m.group(1), own) != own:
                bad.append(f"{path}:{number}: {own} includes '{m.group(1)}' (ICU types, for "
                           f"{ICU_HEADERS[m.group(1)]} only)")
                continue
            target = subsystem_of(m.group(1))
            if target == own or target in ALLOWED[own]:
                continue
            bad.append(f"{path}:{number}: {own} includes '{m.group(1)}' ({target})")


def sealed_library(header):
    """The library that @p header belongs to if it is one the boundary seals, else None."""
    for start, library in SEALED.items():
        if header == start or (start.endswith("/") and header.startswith(start)):
            return library
    return None


def check_boundary(root, bad):
    files = sorted((root / "common" / "include" / "fahras").glob("*.h"))
    files += sorted((root / "common" / "python").glob("*.cc"))
    for front_end in ("indexer", "searcher"):
        files += sorted((root / front_end).glob("*.cc")) + sorted((root / front_end).glob("*.h"))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = SYSTEM_INCLUDE.match(line)
            library = m and sealed_library(m.group(1))
            if library:
                bad.append(f"{path}:{number}: includes <{m.group(1)}> ({library} stays inside "
                           "the library)")


def main():
    root = pathlib.Path(sys.argv[1])
    bad = []
    check_subsystems(root / "common", bad)
    check_boundary(root, bad)
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
