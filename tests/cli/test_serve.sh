#!/bin/sh
# test_serve.sh BUILD -- `kabar serve` as a client meets it: a server on a
# free loopback port over a database ingested from examples/ and two
# articles written for this test; every route of docs/API.md with its
# status, content type, JSON and security headers; gzip for clients that
# accept it; paging through every
# event with the cursor; an SQL injection attempt through every parameter
# of every route (answered 400 or with no more than the honest answer, the
# database unchanged); path traversal, over-long targets, too many, long,
# repeated, unknown and badly escaped parameters; other methods; and a
# clean stop on SIGTERM and SIGINT.  Needs curl and python3 (JSON checks).
# Prints "# serve: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$t"
}
trap cleanup EXIT

if ! command -v curl >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  echo "FAIL: test_serve needs curl and python3 (make deps installs them)"
  echo "# serve_http: 0 passed, 1 failed"
  exit 1
fi

# ---- fixtures ----------------------------------------------------------------
cat >"$t/news.jsonl" <<'EOF'
{"id":"sv1","outlet":"warta.id","url":"https://warta.id/sv1","date":"2024-12-31","title":"Kim Jong Un Kirim Ucapan Tahun Baru kepada Putin","text":"Pemimpin Korea Utara Kim Jong Un mengirim ucapan selamat Tahun Baru kepada Presiden Rusia Vladimir Putin pada Selasa. Dalam suratnya, Kim memuji hubungan kedua negara yang semakin erat."}
{"id":"sv2","outlet":"kabar.id","url":"https://kabar.id/sv2","date":"2025-01-02","title":"Rusia Kecam Korea Selatan","text":"Pemerintah Rusia mengecam Korea Selatan pada 1 Januari 2025. Korea Utara menuduh Amerika Serikat memicu ketegangan di Semenanjung Korea."}
EOF
db="$t/serve.db"
"$kabar" ingest -q --db "$db" examples/ "$t/news.jsonl" || fail "ingest the fixtures"
n_events=$("$kabar" events --db "$db" --format jsonl | wc -l)

# ---- usage ---------------------------------------------------------------
"$kabar" serve --help >"$t/out"; rc=$?
[ $rc -eq 0 ] && grep -q "Usage: kabar serve" "$t/out" && ok || fail "serve --help"
"$kabar" serve --threads 0 >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || fail "serve --threads 0: exit $rc, want 2"
"$kabar" serve --listen nowhere >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || fail "serve --listen nowhere: exit $rc, want 2"
"$kabar" serve --db "$t/missing.db" --listen 127.0.0.1:0 >/dev/null 2>"$t/err"; rc=$?
[ $rc -eq 1 ] && grep -q "missing.db" "$t/err" && ok || fail "serve on a missing database: exit $rc, want 1 naming it"

# ---- start -----------------------------------------------------------------
start() {
  : >"$t/serve.err" # emptied, else the last server's line may be read;
                    # there before the background job opens it
  "$kabar" serve --db "$db" --listen 127.0.0.1:0 --threads 2 "$@" 2>"$t/serve.err" &
  pid=$!
  port=""
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    port=$(sed -n 's/.*serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$t/serve.err")
    [ -n "$port" ] && break
    sleep 0.2
  done
  base="http://127.0.0.1:$port"
}
start
[ -n "$port" ] && ok || { fail "the server did not start: $(cat "$t/serve.err")"; echo "# serve_http: $passed passed, $failed failed"; exit 1; }

# stop SIGNAL: sends it and waits for the server, at most 10 s; rc is its
# exit status (143 when it had to be killed)
stop() {
  kill -"$1" "$pid"
  n=0
  while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  wait "$pid"; rc=$?
  pid=""
}

# get PATH: body in $t/body, headers in $t/head, status in $code
get() {
  code=$(curl -s --path-as-is -o "$t/body" -D "$t/head" -w '%{http_code}' "$base$1")
}
# status PATH WANT DESCRIPTION
status() {
  get "$1"
  if [ "$code" = "$2" ]; then ok; else fail "$3: $1 answered $code, want $2: $(head -c 300 "$t/body")"; fi
}
# json EXPR DESCRIPTION: python expression over d (the body) must be true
json() {
  if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$t/body" 2>/dev/null; then
    ok
  else
    fail "$2: $1 is false for $(head -c 400 "$t/body")"
  fi
}
header() {
  if grep -qi "^$1" "$t/head"; then ok; else fail "$2: no '$1' in $(cat "$t/head")"; fi
}

# ---- routes ---------------------------------------------------------------
status /api/health 200 "health"
header "Content-Type: application/json; charset=utf-8" "health is JSON"
header "X-Content-Type-Options: nosniff" "nosniff"
header "Content-Security-Policy: .*frame-ancestors 'none'" "CSP frame-ancestors none"
header "Content-Security-Policy: .*script-src 'self';" "CSP without inline script"
header "X-Frame-Options: DENY" "X-Frame-Options"
json "d['status'] == 'ok' and d['events'] == $n_events" "health counts the events"

status "/api/events?limit=1000" 200 "events"
json "len(d['events']) == $n_events and d['next_cursor'] is None" "events: all of them, no next page"
status "/api/events" 200 "events, default limit"
json "d['limit'] == 100" "events: the default limit is 100"
status "/api/events?source=PRK&target=RUS" 200 "events PRK->RUS"
json "len(d['events']) >= 1 and all(e['source']['country']=='PRK' and e['target']['country']=='RUS' for e in d['events'])" "events: source and target filters"
greet=$(python3 -c "import json; print(json.load(open('$t/body'))['events'][0]['id'])")
status "/api/events?actor=RUS&quad=4" 200 "events actor + quad"
json "all(e['quad']==4 and 'RUS' in (e['source']['country'], e['target']['country']) for e in d['events']) and d['events']" "events: actor and quad filters"
status "/api/events?from=2025-06-01&to=2025-06-30&min_sources=1&root=19&negated=1" 200 "events with every filter"
json "all('2025-06' <= e['date'][:7] <= '2025-06' and e['root']=='19' for e in d['events'])" "events: date and root filters"
status "/api/events?code=05" 200 "events by code prefix"
json "all(e['code'].startswith('05') for e in d['events']) and d['events']" "events: code prefix"

# paging: every event exactly once, in order, through next_cursor
cursor=""
: >"$t/ids"
pages=0
while :; do
  if [ -n "$cursor" ]; then get "/api/events?limit=7&cursor=$cursor"; else get "/api/events?limit=7"; fi
  [ "$code" = 200 ] || { fail "paging: $code"; break; }
  python3 -c "import json; [print(e['id']) for e in json.load(open('$t/body'))['events']]" >>"$t/ids"
  cursor=$(python3 -c "import json; c=json.load(open('$t/body'))['next_cursor']; print(c or '')")
  pages=$((pages + 1))
  [ -z "$cursor" ] && break
  [ $pages -gt 100 ] && { fail "paging does not end"; break; }
done
get "/api/events?limit=1000"
python3 -c "import json; [print(e['id']) for e in json.load(open('$t/body'))['events']]" >"$t/all_ids"
if cmp -s "$t/ids" "$t/all_ids"; then ok; else fail "paging with limit=7 does not give every event once in order"; fi
[ $pages -eq $(( (n_events + 6) / 7 )) ] && ok || fail "paging: $pages pages for $n_events events"
status "/api/events?cursor=nonsense" 400 "a bad cursor"
status "/api/events?limit=0" 400 "limit 0"
status "/api/events?limit=1001" 400 "limit over the cap"
status "/api/events?quad=5" 400 "quad 5"
status "/api/events?from=2024-13" 400 "a bad date"
status "/api/events?actor=prk" 400 "a lower-case code"
json "d['error']['status'] == 400 and 'upper-case' in d['error']['message']" "the error says why"

status "/api/events/$greet" 200 "one event"
json "d['event']['id'] == $greet and len(d['mentions']) >= 1" "the event and its mentions"
json "any(s.get('mark') == 'source' for m in d['mentions'] for s in m['evidence']) and any(s.get('mark') == 'verb' for m in d['mentions'] for s in m['evidence'])" "evidence with source and verb marked"
json "all(''.join(s['text'] for s in m['evidence']) == m['text'] for m in d['mentions'])" "the evidence segments spell the sentence"
json "any(s['text'] == 'mengirim ucapan' for m in d['mentions'] for s in m['evidence'] if s.get('mark') == 'verb')" "the greeting's verb is highlighted"
json "all(m['url'] for m in d['mentions'])" "the mentions link their articles"
article=$(python3 -c "import json; print(json.load(open('$t/body'))['mentions'][0]['article'])")
status /api/events/999999999 404 "no such event"
json "d['error']['status'] == 404" "404 is JSON"
status /api/events/abc 404 "a non-numeric event id"
status /api/events/0 404 "event 0"

status "/api/dyads?by=week" 200 "dyads by week"
json "d['by'] == 'week' and all(set(r) >= {'period','source','target','events','goldstein'} for r in d['dyads']) and d['dyads']" "dyads rows"
status "/api/dyads?by=all&source=PRK" 200 "dyads totals"
json "any(r['source']=='PRK' and r['target']=='RUS' and r['period']=='all' for r in d['dyads'])" "dyads: PRK->RUS in the totals"
status "/api/dyads?by=year" 400 "dyads by year"
status "/api/dyads?by=day&limit=2" 200 "dyads with a limit"
json "len(d['dyads']) == 2 and d['truncated'] is True" "dyads: limit and truncated"

status "/api/actors" 200 "actors"
json "d['actors'] and all(d['actors'][i]['events'] >= d['actors'][i+1]['events'] for i in range(len(d['actors'])-1))" "actors, most events first"
status "/api/actors?level=country&limit=3" 200 "actors by country"
json "len(d['actors']) == 3 and all(len(a['code']) == 3 for a in d['actors'])" "countries"
status "/api/actors?level=planet" 400 "a bad level"

status "/api/search?q=ucapan+selamat" 200 "search"
json "any(r['doc'] == 'sv1' and '[' in r['snippet'] for r in d['results'])" "search finds the greeting with a snippet"
status "/api/search" 400 "search without q"
status "/api/search?q=%20%20" 400 "search for blanks"

status "/api/articles/$article" 200 "an article"
json "d['article']['text'] and d['sentences'] and d['mentions'] and all(0 <= s['span'][0] < s['span'][1] <= len(d['article']['text'].encode()) for s in d['sentences'])" "the article's text, sentences and mentions"
status /api/articles/424242 404 "no such article"

status /api/conflicts 200 "conflicts"
json "isinstance(d['conflicts'], list)" "conflicts list"

# gzip for clients that accept it: the same JSON, smaller, told apart by
# Vary; the plain answer cached beside it is not mixed up with it
get "/api/events?limit=1000"
cp "$t/body" "$t/plain"
header "Vary: Accept-Encoding" "the API says its answers vary by encoding"
code=$(curl -s -H "Accept-Encoding: gzip" -o "$t/gz" -D "$t/head" -w '%{http_code}' "$base/api/events?limit=1000")
[ "$code" = 200 ] && ok || fail "gzip request answered $code"
header "Content-Encoding: gzip" "Accept-Encoding: gzip is answered gzipped"
if python3 -c "import gzip,sys; sys.exit(0 if gzip.decompress(open(sys.argv[1],'rb').read()) == open(sys.argv[2],'rb').read() else 1)" "$t/gz" "$t/plain"; then ok; else fail "the gzipped answer is not the plain one compressed"; fi
[ "$(wc -c <"$t/gz")" -lt "$(wc -c <"$t/plain")" ] && ok || fail "gzip did not make the answer smaller"
for ae in "gzip;q=0" "identity" ""; do
  code=$(curl -s -H "Accept-Encoding: $ae" -o "$t/body" -D "$t/head" -w '%{http_code}' "$base/api/events?limit=1000")
  if grep -qi "^Content-Encoding" "$t/head" || ! cmp -s "$t/body" "$t/plain"; then fail "Accept-Encoding '$ae' was sent a coded answer"; else ok; fi
done

status /api/nothing 404 "an unknown API route"
header "Content-Type: application/json" "the 404 is JSON"

# ---- the dashboard's files ------------------------------------------------
status / 200 "the dashboard"
header "Content-Type: text/html; charset=utf-8" "index.html is HTML"
if grep -q "<script>" "$t/body" || grep -qi " on[a-z]*=" "$t/body"; then fail "inline script in index.html"; else ok; fi
status /app.js 200 "app.js"
header "Content-Type: text/javascript" "app.js is JavaScript"
status /app.css 200 "app.css"
status /vendor/cytoscape.min.js 200 "cytoscape is embedded"
status /vendor/uPlot.iife.min.js 200 "uPlot is embedded"
status /index.html?x=1 404 "static files take no parameters"
status /nothing.html 404 "an unknown file"

# ---- SQL injection through every parameter of every route -----------------
for v in "%27%20OR%201%3D1%20--" "PRK%27%20OR%20%271%27%3D%271" "1%3B%20DROP%20TABLE%20events" \
         "%22)%20UNION%20SELECT%20sql%20FROM%20sqlite_master%20--" "RUS%25" "*"; do
  for route in "events:actor source target code root quad from to min_sources negated limit cursor" \
               "dyads:actor source target code root quad from to min_sources negated by limit" \
               "actors:actor source target code root quad from to min_sources negated level limit" \
               "search:q limit"; do
    r=${route%%:*}
    for p in ${route#*:}; do
      get "/api/$r?$p=$v"
      case "$code" in
      400) ok ;;
      200)
        # only search takes free text: an honest answer, no table names
        if [ "$r" = search ] && [ "$p" = q ] && ! grep -q "CREATE TABLE" "$t/body"; then ok
        else fail "injection /api/$r?$p=$v answered 200: $(head -c 200 "$t/body")"; fi ;;
      *) fail "injection /api/$r?$p=$v answered $code" ;;
      esac
    done
  done
  for path in "/api/events/1$v" "/api/articles/1$v"; do
    get "$path"
    [ "$code" = 404 ] || [ "$code" = 400 ] && ok || fail "injection $path answered $code"
  done
done
get /api/health
json "d['events'] == $n_events" "the database is unchanged after the injection attempts"

# ---- traversal and malformed targets --------------------------------------
for p in "/../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/vendor/..%2f..%2fMakefile" \
         "/%2E%2E%2FMakefile" "/vendor/%2e%2e/app.js" "/..%5cMakefile" "/vendor\\..\\app.js" \
         "/./app.js" "//etc/passwd" "/vendor//app.js" "/app.js%00.css" "/%252e%252e/Makefile" \
         "/api/../app.js" "/api/events/..%2f..%2fhealth"; do
  get "$p"
  case "$code" in
  400 | 404) ok ;;
  *) fail "traversal $p answered $code: $(head -c 200 "$t/body")" ;;
  esac
  if grep -q "root:" "$t/body" || grep -q "^# kabar -- GNU Makefile" "$t/body"; then fail "traversal $p leaked a file"; fi
done
status "/api/events?actor=%zz" 400 "a bad percent-escape"
status "/api/events?actor=PRK%00" 400 "a NUL escape"
long=$(python3 -c "print('a' * 3000)")
status "/api/events?actor=$long" 414 "an over-long target"
huge=$(python3 -c "print('a' * 40000)")
get "/api/events?actor=$huge"
case "$code" in 414 | 431 | 400) ok ;; *) fail "a 40 kB target answered $code" ;; esac
many=$(python3 -c "print('&'.join('p' + chr(97 + i) + '=1' for i in range(17)))")
status "/api/events?$many" 400 "17 parameters"
json "'too many' in d['error']['message']" "says too many parameters"
value=$(python3 -c "print('A' * 300)")
status "/api/events?actor=$value" 400 "a 300-byte value"
status "/api/events?actor=PRK&actor=RUS" 400 "a repeated parameter"
status "/api/events?colour=red" 400 "an unknown parameter"
json "'colour' in d['error']['message']" "names the unknown parameter"
status "/api/events?Actor=PRK" 400 "an upper-case parameter name"
get /api/health
[ "$code" = 200 ] && ok || fail "the server is up after the bad requests"

# ---- methods -----------------------------------------------------------------
code=$(curl -s -o "$t/body" -D "$t/head" -w '%{http_code}' -X POST -d 'x=1' "$base/api/events")
[ "$code" = 405 ] && ok || fail "POST answered $code, want 405"
header "Allow: GET, HEAD" "405 says what is allowed"
code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$base/api/events/1")
[ "$code" = 405 ] && ok || fail "DELETE answered $code, want 405"
code=$(curl -s -I -o "$t/head" -w '%{http_code}' "$base/api/events")
[ "$code" = 200 ] && ok || fail "HEAD answered $code"

# ---- the database stays read-only, and a stop is clean ---------------------
before=$(cksum <"$db")
get "/api/events?limit=1000"
[ "$(cksum <"$db")" = "$before" ] && ok || fail "serving changed the database file"
stop TERM
[ $rc -eq 0 ] && grep -q "stopping (SIGTERM)" "$t/serve.err" && ok || fail "SIGTERM: exit $rc, $(cat "$t/serve.err")"
start --cache 0
get /api/health
[ "$code" = 200 ] && ok || fail "a server without cache answers"
stop INT
[ $rc -eq 0 ] && grep -q "stopping (SIGINT)" "$t/serve.err" && ok || fail "SIGINT: exit $rc"

finish serve_http
