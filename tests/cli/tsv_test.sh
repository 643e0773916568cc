#!/bin/sh
# tsv_test.sh INDEX SEARCH WORKDIR
#
# fahras-search --format tsv as a spreadsheet user meets it (issue #19): prints the TSV of
# four documents whose titles a spreadsheet would misread unquoted (one begins with a
# double quote, one with '=', one with '-', one holds a tab and a line break) and whose
# source begins with '@', then the titles as Python's csv reader reads them back (the
# RFC 4180 dialect that pandas and LibreOffice's import also follow).
index=$(realpath "$1")
search=$(realpath "$2")
rm -rf "$3" && mkdir -p "$3" && cd "$3" || exit 99
cat > news.jsonl <<'JSONL'
{"id":"q1","text":"مدينة مدينة مدينة","title":"\"لا\" للحرب، قال","date":"2019-01-02","source":"Okaz","url":"https://example.org/1"}
{"id":"f1","text":"مدينة مدينة","title":"=1+1 مدينة"}
{"id":"m1","text":"مدينة","title":"-5 درجات في مدينة"}
{"id":"t1","text":"مدينة","title":"مدينة\tفي\nالعنوان","source":"@أخبار"}
JSONL
"$index" --db db --threads 1 news.jsonl || exit 99
"$search" --db db --format tsv --ranking auto --rerank 0 --facets source مدينة > hits.tsv || exit 99
cat hits.tsv
echo '--- read back'
python3 - hits.tsv <<'PY'
import csv
import sys

with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f, delimiter="\t"))
for row in rows[1:5]:
    print(" | ".join(row[3:8]))
PY
