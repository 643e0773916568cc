#!/bin/sh
# gzip_test.sh INDEX SEARCH WORKDIR
#
# fahras-index reads gzip-compressed sources (issue #19): .jsonl.gz, .txt.gz, .html.gz and
# .tsv.gz named directly, .txt.gz below a directory, JSONL from `zcat ... | fahras-index -`;
# a .csv.gz is refused as a .csv is. Then a cut-off .jsonl.gz: the lines before the damage
# are indexed, one warning names the file and the line reached, the next source is read,
# and --prune removes nothing of the damaged file.
index=$(realpath "$1")
search=$(realpath "$2")
rm -rf "$3" && mkdir -p "$3/dir" && cd "$3" || exit 99
printf '{"id":"j1","text":"مدينة"}\n{"id":"j2","text":"مدينة كبيرة"}\n' | gzip -n > news.jsonl.gz
printf 'عنوان\nمدينة صغيرة\n' | gzip -n > a.txt.gz
printf '<html><title>صفحة</title><body><p>مدينة</p></body></html>\n' | gzip -n > p.html.gz
printf 't1\tمدينة\n' | gzip -n > d.tsv.gz
printf 'id,text\nc1,مدينة\n' | gzip -n > c.csv.gz
printf 'مدينة\n' | gzip -n > dir/b.txt.gz
"$index" --db db --threads 1 news.jsonl.gz a.txt.gz p.html.gz d.tsv.gz c.csv.gz dir
echo "exit $?"
zcat news.jsonl.gz | sed 's/j\([12]\)/s\1/' | "$index" --db db -
echo "stdin: exit $?"
"$search" --db db --format tsv مدينة | sed 1d | cut -f4,5 | sort
echo '--- damaged'
# Three records, the gzip trailer (CRC-32 and length, 8 bytes) cut off: every record is
# there, the file's end is not.
printf '{"id":"k1","text":"بلدة"}\n{"id":"k2","text":"بلدة"}\n{"id":"k3","text":"بلدة"}\n' |
    gzip -n | head -c -8 > cut.jsonl.gz
printf '{"id":"n1","text":"بلدة"}\n' > next.jsonl
"$index" --db cut --stats cut.jsonl.gz next.jsonl
echo "exit $?"
# Now only two records, cut off again: k3 stays, the file could not be read to its end.
printf '{"id":"k1","text":"بلدة"}\n{"id":"k2","text":"بلدة"}\n' | gzip -n | head -c -8 > cut.jsonl.gz
"$index" --db cut --stats --prune cut.jsonl.gz next.jsonl
echo "exit $?"
"$search" --db cut --format tsv بلدة | sed 1d | cut -f4 | sort | paste -s -d' ' -
