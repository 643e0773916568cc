#!/bin/sh
# kill_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR [KILLS]
#
# Kills fahras-index with SIGKILL at random moments, KILLS times (default 20), each run
# over one more JSONL file than the last (updates committing every 20 documents; every
# fourth run a --rebuild). After each kill the index must open and pass xapian-check, a
# search must work, and the index must hold at least as many documents as before the kill
# (nothing committed is lost). A last run, not killed, must then index everything.
index=$(realpath "$1")
search=$(realpath "$2")
work=$3
kills=${4:-20}
rm -rf "$work"
mkdir -p "$work/src" || exit 99
cd "$work" || exit 99

# part-K.jsonl: 150 documents "K-N" of a few dozen Arabic words each.
make_part() {
    awk -v k="$1" 'BEGIN {
        split("مدينة قرية بحر نهر جبل سوق مدرسة كتاب رئيس وزير حكومة شعب", w, " ")
        for (n = 0; n < 150; n++) {
            text = ""
            for (j = 0; j < 40; j++) text = text " " w[1 + (n * 7 + j * 3 + k) % 12]
            printf "{\"id\": \"%s-%d\", \"text\": \"%s\"}\n", k, n, text
        }
    }' > "src/part-$1.jsonl"
}

count() {
    xapian-delve db/XAPIANDB 2>/dev/null | sed -n 's/^number of documents = //p'
}

before=0
hits=0
span=0.3
i=1
while [ "$i" -le "$kills" ]; do
    make_part "$i"
    mode=""
    if [ $((i % 4)) -eq 0 ]; then mode=--rebuild; fi
    delay=$(awk -v s="$i$$" -v d="$span" 'BEGIN { srand(s); printf "%.3f", rand() * d }')
    "$index" --db db --batch-size 20 --threads 2 $mode src/*.jsonl 2>"kill-$i.err" &
    pid=$!
    sleep "$delay"
    # The span of the random delay adapts to the machine's speed: halved when the indexer
    # had already finished, widened when the kill landed, so that kills land on a fast idle
    # machine as on a slow loaded one.
    if kill -9 "$pid" 2>/dev/null; then
        hits=$((hits + 1))
        span=$(awk -v d="$span" 'BEGIN { d *= 1.1; if (d > 2) d = 2; printf "%.3f", d }')
    else
        span=$(awk -v d="$span" 'BEGIN { printf "%.3f", d / 2 }')
    fi
    wait "$pid" 2>/dev/null
    if [ -f db/XAPIANDB ]; then
        if ! xapian-check db/XAPIANDB >"check-$i.log" 2>&1; then
            echo "kill $i (after ${delay}s $mode): xapian-check failed"; cat "check-$i.log"; exit 1
        fi
        "$search" --db db مدينة >/dev/null 2>"search-$i.err"
        status=$?
        if [ "$status" -gt 1 ]; then
            echo "kill $i (after ${delay}s $mode): search exit $status"; cat "search-$i.err"; exit 1
        fi
        now=$(count)
        if [ "$now" -lt "$before" ]; then
            echo "kill $i (after ${delay}s $mode): $now documents, $before before"; exit 1
        fi
        before=$now
    fi
    i=$((i + 1))
done
# Most kills must land in a running indexer, or the test tests nothing.
if [ "$hits" -lt $((kills / 2)) ]; then echo "only $hits of $kills kills hit a running indexer"; fi
echo "$kills kills: the index opened, passed xapian-check and lost nothing each time"

"$index" --db db --batch-size 20 src/*.jsonl
echo "last run: exit $?, $(count) documents"
xapian-check db/XAPIANDB >/dev/null && echo "xapian-check: ok"
