#!/bin/sh
# ranking_test.sh FAHRAS_INDEX FAHRAS_SEARCH WORKDIR
#
# --ranking and the BM25 parameters, end to end. Two documents hold نهر: "long" twice among
# 16 words, "short" once among 2; filler documents hold بحر. Prints the order of the two
# under each option, then which weighting --ranking auto chose at 999 documents and at 1,000
# (kDlhMinDocuments: DLH from 1,000 documents on, BM25 below).
index=$1
search=$2
work=$3
rm -rf "$work"
mkdir -p "$work/src" || exit 99
cd "$work" || exit 99

printf 'نهر مدينة\n' >src/short.txt
printf 'نهر نهر شجر جبل ورق قلم كتاب باب سقف حائط ارض سماء نجم قمر شمس\n' >src/long.txt
# 997 filler documents: 999 in all.
awk 'BEGIN { for (i = 0; i < 997; i++) printf "{\"id\":\"sea%d\",\"text\":\"بحر\"}\n", i }' \
    >sea.jsonl
"$index" --db db --threads 1 src sea.jsonl || exit 99

# ids DB OPTIONS...: the hits' ids for نهر, on one line.
ids() {
    db=$1
    shift
    "$search" --db "$db" --format tsv "$@" نهر | sed 1d | cut -f4 | sed 's/[.]txt$//' | paste -s -d' ' -
}
# scores OPTIONS...: the hits' scores for نهر.
scores() { "$search" --db db --format tsv "$@" نهر | sed 1d | cut -f3 | paste -s -d' ' -; }

echo "bm25: $(ids db --ranking bm25)"
# No length normalization: two occurrences outweigh one, however long the document.
echo "bm25-b 0: $(ids db --ranking bm25 --bm25-b 0)"
echo "bm25-b 1: $(ids db --ranking bm25 --bm25-b 1)"
# No term-frequency component: both documents weigh the word's idf alone.
echo "bm25-k1 0: $(scores --ranking bm25 --bm25-k1 0 | awk '{ print NF, ($1 == $2 ? "equal" : "different"), "scores" }')"
# DLH weighs the word's frequency against what the document's length predicts.
echo "dlh: $(ids db --ranking dlh)"

# chosen DB: which weighting --ranking auto gave (its scores equal those of that one).
chosen() {
    auto=$(scores --ranking auto)
    if [ "$auto" = "$(scores --ranking dlh)" ] && [ "$auto" != "$(scores --ranking bm25)" ]; then
        echo dlh
    elif [ "$auto" = "$(scores --ranking bm25)" ] && [ "$auto" != "$(scores --ranking dlh)" ]; then
        echo bm25
    else
        echo "neither: auto $auto"
    fi
}
# count: the documents in the index, as --stats reports them.
count() { "$index" --db db --stats --threads 1 src sea.jsonl | sed 's/.* holds \([0-9]*\) documents,.*$/\1/'; }
echo "auto at $(count) documents: $(chosen)"
printf '{"id":"sea-last","text":"بحر"}\n' >>sea.jsonl
echo "auto at $(count) documents: $(chosen)"
