#!/bin/sh
# fault_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR CORPUS
#
# A full disk and a read-only file system under an index. Runs itself again in a user and
# mount namespace (unshare -rm, no privileges needed) to mount a small tmpfs; exits 77
# (skipped) where namespaces are not allowed. Prints each case's exit code and message,
# and whether the previous index is intact (same hit, xapian-check).
index=$(realpath "$1")
search=$(realpath "$2")
work=$3
corpus=$(realpath "$4")
if [ -z "$FAHRAS_FAULT_INNER" ]; then
    rm -rf "$work"
    mkdir -p "$work/mnt" || exit 99
    if ! unshare -rm true 2>/dev/null; then
        echo "unshare -rm is not allowed here: test skipped" >&2
        exit 77
    fi
    FAHRAS_FAULT_INNER=1 exec unshare -rm sh "$0" "$@"
fi
cd "$work" || exit 99

# 2,000 documents of 2 KB: much more than the 1 MB left on the tmpfs.
awk 'BEGIN {
    for (n = 0; n < 2000; n++) {
        text = ""
        for (j = 0; j < 200; j++) text = text " كلمة" (n * 200 + j)
        printf "{\"id\": \"big-%d\", \"text\": \"%s\"}\n", n, text
    }
}' > big.jsonl

# xapian-check opens tables read-write: on the read-only file system, a search and the
# document count show the index instead.
intact() {
    hit=$("$search" --db mnt/db --format tsv خودوركوفسكي | sed 1d | cut -f4)
    if [ "$1" = ro ]; then
        check() { xapian-delve mnt/db/XAPIANDB | grep -qx 'number of documents = 5'; }
    else
        check() { xapian-check mnt/db/XAPIANDB >/dev/null 2>&1; }
    fi
    if [ "$hit" = 001_36b1b46c6597c04a.txt ] && check; then
        echo "previous index intact"
    else
        echo "previous index damaged: hit '$hit'"
    fi
}

mount -t tmpfs -o size=1m tmpfs mnt || exit 99
"$index" --db mnt/db "$corpus" || exit 99

"$index" --db mnt/db big.jsonl 2>err.txt
echo "update on a full disk: exit $?"
sed 's/[0-9][0-9]*/N/g' err.txt
intact

"$index" --db mnt/db --rebuild "$corpus" big.jsonl 2>err.txt
echo "rebuild on a full disk: exit $?"
sed 's/[0-9][0-9]*/N/g' err.txt
intact
ls mnt/db | sed "s/[0-9][0-9]*/N/g"

mount -o remount,ro mnt || exit 99
"$index" --db mnt/db big.jsonl 2>err.txt
echo "update on a read-only file system: exit $?"
cat err.txt
intact ro
