#!/usr/bin/python3
"""Checks the dependency rule of common/src (docs/architecture.md): each subsystem includes
only from itself and the subsystems below it, and index/ and search/ never include each
other. Public headers (fahras/*.h) count as the subsystem that implements them.

    check_layering.py COMMON_DIR

Prints each forbidden #include as FILE:LINE: SUBSYSTEM includes 'HEADER' (SUBSYSTEM) and
exits 1 if there is one; prints nothing and exits 0 otherwise.
"""
import pathlib
import re
import sys

# What each subsystem may include, besides itself.
ALLOWED = {
    "util": set(),
    "analysis": {"util"},
    "io": {"util", "analysis", "schema"},
    "schema": {"util", "analysis"},
    "index": {"util", "analysis", "io", "schema"},
    "search": {"util", "analysis", "io", "schema"},
    "python": {"util", "analysis", "io", "schema", "index", "search"},
}
# The subsystem behind each public header.
PUBLIC = {
    "error.h": "util",
    "analyzer.h": "analysis",
    "normalize.h": "analysis",
    "tokenize.h": "analysis",
    "query.h": "search",
    "corpus.h": "io",
    "schema.h": "schema",
    "fields.h": "schema",
    "index_writer.h": "index",
    "shard.h": "index",
    "search.h": "search",
    "fahras.h": "python",  # the umbrella header: front-ends only
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def subsystem_of(header):
    parts = header.split("/")
    if parts[0] == "fahras" and len(parts) == 2:
        return PUBLIC.get(parts[1], "unknown public header")
    if parts[0] in ALLOWED and len(parts) == 2:
        return parts[0]
    return "unknown"


def main():
    common = pathlib.Path(sys.argv[1])
    bad = []
    files = sorted(common.glob("src/*/*")) + sorted(common.glob("python/*.cc"))
    files += sorted(common.glob("include/fahras/*.h"))
    for path in files:
        if path.suffix not in (".h", ".cc"):
            continue
        if path.parent.name == "fahras":
            own = PUBLIC.get(path.name, "unknown")
        elif path.parent.name == "python":
            own = "python"
        else:
            own = path.parent.name
        if own not in ALLOWED:
            bad.append(f"{path}: not in a subsystem folder ({', '.join(ALLOWED)})")
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = subsystem_of(m.group(1))
            if target == own or target in ALLOWED[own]:
                continue
            bad.append(f"{path}:{number}: {own} includes '{m.group(1)}' ({target})")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
