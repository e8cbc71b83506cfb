#!/bin/sh
# test_store.sh BUILD -- the store commands as a user meets them: ingest
# (idempotent, quiet, summary), events with filters and formats, --mentions,
# search, dyads, conflicts, export, usage errors; the database read by the
# sqlite3 shell; a reader beside a running ingest; and the kill test: an
# ingest of a few thousand generated articles killed with SIGKILL at random
# moments leaves a valid database each time, and re-running it ends with
# exactly the counts of one clean run.  Prints "# store: N passed, N failed"
# last.
. "$(dirname "$0")/lib.sh"

# lines FILE N DESCRIPTION
lines() {
  n=$(wc -l <"$1")
  if [ "$n" -eq "$2" ]; then ok; else fail "$3: $n lines, want $2"; fi
}
has_sqlite=0
command -v sqlite3 >/dev/null 2>&1 && has_sqlite=1

# ---- fixtures: three articles written for this test ---------------------
cat >"$t/news.jsonl" <<'EOF'
{"id":"a1","outlet":"contoh.id","url":"https://contoh.id/a1","date":"2024-03-20","title":"Putin Kirim Ucapan Selamat kepada Kim Jong Un","text":"Presiden Rusia Vladimir Putin mengirim ucapan selamat kepada Pemimpin Korea Utara Kim Jong Un atas ulang tahunnya. Pada hari Senin, Putin menyampaikan ucapan selamat kepada Kim Jong Un melalui surat. Sejak invasi Rusia ke Ukraina pada Februari 2022, kedua negara semakin dekat. Pemerintah Jepang mengecam Korea Utara pada 1 Januari 2023."}
{"id":"b1","outlet":"berita.id","url":"https://berita.id/b1","date":"2024-03-21","title":"Kremlin: Putin Beri Selamat","text":"Putin mengirim ucapan selamat kepada Kim Jong Un pada 18 Maret 2024, kata juru bicara Kremlin. Hubungan kedua negara menguat sejak dimulainya perang di Ukraina pada 2014 lalu."}
{"id":"c1","outlet":"tiga.id","date":"2024-04-02","title":"Ringkasan","text":"Pada Maret 2024, Putin mengirim ucapan selamat kepada Kim Jong Un. Putin mengirim ucapan selamat kepada Kim Jong Un pada 5 Januari 2023. Rusia tidak menyerang Ukraina pada 3 Maret 2024."}
EOF
db="$t/news.db"

"$kabar" ingest --help >"$t/out"; rc=$?
expect 0 "ingest --help"
contains "$t/out" "--db FILE" "ingest --help lists --db"
for c in events search dyads conflicts export; do
  "$kabar" $c --help >"$t/out"; rc=$?
  expect 0 "$c --help"
  contains "$t/out" "Usage: kabar $c" "$c --help"
done
"$kabar" --help >"$t/out"
contains "$t/out" "  ingest " "kabar --help lists ingest"

"$kabar" ingest >"$t/out" 2>"$t/err"; rc=$?
expect 2 "ingest without input"

"$kabar" ingest --db "$db" "$t/news.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "ingest"
empty "$t/out" "ingest writes nothing on stdout"
contains "$t/err" "ingested 3 new articles (0 already stored, 0 near-duplicates)" "ingest summary"
contains "$t/err" "holds 3 articles, 5 events" "ingest summary totals"
"$kabar" ingest --db "$db" "$t/news.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "ingest again"
contains "$t/err" "ingested 0 new articles (3 already stored" "ingesting again adds nothing and says so"
"$kabar" ingest -q --db "$db" "$t/news.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "ingest -q"
empty "$t/err" "ingest -q is quiet"

# ---- events -------------------------------------------------------------
"$kabar" events --db "$db" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "events"
lines "$t/out" 4 "events: one line per merged event (negated left out)"
contains "$t/out" '"source":{"code":"RUSGOV","name":"Vladimir Putin","country":"RUS"}' "events: nested actors"
contains "$t/out" '"date":"2024-03-18","date_precision":"day","num_mentions":4,"num_articles":3,"num_sources":3' "events: the greeting merged across 3 articles"
"$kabar" events --db "$db" --negated >"$t/out"; rc=$?
lines "$t/out" 5 "events --negated"
"$kabar" events --db "$db" --actor PRK --from 2024-01-01 >"$t/out"; rc=$?
expect 0 "events --actor --from"
lines "$t/out" 1 "events --actor PRK --from 2024-01-01"
"$kabar" events --db "$db" --code 05 --min-sources 2 >"$t/out"
lines "$t/out" 1 "events --code --min-sources"
"$kabar" events --db "$db" --quad 4 --limit 1 >"$t/out"
lines "$t/out" 1 "events --quad --limit"
"$kabar" events --db "$db" --code 051 --to 2023-12-31 --format csv >"$t/out"
contains "$t/out" "id,source_code,source_name,source_country" "events csv header"
lines "$t/out" 2 "events csv: header + one row"
"$kabar" events --db "$db" --format gdelt >"$t/out"
cols=$(awk -F'\t' '{print NF}' "$t/out" | sort -u)
if [ "$cols" = 61 ]; then ok; else fail "events gdelt: 61 columns, not $cols"; fi
if awk -F'\t' '$27 == "051" && $2 == "20240318" && $32 == 4 && $33 == 3 && $34 == 3' "$t/out" | grep -q .; then ok; else fail "events gdelt: NumMentions, NumSources, NumArticles"; fi
"$kabar" events --db "$db" --format table >"$t/out"
contains "$t/out" "source name" "events table header"
"$kabar" events --db "$db" --code 051 --from 2024-01-01 --mentions >"$t/out"
lines "$t/out" 1 "events --mentions jsonl: one line per event"
contains "$t/out" '"mentions":[{"event":' "events --mentions nests the evidence"
contains "$t/out" '"url":"https://berita.id/b1"' "evidence names the article url"
contains "$t/out" '"sentence":"Pada hari Senin, Putin menyampaikan ucapan selamat kepada Kim Jong Un melalui surat."' "evidence sentence"
"$kabar" events --db "$db" --code 051 --from 2024-01-01 --mentions --format csv >"$t/out"
lines "$t/out" 5 "events --mentions csv: header + 4 mentions"
"$kabar" events --db "$db" --code 051 --mentions --format table >"$t/out"
contains "$t/out" "    b1:0:1" "events --mentions table"

# ---- search, dyads, conflicts, export ----------------------------------
"$kabar" search --db "$db" kecaman >"$t/out" 2>"$t/err"; rc=$?
expect 0 "search"
lines "$t/out" 1 "search: 'kecaman' finds the article with 'mengecam'"
contains "$t/out" '"snippet":"' "search result has a snippet"
contains "$t/out" '[mengecam]' "snippet highlights the match"
"$kabar" search --db "$db" --format table ucapan selamat >"$t/out"; rc=$?
expect 0 "search table"
contains "$t/out" "rank" "search table header"
"$kabar" search --db "$db" tidakada >"$t/out"; rc=$?
expect 0 "search without results"
empty "$t/out" "search without results prints nothing"
"$kabar" search --db "$db" --raw 'Putin AND (' >"$t/out" 2>"$t/err"; rc=$?
expect 2 "search --raw with broken syntax"
"$kabar" search --db "$db" "" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "empty search"
"$kabar" events --db "$db" --near 39.03,125.75 >"$t/out" 2>"$t/err"; rc=$?
expect 2 "events --near without KM"
contains "$t/err" "LAT,LON,KM" "events --near says what it wants"
"$kabar" events --db "$db" --near nan,125.75,50 >"$t/out" 2>"$t/err"; rc=$?
expect 2 "events --near with NaN"
"$kabar" events --db "$db" --country Rusia >"$t/out" 2>"$t/err"; rc=$?
expect 2 "events --country with a name"
contains "$t/err" "FIPS" "events --country says what it wants"
"$kabar" events --db "$db" --country ZZ >"$t/out" 2>"$t/err"; rc=$?
expect 0 "events --country with no events there"
empty "$t/out" "events --country ZZ prints nothing"

"$kabar" dyads --db "$db" --by week --format csv >"$t/out"; rc=$?
expect 0 "dyads"
contains "$t/out" "period,source,target,events,mentions,goldstein,goldstein_mean" "dyads header"
contains "$t/out" '"2024-03-18","RUS","PRK",1,4,3.4,3.400' "dyads: weekly RUS->PRK"
"$kabar" dyads --db "$db" --by year >"$t/out" 2>"$t/err"; rc=$?
expect 2 "dyads --by year"

"$kabar" conflicts --db "$db" >"$t/out"; rc=$?
expect 0 "conflicts"
lines "$t/out" 1 "one conflict"
contains "$t/out" '"subject":"UKR","a":{"date":"2014","claims":1,"doc":"b1"' "conflict: 2014 side"
contains "$t/out" '"b":{"date":"2022-02","claims":1,"doc":"a1"' "conflict: 2022-02 side"
"$kabar" conflicts --db "$db" --format table >"$t/out"
contains "$t/out" "start of a war in UKR: 2014 vs 2022-02" "conflicts table"

mkdir "$t/export"
"$kabar" export --db "$db" --format gdelt --out "$t/export" 2>"$t/err"; rc=$?
expect 0 "export gdelt"
n=$(ls "$t/export" | grep -c '^[0-9]\{14\}\.export\.CSV$')
if [ "$n" -eq 1 ]; then ok; else fail "export: YYYYMMDDHHMMSS.export.CSV"; fi
n=$(ls "$t/export" | grep -c '^[0-9]\{14\}\.mentions\.CSV$')
if [ "$n" -eq 1 ]; then ok; else fail "export: YYYYMMDDHHMMSS.mentions.CSV"; fi
cols=$(cat "$t/export"/*.mentions.CSV | awk -F'\t' '{print NF}' | sort -u)
if [ "$cols" = 16 ]; then ok; else fail "mentions file: 16 columns, not $cols"; fi
lines "$(ls "$t/export"/*.export.CSV)" 4 "export: every event"
# the geo columns (Actor1Geo 36-43, Actor2Geo 44-51, ActionGeo 52-59) of an
# event stored from one article are those kabar code prints for it
cat >"$t/geo.jsonl" <<'EOF'
{"id":"g1","outlet":"contoh.id","date":"2024-06-19","title":"Putin Bertemu Kim","text":"Presiden Rusia Vladimir Putin bertemu dengan pemimpin Korea Utara Kim Jong Un di Pyongyang pada Rabu. Menteri Luar Negeri Indonesia di Jakarta mengecam Israel pada Kamis."}
EOF
"$kabar" ingest -q --db "$t/geo.db" "$t/geo.jsonl"
mkdir "$t/geo-export"
"$kabar" export --db "$t/geo.db" --format gdelt --out "$t/geo-export" 2>"$t/err"; rc=$?
expect 0 "export gdelt with locations"
cut -f36-59 "$t/geo-export"/*.export.CSV | sort >"$t/geo.stored"
"$kabar" code --format gdelt "$t/geo.jsonl" | cut -f36-59 | sort >"$t/geo.coded"
same "$t/geo.stored" "$t/geo.coded" "export: Actor1Geo, Actor2Geo, ActionGeo as kabar code fills them"
contains "$t/geo.stored" "1	Russia	RS	RS		55.7522	37.6156	RS	4	Pyongyang" "export: Actor1Geo Russia (country), Actor2Geo Pyongyang"
contains "$t/geo.stored" "4	Jakarta, Jakarta Special Capital Region, Indonesia	ID	ID04		-6.2146	106.8451	1642911	1	Israel	" "export: Actor1Geo stated (di Jakarta), Actor2Geo Israel"
"$kabar" export --db "$db" --format jsonl --mentions >"$t/out"; rc=$?
lines "$t/out" 8 "export --mentions: every mention"
"$kabar" export --db "$db" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "export without --format"
"$kabar" export --db "$db" --format gdelt --out "$t/new-folder" 2>"$t/err"; rc=$?
expect 0 "export gdelt into a folder that does not exist yet"
n=$(ls "$t/new-folder" 2>/dev/null | grep -c '\.CSV$')
if [ "$n" -eq 2 ]; then ok; else fail "export made the folder and its two files"; fi
"$kabar" export --db "$db" --format gdelt --out "$t/no/such/place" 2>"$t/err"; rc=$?
expect 1 "export gdelt where no folder can be made"
contains "$t/err" "No such file or directory" "export says why"

# ---- errors -------------------------------------------------------------
"$kabar" events --db "$t/none.db" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "events on a missing database"
contains "$t/err" "no such database" "missing database named"
[ ! -e "$t/none.db" ] && ok || fail "a query does not create a database"
"$kabar" events --db "$db" --quad 9 2>"$t/err"; rc=$?
expect 2 "events --quad 9"
"$kabar" events --db "$db" --from 2024-02-30 2>"$t/err"; rc=$?
expect 2 "events --from impossible date"
"$kabar" events --db "$db" --actor 'RUS%' 2>"$t/err"; rc=$?
expect 2 "events --actor with a wildcard"
"$kabar" events --db "$db" --format yaml 2>"$t/err"; rc=$?
expect 2 "events --format yaml"
printf 'not a database at all\n' >"$t/text.db"
"$kabar" ingest --db "$t/text.db" "$t/news.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "ingest into a file that is not a database"
contains "$t/err" "text.db" "the bad database is named"

# ---- the schema is plain SQL -------------------------------------------
if [ $has_sqlite = 1 ]; then
  n=$(sqlite3 "$db" "SELECT num_mentions FROM events WHERE code = '051' AND date = '2024-03-18'")
  if [ "$n" = 4 ]; then ok; else fail "sqlite3 shell reads events ($n)"; fi
  n=$(sqlite3 "$db" "SELECT count(*) FROM sentence_texts")
  if [ "$n" -gt 0 ]; then ok; else fail "sqlite3 shell reads sentence_texts"; fi
  n=$(sqlite3 "$db" "PRAGMA user_version")
  if [ "$n" -ge 2 ]; then ok; else fail "schema version $n"; fi
  # a database an older kabar made (schema 4: no actor_locations) is
  # stepped up by the first reader that may write it, and read
  cp "$db" "$t/old.db"
  sqlite3 "$t/old.db" "DROP TABLE actor_locations; PRAGMA user_version = 4"
  "$kabar" events --db "$db" --format jsonl >"$t/want" 2>/dev/null
  "$kabar" events --db "$t/old.db" --format jsonl >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "events on a schema-4 database"
  contains "$t/err" "schema upgraded" "the upgrade is announced"
  # the same events; the actors' places, which schema 4 did not keep, absent
  lines "$t/out" "$(wc -l <"$t/want")" "events after the upgrade"
  if grep -q '"source_geo":{"type":[0-9]' "$t/out"; then fail "actor places invented"; else ok; fi
  n=$(sqlite3 "$t/old.db" "PRAGMA user_version")
  if [ "$n" = "$(sqlite3 "$db" "PRAGMA user_version")" ]; then ok; else
    fail "upgraded schema version $n"; fi
fi

# ---- the kill test -------------------------------------------------------
# A few thousand generated articles: random country pairs, verbs and dates,
# some dated by the article only, a few war-start claims, and every 20th a
# syndicated copy of the one before under another id and outlet.
awk -v n=4000 'BEGIN {
  srand(7);
  split("Rusia|Korea Utara|Jepang|Australia|Malaysia|Tiongkok|Prancis|Jerman|Iran|Israel|India|Mesir", c, "|");
  split("mengecam|mengunjungi|memuji|mengkritik|mendukung|mengancam", v, "|");
  split("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember", mo, "|");
  for (i = 1; i <= n; i++) {
    if (i % 20 == 0) {
      printf("{\"id\":\"g%d\",\"outlet\":\"salinan.id\",\"date\":\"%s\",\"title\":\"Salinan %d\",\"text\":\"%s Sumber: kantor berita.\"}\n", i, ref, i, t);
      continue;
    }
    a = c[int(rand() * 12) + 1]; b = c[int(rand() * 12) + 1];
    if (a == b) b = (a == "Rusia") ? "Iran" : "Rusia";
    vb = v[int(rand() * 6) + 1];
    d = int(rand() * 28) + 1; m = int(rand() * 12) + 1; y = 2023 + int(rand() * 2);
    ref = sprintf("%04d-%02d-%02d", y, m, d);
    t = sprintf("Pemerintah %s %s %s pada %d %s %d. Menurut laporan, %s %s %s. ", a, vb, b, d, mo[m], y, a, vb, b);
    t = t sprintf("Presiden %s memuji %s pada %s %d. ", c[int(rand() * 12) + 1], a, mo[int(rand() * 12) + 1], y);
    if (rand() < 0.05)
      t = t sprintf("Hal itu terjadi sejak dimulainya perang di Ukraina pada %d lalu. ", 2014 + int(rand() * 9));
    t = t sprintf("Para menteri %s dan %s akan bertemu lagi untuk membahas kerja sama ekonomi, keamanan, dan budaya di kawasan itu, kata pejabat nomor %d.", a, b, i);
    printf("{\"id\":\"g%d\",\"outlet\":\"%s\",\"date\":\"%s\",\"title\":\"Berita %d\",\"text\":\"%s\"}\n", i, (rand() < 0.5) ? "satu.id" : "dua.id", ref, i, t);
  }
}' >"$t/gen.jsonl"

# the figures a database is compared by
counts() {
  sqlite3 "$1" "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE cluster_id <> id), (SELECT count(*) FROM sentences), (SELECT count(*) FROM mentions), (SELECT count(*) FROM events), (SELECT sum(num_mentions) || '/' || sum(num_articles) || '/' || sum(num_sources) FROM events), (SELECT count(*) FROM claims), (SELECT count(*) FROM conflicts), (SELECT sum(events) || '/' || sum(mentions) FROM dyad_days), (SELECT count(*) FROM articles_fts_docsize), (SELECT count(*) FROM lsh)"
}

if [ $has_sqlite = 1 ]; then
  "$kabar" ingest -q --db "$t/clean.db" "$t/gen.jsonl"; rc=$?
  expect 0 "clean ingest of the generated articles"
  want=$(counts "$t/clean.db")
  near=$(sqlite3 "$t/clean.db" "SELECT count(*) FROM articles WHERE cluster_id <> id")
  if [ "$near" -ge 150 ]; then ok; else fail "syndicated copies found as near-duplicates ($near of 200)"; fi

  kills=0
  seed=$(date +%s)
  for round in 1 2 3 4 5; do
    delay=$(awk -v s="$seed$round" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 0.45 }')
    "$kabar" ingest -q --batch 50 --db "$t/kill.db" "$t/gen.jsonl" &
    pid=$!
    sleep "$delay"
    # a reader queries while the ingest writes
    if [ -f "$t/kill.db" ]; then
      "$kabar" events --db "$t/kill.db" --limit 1 >/dev/null 2>"$t/err"
      r=$?
      if [ $r -eq 0 ] || grep -q "no such database\|not a usable" "$t/err"; then ok; else fail "a reader during ingest: $(cat "$t/err")"; fi
    fi
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    if [ -f "$t/kill.db" ]; then
      ic=$(sqlite3 "$t/kill.db" "PRAGMA integrity_check" 2>&1)
      if [ "$ic" = ok ]; then ok; else fail "integrity after kill -9 at ${delay}s: $ic"; fi
      # counts are whole batches: no article without its mentions (a kill
      # before the first commit leaves an empty file: nothing half-stored)
      if [ "$(sqlite3 "$t/kill.db" "SELECT count(*) FROM sqlite_master WHERE name = 'articles'")" = 0 ]; then
        orphans=0
      else
        orphans=$(sqlite3 "$t/kill.db" "SELECT count(*) FROM articles a WHERE n_mentions <> (SELECT count(*) FROM mentions WHERE article_id = a.id)")
      fi
      if [ "$orphans" = 0 ]; then ok; else fail "half-stored articles after kill: $orphans"; fi
    fi
  done
  "$kabar" ingest -q --batch 50 --db "$t/kill.db" "$t/gen.jsonl"; rc=$?
  expect 0 "re-running the killed ingest"
  got=$(counts "$t/kill.db")
  if [ "$got" = "$want" ]; then ok; else fail "after $kills kills and a re-run: $got, clean run: $want"; fi
  echo "# kill test: $kills kills; counts $got"
fi

finish store
