#!/bin/sh
# swap_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR CORPUS
#
# Indexes CORPUS, then rebuilds the index 10 times in the background while searching it in
# a loop: every search must succeed with the same hit (the old index or the new one, never
# an error). Prints the failed searches, then "rebuilds: N ok" and "failed searches: N".
index=$1
search=$2
work=$3
corpus=$4
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99
"$index" --db db "$corpus" || exit 99

(
    ok=0
    for i in 1 2 3 4 5 6 7 8 9 10; do
        "$index" --db db --rebuild "$corpus" && ok=$((ok + 1))
    done
    echo "rebuilds: $ok ok" > rebuilt
) &
rebuilds=$!

searches=0
failed=0
until [ -f rebuilt ]; do
    out=$("$search" --db db --format tsv خودوركوفسكي 2>&1)
    status=$?
    searches=$((searches + 1))
    if [ "$status" -ne 0 ] || [ "$(printf '%s\n' "$out" | sed 1d | cut -f4)" != 001_36b1b46c6597c04a.txt ]; then
        failed=$((failed + 1))
        printf 'search %s: exit %s: %s\n' "$searches" "$status" "$out"
    fi
done
wait "$rebuilds"
cat rebuilt
echo "failed searches: $failed"
echo "$searches searches" > searches
