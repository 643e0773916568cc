#!/bin/sh
# fault_points_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR CASE
#
# Kills fahras-index at a named step (FAHRAS_FAULT_AT, docs/index-layout.md "Fault points":
# the process sends itself SIGKILL there, as kill -9 at that moment would), then checks
# that the index opens, passes xapian-check, holds every committed document and answers a
# search, and that the next run, not killed, completes and leaves a correct index and
# directory. Prints each step's result; CASE names the scenario (most are the fault
# point's name).
index=$(realpath "$1")
search=$(realpath "$2")
work=$3
case=$4
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99

# part-K.jsonl: 40 documents "K-0".."K-39" mentioning مدينة.
part() {
    awk -v k="$1" -v n="${2:-40}" 'BEGIN {
        for (i = 0; i < n; i++) printf "{\"id\": \"%s-%d\", \"text\": \"مدينة رقم %d قرية\"}\n", k, i, i
    }' >"part-$1.jsonl"
}
count() {
    xapian-delve "$1/XAPIANDB" 2>/dev/null | sed -n 's/^number of documents = //p'
}
listing() { echo "$(ls -A "$1" | tr '\n' ' ')"; }
# killed POINT DB ARGS...: runs fahras-index --db DB ARGS with POINT armed; it must die
# there (SIGKILL: exit status 137). Then DB must pass xapian-check and answer a search.
killed() {
    point=$1
    db=$2
    shift 2
    # The shell that sees its child killed says so on its stderr, which is the child's if
    # the child's redirection is the shell's: a subshell's, to /dev/null, say it instead.
    (FAHRAS_FAULT_AT=$point sh -c 'exec "$@" 2>err.txt' sh "$index" --db "$db" "$@"
        exit $?) 2>/dev/null
    status=$?
    if [ "$status" -eq 137 ]; then echo "killed at $point"; else echo "not killed: exit $status"; fi
    cat err.txt
    checked "$db"
}
checked() {
    if xapian-check "$1/XAPIANDB" >check.log 2>&1; then echo "xapian-check: ok"; else
        echo "xapian-check: failed"
        cat check.log
    fi
    "$search" --db "$1" --format tsv مدينة >/dev/null 2>err.txt
    echo "search: exit $?"
    cat err.txt
    echo "documents: $(count "$1")"
}
# next DB ARGS...: the next run, not killed.
next() {
    db=$1
    shift
    "$index" --db "$db" "$@" 2>err.txt
    echo "next run: exit $?"
    cat err.txt
    checked "$db"
    echo "left: $(listing "$db")"
}
# The stub's mtime a few minutes back: the last swap is past the grace period.
age_stub() { touch -d '5 minutes ago' "$1/XAPIANDB"; }
marked() {
    if [ -e "$1/fahras-unfinished" ]; then echo "$1: marked unfinished"; else echo "$1: unmarked"; fi
}

part 1
part 2
case $case in
clean)  # a run killed while removing what a killed rebuild left
    "$index" --db db --batch-size 10 part-1.jsonl || exit 99
    (FAHRAS_FAULT_AT=before-swap "$index" --db db --rebuild part-1.jsonl part-2.jsonl; exit $?) 2>/dev/null
    echo "left by a killed rebuild: $(listing db)"
    killed clean db part-1.jsonl part-2.jsonl
    marked db/gen-000002
    next db part-1.jsonl part-2.jsonl
    ;;
before-swap)  # a rebuild killed with the new stub written, not yet renamed
    "$index" --db db --batch-size 10 part-1.jsonl || exit 99
    killed before-swap db --rebuild part-1.jsonl part-2.jsonl
    echo "left: $(listing db)"
    marked db/gen-000002
    next db part-1.jsonl part-2.jsonl
    ;;
after-swap)  # a rebuild killed just after the swap: the new generation is live
    "$index" --db db --batch-size 10 part-1.jsonl || exit 99
    killed after-swap db --rebuild part-1.jsonl part-2.jsonl
    marked db/gen-000002
    next db part-1.jsonl part-2.jsonl
    marked db/gen-000002
    ;;
generation-cleanup)  # a run killed while deleting the generation a rebuild replaced
    "$index" --db db --batch-size 10 part-1.jsonl || exit 99
    "$index" --db db --rebuild part-1.jsonl part-2.jsonl || exit 99
    age_stub db
    killed generation-cleanup db part-1.jsonl part-2.jsonl
    marked db/gen-000001
    next db part-1.jsonl part-2.jsonl
    ;;
prune-vanished)  # --force-prune killed before removing the documents of a SOURCE that is gone
    "$index" --db db --batch-size 10 part-1.jsonl part-2.jsonl || exit 99
    rm part-2.jsonl
    # All of a SOURCE's documents: more than half, which needs --force-prune.
    killed prune db --force-prune part-1.jsonl
    next db --force-prune part-1.jsonl
    ;;
prune-source)  # --prune killed before removing the documents a SOURCE no longer holds
    "$index" --db db --batch-size 10 part-1.jsonl part-2.jsonl || exit 99
    part 2 30
    killed prune db --prune part-1.jsonl part-2.jsonl
    next db --prune part-1.jsonl part-2.jsonl
    ;;
merge)  # --merge killed after compacting the shards, before the swap
    part 3
    "$index" --db s0 --shard 0/2 part-1.jsonl part-2.jsonl || exit 99
    "$index" --db s1 --shard 1/2 part-1.jsonl part-2.jsonl || exit 99
    "$index" --db m --merge s0 s1 || exit 99
    "$index" --db s0 --shard 0/2 part-1.jsonl part-2.jsonl part-3.jsonl || exit 99
    "$index" --db s1 --shard 1/2 part-1.jsonl part-2.jsonl part-3.jsonl || exit 99
    killed merge m --merge --rebuild s0 s1
    marked m/gen-000002
    next m --merge --rebuild s0 s1
    ;;
variants)  # an update killed after its last commit, before the variant groups are rewritten
    printf '{"id": "n1", "text": "ترامب في موسكو"}\n{"id": "n2", "text": "ترامب في واشنطن"}\n' \
        >names.jsonl
    printf '{"id": "v1", "text": "ترمب في باريس"}\n' >variant.jsonl
    "$index" --db db part-1.jsonl names.jsonl || exit 99
    killed variants db part-1.jsonl names.jsonl variant.jsonl
    echo "variants stale: '$(xapian-metadata get db/XAPIANDB fahras:variants-stale)'"
    echo "ترمب finds: $("$search" --db db --format tsv ترمب | sed 1d | cut -f4 | sort | tr '\n' ' ')"
    # Nothing changed since: only the flag makes this run rewrite the groups.
    next db part-1.jsonl names.jsonl variant.jsonl
    echo "variants stale: '$(xapian-metadata get db/XAPIANDB fahras:variants-stale)'"
    echo "ترمب finds: $("$search" --db db --format tsv ترمب | sed 1d | cut -f4 | sort | tr '\n' ' ')"
    ;;
*)
    echo "unknown case '$case'" >&2
    exit 99
    ;;
esac
