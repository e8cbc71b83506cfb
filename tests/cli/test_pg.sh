#!/bin/sh
# test_pg.sh BUILD -- the PostgreSQL store against a real server: the test
# starts one (initdb, pg_ctl; tests/cli/pg_server.sh) on a loopback port in
# a temporary folder and stops it after.  ingest (batches by COPY, -j 2),
# idempotent re-ingest, the mentions equal to `kabar code`'s records and
# to the SQLite store's count, partitions by event month, search with the
# `indonesian` configuration; merged events (with --mentions, --near),
# dyads, conflicts and every export format printing exactly as the SQLite
# store's for the same input, and `kabar serve` answering every route with
# the same JSON.  Skips, saying why, only when the server binaries are
# missing.  Prints "# pg: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"
. tests/cli/pg_server.sh
trap 'pg_stop; rm -rf "$t"' EXIT

pg_start
case $? in
1)
  echo "skipped: $PG_SKIP"
  echo "# pg: 0 passed, 0 failed"
  exit 0
  ;;
2)
  fail "PostgreSQL did not start: $(tail -5 "$PG_LOG" 2>/dev/null)"
  finish pg
  exit
  ;;
esac
psql() { command "$PG_BIN/psql" -qAt "$PG_URI" -c "$1"; }

sh tests/cli/gen_news.sh 300 11 >"$t/news.jsonl"
cat >"$t/dua.jsonl" <<'EOF2'
{"id":"k1","outlet":"contoh.id","date":"2024-03-20","title":"Jepang Kecam Peluncuran Rudal","text":"Pemerintah Jepang mengecam peluncuran rudal balistik Korea Utara pada Senin. Para nelayan di pesisir diminta waspada."}
{"id":"k2","outlet":"berita.id","date":"2024-03-21","title":"Pertemuan Menteri","text":"Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Malaysia di Jakarta untuk membahas perbatasan."}
{"id":"k3","outlet":"berita.id","date":"2024-03-22","title":"Kabar Malam","text":"Militer Israel menyerang sebuah kamp pengungsi di Gaza pada Kamis malam."}
EOF2

"$kabar" ingest -r 2024-06-01 --batch 37 --db "$PG_URI" "$t/news.jsonl" "$t/dua.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "ingest (broken lines make it 1)"
contains "$t/err" "ingested 291 new articles (0 already stored)" "ingest summary"
n=$(psql "SELECT count(*) FROM articles")
if [ "$n" = 291 ]; then ok; else fail "articles: $n, want 291"; fi

# the mentions are kabar code's records, byte for byte
"$kabar" code -q -r 2024-06-01 "$t/news.jsonl" "$t/dua.jsonl" 2>/dev/null | sort >"$t/code.txt"
psql "SELECT record FROM mentions" | sort >"$t/pg.txt"
n=$(wc -l <"$t/pg.txt")
if [ "$n" -gt 1000 ]; then ok; else fail "only $n mentions"; fi
same "$t/code.txt" "$t/pg.txt" "PostgreSQL mentions = kabar code records"

# the same count as the SQLite store's
if command -v sqlite3 >/dev/null 2>&1; then
  "$kabar" ingest -q -r 2024-06-01 --db "$t/s.db" "$t/news.jsonl" "$t/dua.jsonl" 2>/dev/null
  a=$(sqlite3 "$t/s.db" "SELECT count(*) || '/' || (SELECT count(*) FROM mentions) FROM articles")
  b=$(psql "SELECT count(*) || '/' || (SELECT count(*) FROM mentions) FROM articles")
  if [ "$a" = "$b" ]; then ok; else fail "articles/mentions: SQLite $a, PostgreSQL $b"; fi
fi

# idempotent, also on N threads and in other batches
"$kabar" ingest -r 2024-06-01 -j 2 --batch 11 --db "$PG_URI" "$t/news.jsonl" "$t/dua.jsonl" >"$t/out" 2>"$t/err"
contains "$t/err" "ingested 0 new articles (291 already stored), 0 mentions" "ingest again adds nothing"
psql "SELECT record FROM mentions" | sort >"$t/pg2.txt"
same "$t/pg.txt" "$t/pg2.txt" "ingest again: the same mentions"

# two ingests at once into a new database (schema, partitions, articles
# both have): the same mentions as one
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U kabar two
uri2="postgresql://kabar@127.0.0.1:$PG_PORT/two"
"$kabar" ingest -q -r 2024-06-01 --batch 20 --db "$uri2" "$t/news.jsonl" "$t/dua.jsonl" 2>"$t/err1" &
p1=$!
"$kabar" ingest -q -r 2024-06-01 --batch 7 --db "$uri2" "$t/dua.jsonl" "$t/news.jsonl" 2>"$t/err2"
rc2=$?
wait $p1
rc1=$?
if [ $rc1 -le 1 ] && [ $rc2 -le 1 ] && ! grep -qv "invalid JSON" "$t/err1" "$t/err2"; then ok; else fail "two ingests at once: $rc1 $rc2 $(grep -hv 'invalid JSON' "$t/err1" "$t/err2" | head -3)"; fi
command "$PG_BIN/psql" -qAt "$uri2" -c "SELECT record FROM mentions" | sort >"$t/pg3.txt"
same "$t/pg.txt" "$t/pg3.txt" "two ingests at once: the mentions of one"

# partitioned by event month
n=$(psql "SELECT count(DISTINCT tableoid) FROM mentions")
if [ "$n" -ge 6 ]; then ok; else fail "mention partitions: $n"; fi
# (-r 2024-06-01: "pada Senin" is 2024-05-27)
n=$(psql "SELECT count(*) FROM mentions_2024_05 WHERE record_id = 'k1:0:1' AND source_code = 'JPNGOV' AND date = '2024-05-27'")
if [ "$n" = 1 ]; then ok; else fail "Japan's mention of 2024-05-27 not in mentions_2024_05"; fi
n=$(psql "SELECT count(*) FROM pg_inherits WHERE inhparent = 'mentions'::regclass")
m=$(psql "SELECT count(DISTINCT kabar_month(date)) FROM mentions")
if [ "$n" = "$m" ]; then ok; else fail "partitions $n, months $m"; fi

# search: the indonesian configuration stems (serangan and menyerang are
# serang; k3's title has neither word)
"$kabar" search --db "$PG_URI" -f jsonl --limit 5 serangan pengungsi >"$t/out" 2>"$t/err"; rc=$?
expect 0 "search"
contains "$t/out" '"doc":"k3"' "search finds the article through stems"
"$kabar" search --db "$PG_URI" -f jsonl --limit 5 kecam rudal >"$t/out" 2>"$t/err"; rc=$?
contains "$t/out" '"doc":"k1"' "search: words of the title"
n=$(wc -l <"$t/out")
if [ "$n" -le 5 ]; then ok; else fail "search --limit 5: $n rows"; fi
"$kabar" search --db "$PG_URI" -f jsonl --limit 0 serang >"$t/out"
n=$(wc -l <"$t/out")
if [ "$n" -gt 5 ]; then ok; else fail "search --limit 0 gives all: $n rows"; fi
"$kabar" search --db "$PG_URI" -f jsonl perbatasan >"$t/out"
contains "$t/out" '"doc":"k2"' "search: a word of the body"

# merged events, dyads and conflicts: the same input in SQLite and in a
# new PostgreSQL database prints the same lines in every format (the
# merge, near-duplicates and claims of docs/STORE.md run in both).  The
# fixture adds a syndicated copy (p2 of p1), two onset claims that
# conflict (2014 and 2022-02 for UKR) and a negated event.
cat >"$t/extra.jsonl" <<'EOF2'
{"id":"p1","outlet":"kabarsatu.id","date":"2024-03-04","title":"Rusia Serang Kota Pelabuhan Ukraina","text":"Militer Rusia menyerang kota pelabuhan Odesa di Ukraina pada Minggu malam dengan puluhan pesawat nirawak. Sejak invasi Rusia ke Ukraina pada Februari 2022, kota itu berulang kali menjadi sasaran. Pemerintah Ukraina mengecam serangan tersebut dan meminta bantuan pertahanan udara tambahan dari sekutu Barat."}
{"id":"p2","outlet":"beritadua.id","date":"2024-03-04","title":"Rusia Serang Kota Pelabuhan Ukraina","text":"Militer Rusia menyerang kota pelabuhan Odesa di Ukraina pada Minggu malam dengan puluhan pesawat nirawak. Sejak invasi Rusia ke Ukraina pada Februari 2022, kota itu berulang kali menjadi sasaran. Pemerintah Ukraina mengecam serangan tersebut dan meminta bantuan pertahanan udara tambahan dari sekutu Barat."}
{"id":"p3","outlet":"harian.id","date":"2024-03-06","title":"Ukraina Minta Bantuan","text":"Presiden Ukraina meminta bantuan senjata kepada Amerika Serikat pada Selasa. Ia mengatakan sejak dimulainya perang di Ukraina pada 2014 lalu, negaranya kehilangan banyak wilayah."}
{"id":"p4","outlet":"kabarsatu.id","date":"2024-03-07","title":"Jepang Kecam Korea Utara","text":"Pemerintah Jepang mengecam peluncuran rudal balistik Korea Utara. Korea Utara tidak menyerang kapal Jepang, kata juru bicara."}
EOF2
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U kabar ev
uri3="postgresql://kabar@127.0.0.1:$PG_PORT/ev"
"$kabar" ingest -q -r 2024-06-01 --batch 50 --db "$uri3" "$t/extra.jsonl" "$t/news.jsonl" 2>/dev/null
"$kabar" ingest -q -r 2024-06-01 --db "$t/ev.db" "$t/extra.jsonl" "$t/news.jsonl" 2>/dev/null
psql3() { command "$PG_BIN/psql" -qAt "$uri3" -c "$1"; }
n=$(psql3 "SELECT count(*) FROM events")
if [ "${n:-0}" -gt 1000 ]; then ok; else fail "events in PostgreSQL: $n"; fi
both() { # what: the command's output from both stores, then compared
  what=$1
  shift
  "$kabar" "$@" --db "$t/ev.db" >"$t/s.out" 2>&1
  "$kabar" "$@" --db "$uri3" >"$t/p.out" 2>&1
  if [ -s "$t/s.out" ]; then ok; else fail "$what: empty SQLite output"; fi
  same "$t/s.out" "$t/p.out" "$what: PostgreSQL = SQLite"
}
for f in jsonl csv gdelt table; do
  both "events -f $f" events -f "$f"
done
both "events --negated" events --negated -f csv
both "events --actor RUS --from --to" events --actor RUS --from 2024-01-01 --to 2024-05-31
both "events --source --code --limit" events --source ISR --code 1 --limit 7
both "events --actor --limit (a page of each side)" events --actor RUS --limit 20 -f csv
both "events --actor RUSGOV (a code prefix)" events --actor RUSGOV -f csv
both "events --source --target" events --source RUS --target UKR --limit 5 -f csv
both "events --min-sources 2" events --min-sources 2 -f csv
both "events --root --quad" events --root 19 --quad 4 -f csv
both "events --country" events --country IS -f csv
for by in day week month all; do
  both "dyads --by $by" dyads --by $by -f csv
done
both "dyads --actor RUS" dyads --actor RUS --by month -f csv
both "dyads --code (from events)" dyads --code 19 --by month -f csv
both "dyads --source --quad" dyads --source ISR --quad 4 -f jsonl
for f in jsonl csv table; do
  both "conflicts -f $f" conflicts -f "$f"
done
contains "$t/p.out" "2014 vs 2022-02" "the onset conflict found on PostgreSQL"
n=$(psql3 "SELECT count(*) FROM articles WHERE cluster_id <> id")
if [ "$n" = 1 ]; then ok; else fail "near-duplicates in PostgreSQL: $n, want 1 (p2)"; fi
# the stored counts equal a recount from the evidence (docs/STORE.md)
n=$(psql3 "SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM mentions m WHERE m.event_id = e.id) OR num_articles <> (SELECT count(*) FROM event_articles x WHERE x.event_id = e.id)")
if [ "$n" = 0 ]; then ok; else fail "$n events whose counts differ from a recount"; fi
# ingesting again (other batches) changes nothing
"$kabar" ingest -q -r 2024-06-01 --batch 13 --db "$uri3" "$t/news.jsonl" "$t/extra.jsonl" 2>/dev/null
both "events after a second ingest" events -f csv

# events --mentions and --near, export in every format: the same lines
both "events --mentions -f jsonl" events --mentions -f jsonl
both "events --mentions -f csv" events --mentions -f csv
both "events --mentions -f gdelt" events --mentions -f gdelt
both "events --mentions -f table" events --mentions -f table
both "events --actor --mentions (a query inside a query)" events --actor UKR --mentions -f jsonl
both "events --near" events --near 46.48,30.73,100 -f csv
both "events --near --country --mentions" events --near 39.03,125.75,400 --country KN --mentions -f jsonl
contains "$t/p.out" '"mentions":[' "events --mentions: the mentions inside the event"
both "events --near (far from anything)" events --near -60,-30,50 -f csv
both "export -f csv" export -f csv
both "export -f jsonl --negated" export -f jsonl --negated
both "export -f csv --mentions" export -f csv --mentions
both "export -f jsonl --mentions" export -f jsonl --mentions
"$kabar" export -f gdelt -o "$t/gs" --db "$t/ev.db" 2>/dev/null
"$kabar" export -f gdelt -o "$t/gp" --db "$uri3" 2>"$t/err"; rc=$?
expect 0 "export -f gdelt from PostgreSQL"
for k in export mentions; do
  if [ -s "$(ls "$t"/gs/*.$k.CSV)" ]; then ok; else fail "export gdelt $k: empty"; fi
  same "$(ls "$t"/gs/*.$k.CSV)" "$(ls "$t"/gp/*.$k.CSV)" "export -f gdelt $k.CSV: PostgreSQL = SQLite"
done
# article ids are SQLite's (max + 1, no gaps), also after re-ingests
n=$(psql3 "SELECT max(id) - count(*) FROM articles")
if [ "$n" = 0 ]; then ok; else fail "article ids with gaps: $n"; fi

# search: the same columns; ranks and snippets are PostgreSQL's own
"$kabar" search -f csv --db "$t/ev.db" invasi >"$t/s.out"
"$kabar" search -f csv --db "$uri3" invasi >"$t/p.out"
if [ "$(head -1 "$t/s.out")" = "$(head -1 "$t/p.out")" ]; then ok; else fail "search columns: $(head -1 "$t/p.out")"; fi
contains "$t/p.out" ',"p1",' "search over PostgreSQL finds p1"

# kabar serve over PostgreSQL answers every route as over SQLite (the
# same JSON; /api/health's time of the last ingest and search's ranks,
# snippets and so order are each store's own)
if command -v curl >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
  spid=""
  ppid_=""
  trap 'kill $spid $ppid_ 2>/dev/null; pg_stop; rm -rf "$t"' EXIT
  serve_on() { # db name: starts kabar serve, sets port_NAME
    : >"$t/$2.err" # there before the background job opens it
    "$kabar" serve --db "$1" --listen 127.0.0.1:0 --threads 2 2>"$t/$2.err" &
    eval "pid_$2=\$!"
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
      port=$(sed -n 's/.*serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$t/$2.err")
      [ -n "$port" ] && break
      sleep 0.2
    done
    eval "port_$2=\$port"
  }
  serve_on "$t/ev.db" s
  serve_on "$uri3" p
  spid=$pid_s
  ppid_=$pid_p
  if [ -n "$port_s" ] && [ -n "$port_p" ]; then ok; else fail "serve did not start: $(cat "$t/s.err" "$t/p.err")"; fi
  for path in "/api/events" "/api/events?limit=7" "/api/events?actor=RUS&limit=3" \
      "/api/events?code=19&negated=1&limit=1000" "/api/events?from=2024-03-01&to=2024-03-31" \
      "/api/events/1" "/api/events/3" "/api/events/99999" "/api/articles/1" \
      "/api/articles/2" "/api/articles/3" "/api/articles/99999" "/api/dyads" \
      "/api/dyads?by=week&actor=RUS" "/api/actors" "/api/actors?level=country&limit=5" \
      "/api/conflicts" "/api/events?code=x" "/api/nothing"; do
    curl -s "http://127.0.0.1:$port_s$path" >"$t/s.json"
    curl -s "http://127.0.0.1:$port_p$path" >"$t/p.json"
    if [ -s "$t/s.json" ]; then ok; else fail "serve $path: empty over SQLite"; fi
    same "$t/s.json" "$t/p.json" "serve $path: PostgreSQL = SQLite"
  done
  # paging with the cursor: every event once, in the same pages
  cursor=""
  pages=0
  while [ $pages -lt 200 ]; do
    q="/api/events?limit=400${cursor:+&cursor=$cursor}"
    curl -s "http://127.0.0.1:$port_s$q" >"$t/s.json"
    curl -s "http://127.0.0.1:$port_p$q" >"$t/p.json"
    cmp -s "$t/s.json" "$t/p.json" || break
    pages=$((pages + 1))
    cursor=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["next_cursor"]; print(c or "")' "$t/p.json")
    [ -z "$cursor" ] && break
  done
  if [ -z "$cursor" ] && [ $pages -gt 1 ]; then ok; else fail "paging: page $pages differs ($q)"; fi
  for path in "/api/health" "/api/search?q=invasi+Rusia" "/api/search?q=serangan&limit=100"; do
    curl -s "http://127.0.0.1:$port_s$path" >"$t/s.json"
    curl -s "http://127.0.0.1:$port_p$path" >"$t/p.json"
    if python3 - "$t/s.json" "$t/p.json" <<'EOF3'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
if "updated" in a:
    a["updated"] = b["updated"] = ""
    sys.exit(a != b)
# search: the results the two stores share are the same but for rank and
# snippet; each store finds the article that both words are in
for r in a["results"] + b["results"]:
    r.pop("rank"), r.pop("snippet")
sa = {r["article"]: r for r in a["results"]}
sb = {r["article"]: r for r in b["results"]}
shared = set(sa) & set(sb)
sys.exit(not shared or any(sa[k] != sb[k] for k in shared) or a["query"] != b["query"])
EOF3
    then ok; else fail "serve $path: PostgreSQL and SQLite differ: $(head -c 300 "$t/p.json")"; fi
  done
  kill $spid $ppid_ 2>/dev/null
  wait $spid $ppid_ 2>/dev/null
  spid=""
  ppid_=""
else
  echo "serve over PostgreSQL not compared: no curl or python3"
fi

# a PostgreSQL database is written by ingest only
"$kabar" events --db "postgresql://kabar@127.0.0.1:$PG_PORT/ev" --limit 1 -f csv >"$t/out" 2>"$t/err"; rc=$?
expect 0 "events on a postgres:// URI"

# a server that is not there: named, exit 1
"$kabar" ingest --db "postgresql://kabar@127.0.0.1:1/none" "$t/dua.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "ingest into an unreachable server"
contains "$t/err" "cannot connect" "unreachable server named"

finish pg
