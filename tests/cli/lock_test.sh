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
# Opening the FIFO for writing returns once the first indexer has opened it for reading,
# which it does only after taking the index's lock.
exec 3>slow.txt

"$index" --db db "$corpus"
echo "second: $?"

echo "بوتين" >&3
exec 3>&-
wait "$first"
echo "first: $?"
