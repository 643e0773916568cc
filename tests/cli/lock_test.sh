#!/bin/sh
# lock_test.sh FAHRAS_INDEX WORKDIR CORPUS
#
# Starts one indexer that holds the index's lock while it blocks writing warnings to a
# FIFO nobody reads (5,000 malformed JSONL lines: more than a pipe holds), runs a second
# indexer on the same index (it must fail at once), then drains the FIFO so that the first
# one finishes. Prints "second: CODE" and "first: CODE" (1: it had warnings to give).
index=$1
work=$2
corpus=$3
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99
mkfifo warnings || exit 99
awk 'BEGIN { for (n = 0; n < 5000; n++) print "not json " n }' > bad.jsonl

"$index" --db db bad.jsonl 2>warnings &
first=$!
exec 3<warnings
# The first warning comes after the lock is taken; the pipe then fills and the first
# indexer waits, holding the lock, until the FIFO is read again.
read -r line <&3

"$index" --db db "$corpus"
echo "second: $?"

cat <&3 >/dev/null
wait "$first"
echo "first: $?"
