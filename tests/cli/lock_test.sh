#!/bin/sh
# lock_test.sh FAHRAS_INDEX WORKDIR CORPUS
#
# Starts one indexer that holds the index's lock while it blocks reading a FIFO, runs a
# second indexer on the same index (it must fail at once), then feeds the FIFO so that
# the first one finishes. Prints "second: CODE" and "first: CODE".
index=$1
work=$2
corpus=$3
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99
mkfifo slow.txt || exit 99

"$index" --db db slow.txt &
first=$!
# The database files exist once the first indexer has opened it and holds the lock.
tries=0
until [ -f db/iamglass ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then echo "first indexer did not open the index" >&2; exit 99; fi
    sleep 0.1
done

"$index" --db db "$corpus"
echo "second: $?"

echo "بوتين" > slow.txt
wait "$first"
echo "first: $?"
