#!/bin/sh
# remote_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR DATA_DIR
#
# Sharded and remote search on loopback. Indexes DATA_DIR whole, and as two shards
# (--shard 0/2, 1/2); merges the shards (--merge); serves each shard with its own
# xapian-tcpsrv; then runs every query below on the single index and on
#   remote: a stub listing the two remote shards,
#   mixed:  a stub listing shard 0 on disk and shard 1 remote,
#   merged: the merged shards,
# and prints one line per database: whether each query's ranking (ids and scores, all the
# matches, so the top 10 included) and its text output (snippets of remote documents) are
# those of the single index. Equal scores are compared as a set: Xapian orders them by
# its docid, which differs with the split. Both servers are stopped however the test ends.
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv missing: apt-get install xapian-tools" >&2; exit 99; }
index=$1
search=$2
work=$3
data=$4
rm -rf "$work"
mkdir -p "$work" || exit 99
cd "$work" || exit 99

pids=""
cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null; done
    for pid in $pids; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 99' HUP INT TERM

"$index" --db all "$data" || exit 99
"$index" --db s0 --shard 0/2 "$data" || exit 99
"$index" --db s1 --shard 1/2 "$data" || exit 99
"$index" --db merged --merge s0 s1 || exit 99

# serve DB: starts xapian-tcpsrv on a free port of 127.0.0.1 (trying random ones until one
# is free), waits until it listens, and sets $port.
serve() {
    tries=0
    while [ "$tries" -lt 20 ]; do
        tries=$((tries + 1))
        port=$(awk 'BEGIN { srand(); printf "%d", 20000 + rand() * 40000 }')
        port=$((port + tries))
        log=$work/srv-$1-$port.log
        : >"$log"  # exists before the server writes to it
        # A session of its own: on SIGTERM, xapian-tcpsrv signals its whole process group.
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" >"$log" 2>&1 &
        pid=$!
        pids="$pids $pid"
        # Poll for "Listening..." or the server's exit (port taken): no fixed sleeps.
        waited=0
        while kill -0 "$pid" 2>/dev/null && ! grep -q Listening "$log"; do
            waited=$((waited + 1))
            if [ "$waited" -gt 600 ]; then echo "xapian-tcpsrv did not start" >&2; exit 99; fi
            sleep 0.05
        done
        if grep -q Listening "$log" && kill -0 "$pid" 2>/dev/null; then return 0; fi
    done
    echo "no free port for xapian-tcpsrv" >&2
    exit 99
}
serve s0
p0=$port
serve s1
p1=$port
printf '# two shards, each served by xapian-tcpsrv\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' \
    "$p0" "$p1" >remote
printf 'auto s0\nremote 127.0.0.1:%s\n' "$p1" >mixed

# ranking DB QUERY: "id score" per match, best first, equal scores in id order. Spelling
# variants come from an index's synonym table, which Xapian's remote protocol does not
# carry: as the README says, remote shards are searched with --no-variants.
ranking() {
    "$search" --db "$1" --no-variants --format trec -n 100 "$2" | awk '{ print $5, $3 }' |
        sort -k1,1gr -k2,2
}

cat >queries <<'EOF'
الرئيس
الرئيس السواحل الصيادين مستشفى كتاب
ترامب أمريكا البتراء الحكومة
الإمارات المدينة السكان الصحيفة
ذهب المدرسة
احمد ابراهيم المؤتمر
الله السلام
في من على
"وصل الرئيس"
"الرئيس إلى موسكو"
الرئيس -موسكو
موسكو OR المدرسة
مدرس*
title:زيارة
EOF
nq=$(wc -l <queries)
for db in remote mixed merged; do
    same=0
    while IFS= read -r q; do
        if [ "$(ranking all "$q")" = "$(ranking "$db" "$q")" ] &&
            [ -n "$(ranking "$db" "$q")" ]; then
            same=$((same + 1))
        else
            echo "$db: '$q' differs:" >&2
            ranking all "$q" >&2
            echo "--- $db" >&2
            ranking "$db" "$q" >&2
        fi
    done <queries
    # A query with one hit: its whole text output (title, snippet, score) must be the same.
    text_same=no
    if [ "$("$search" --db all --no-variants 'المؤتمر')" = \
        "$("$search" --db "$db" --no-variants 'المؤتمر')" ]; then
        text_same=yes
    fi
    echo "$db: $same of $nq rankings as one index, text output the same: $text_same"
done
# exact: checks each hit's stored text in the searcher's process, which Xapian's remote
# protocol cannot do for a remote shard: the query gets an error line, and exit 2.
for db in remote mixed; do
    err=$("$search" --db "$db" --no-variants 'exact:الرئيس' 2>&1 >/dev/null)
    echo "$db: exact: exit $?, $err"
done
