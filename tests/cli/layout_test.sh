#!/bin/sh
# layout_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR CASE
#
# Damaged and foreign index directories (docs/index-layout.md, "What fahras may delete, and
# when" and "A damaged layout"; issue #15). Each CASE sets up a directory, runs
# fahras-index on it and prints the exit code, the error line and what the directory then
# holds; then, where there is one, follows the recovery the message gives and prints the
# result. Paths are relative to WORKDIR, so the messages are the same on every machine.
index=$(realpath "$1")
search=$(realpath "$2")
work=$3
case=$4
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99

# docs-K.jsonl: 3 documents "K-1".."K-3" mentioning مدينة.
part() {
    for n in 1 2 3; do printf '{"id": "%s-%s", "text": "مدينة رقم %s"}\n' "$1" "$n" "$n"; done \
        >"docs-$1.jsonl"
}
count() {
    xapian-delve "$1/XAPIANDB" 2>/dev/null | sed -n 's/^number of documents = //p'
}
# run LABEL ARGS...: runs fahras-index, prints "LABEL: exit N" and its stderr.
run() {
    label=$1
    shift
    "$index" "$@" 2>err.txt
    echo "$label: exit $?"
    cat err.txt
}
listing() { echo "$(ls -A "$1" | tr '\n' ' ')"; }
# An index 'db' of docs-1.jsonl (3 documents, generation gen-000001).
setup() {
    part 1
    part 2
    "$index" --db db docs-1.jsonl || exit 99
}
# The stub's mtime a few minutes back: the last swap is past the grace period.
age_stub() { touch -d '5 minutes ago' db/XAPIANDB; }

case $case in
missing_stub)  # 1: generations without a stub: refused, nothing deleted
    setup
    rm db/XAPIANDB
    run update --db db docs-2.jsonl
    listing db
    printf 'glass gen-000001\n' >db/XAPIANDB
    run restored --db db docs-2.jsonl
    echo "documents: $(count db)"
    ;;
stub_names_missing)  # 2: the stub names a generation that does not exist
    setup
    printf 'glass gen-000009\n' >db/XAPIANDB
    age_stub  # as a stub restored from a backup: gen-000001 would be "replaced" long ago
    run update --db db docs-2.jsonl
    listing db
    echo "documents in gen-000001: $(xapian-delve db/gen-000001 | sed -n 's/^number of documents = //p')"
    ;;
stub_older_than_newest)  # 2: a stub restored from a backup older than the newest generation
    setup
    "$index" --db db --rebuild docs-1.jsonl docs-2.jsonl || exit 99
    age_stub
    printf 'glass gen-000001\n' >db/XAPIANDB
    run update --db db docs-1.jsonl
    listing db
    printf 'glass gen-000002\n' >db/XAPIANDB
    run pointed --db db docs-1.jsonl
    echo "documents: $(count db)"
    ;;
foreign_names)  # 3: only fahras's own generations are deleted, whatever the names
    setup
    mkdir db/gen-data db/gen-000003.shard-0 db/gen-000004
    echo "the operator's" >db/gen-data/keep.txt
    echo "the operator's" >db/gen-notes.txt
    echo "the operator's" >db/gen-000003.shard-0/keep.txt
    echo "the operator's" >db/gen-000004/keep.txt
    run rebuild --db db --rebuild docs-1.jsonl docs-2.jsonl
    age_stub
    run update --db db docs-2.jsonl
    listing db
    echo "documents: $(count db)"
    ;;
foreign_directory)  # 3: a non-empty directory that is no index is refused, untouched
    mkdir notes
    echo "the operator's" >notes/todo.txt
    part 1
    run foreign --db notes docs-1.jsonl
    listing notes
    mkdir empty
    run empty --db empty docs-1.jsonl
    echo "documents: $(count empty)"
    ;;
stub_extra_lines)  # 10: the directory's own stub is one line, nothing else
    setup
    printf 'glass gen-000001\nremote :/bin/true\n' >db/XAPIANDB
    run update --db db docs-2.jsonl
    listing db
    cat db/XAPIANDB
    ;;
lock_symlink)  # 12: a symbolic link at DIR/fahras.lock is not followed
    setup
    rm db/fahras.lock
    ln -s ../elsewhere db/fahras.lock
    run update --db db docs-2.jsonl
    if [ -e elsewhere ]; then echo "elsewhere created"; else echo "elsewhere not created"; fi
    ;;
newer_analyzer)  # 19a: an index from a newer fahras is not "rebuilt" by default
    setup
    xapian-metadata set db/gen-000001 fahras:analyzer 99
    run update --db db docs-2.jsonl
    ;;
stemmer)  # 19b: an update without --stemmer keeps the index's; another one is refused
    part 1
    part 2
    "$index" --db db --stemmer snowball docs-1.jsonl || exit 99
    run "update without --stemmer" --db db docs-2.jsonl
    run "update with --stemmer light" --db db --stemmer light docs-2.jsonl
    run "rebuild without --stemmer" --db db --rebuild docs-1.jsonl
    echo "stemmer: $(xapian-metadata get db/XAPIANDB fahras:stemmer)"
    run "rebuild with --stemmer light" --db db --rebuild --stemmer light docs-1.jsonl
    echo "stemmer: $(xapian-metadata get db/XAPIANDB fahras:stemmer)"
    ;;
corrupt)  # 19c: a damaged database: the message points at xapian-check and --rebuild
    setup
    truncate -s 40 db/gen-000001/iamglass
    run update --db db docs-2.jsonl
    run rebuild --db db --rebuild docs-1.jsonl docs-2.jsonl
    echo "documents: $(count db)"
    ;;
*)
    echo "unknown case '$case'" >&2
    exit 99
    ;;
esac
