#!/bin/sh
# test_web.sh BUILD -- web input through the kabar command: an HTML page
# for parse and code, a WARC archive (gzip members, made here by python3
# from the page), the language filter and its --lang option.  The pages
# are invented.  Prints "# web: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"

cat >"$t/kunjungan.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Menlu Indonesia Bertemu Menlu Malaysia di Kuala Lumpur | Kabar Serumpun</title>
<meta property="og:title" content="Menlu Indonesia Bertemu Menlu Malaysia di Kuala Lumpur">
<meta property="article:published_time" content="2024-06-03T09:30:00+07:00">
<link rel="canonical" href="https://www.kabarserumpun.com/dunia/menlu-bertemu">
</head><body>
<nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav>
<article>
<h1>Menlu Indonesia Bertemu Menlu Malaysia di Kuala Lumpur</h1>
<div class="byline">Oleh: Andi Saputra</div>
<p>KUALA LUMPUR - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Malaysia di Kuala Lumpur pada Senin, membahas perbatasan laut kedua negara.</p>
<p>Kedua menteri sepakat untuk melanjutkan perundingan batas laut di Selat Malaka, kata juru bicara kementerian kepada wartawan.</p>
<p>Baca juga: <a href="/x">Presiden Kunjungi Papua</a></p>
<p>Pertemuan berikutnya akan digelar di Jakarta pada bulan depan, menurut pernyataan bersama kedua negara.</p>
</article>
<aside>Terpopuler hari ini</aside>
</body></html>
HTML

"$kabar" parse "$t/kunjungan.html" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "parse page.html"
contains "$t/out" '"title":"Menlu Indonesia Bertemu Menlu Malaysia di Kuala Lumpur"' "title"
contains "$t/out" '"outlet":"kabarserumpun.com"' "outlet from the canonical URL"
contains "$t/out" '"author":"Andi Saputra"' "author"
contains "$t/out" '"published":"2024-06-03T09:30"' "published"
contains "$t/out" '"dateline":"KUALA LUMPUR"' "dateline"
contains "$t/out" '"url":"https://www.kabarserumpun.com/dunia/menlu-bertemu"' "url"
lacks "$t/out" 'Baca juga' "related link left out"
lacks "$t/out" 'Terpopuler' "aside left out"

"$kabar" code "$t/kunjungan.html" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "code page.html"
contains "$t/out" '"doc":"kunjungan"' "events name the page"

if command -v python3 >/dev/null 2>&1; then
  python3 - "$t/kunjungan.html" "$t/arsip.warc.gz" <<'PY'
import gzip, sys
page = open(sys.argv[1], 'rb').read()
english = (b'<html><head><title>Ministers meet</title></head><body><h1>Ministers'
           b' meet</h1><p>The foreign ministers of the two countries met on'
           b' Monday to discuss the maritime border, and they agreed to'
           b' continue the talks next month in the capital of the other'
           b' country, a spokesman said.</p></body></html>')
def record(uri, body, ctype=b'text/html; charset=utf-8'):
    http = b'HTTP/1.1 200 OK\r\nContent-Type: ' + ctype + b'\r\n\r\n' + body
    head = (b'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ' + uri +
            b'\r\nWARC-Date: 2024-06-03T05:00:00Z\r\n'
            b'Content-Type: application/http; msgtype=response\r\n'
            b'Content-Length: ' + str(len(http)).encode() + b'\r\n\r\n')
    return gzip.compress(head + http + b'\r\n\r\n')
with open(sys.argv[2], 'wb') as f:
    f.write(record(b'https://www.kabarserumpun.com/dunia/menlu-bertemu', page))
    f.write(record(b'https://www.kabarserumpun.com/logo.png', b'\x89PNG', b'image/png'))
    f.write(record(b'https://www.kabarserumpun.com/en/ministers', english))
PY
  "$kabar" parse "$t/arsip.warc.gz" >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "parse x.warc.gz"
  contains "$t/out" '"author":"Andi Saputra"' "the page in the archive"
  contains "$t/err" '1 page not in Indonesian skipped' "language skip counted"
  "$kabar" parse --lang any "$t/arsip.warc.gz" >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "--lang any"
  contains "$t/out" '"title":"Ministers meet"' "--lang any keeps the English page"
  "$kabar" code "$t/arsip.warc.gz" >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "code x.warc.gz"
  "$kabar" ingest --db "$t/k.db" -q "$t/arsip.warc.gz"; rc=$?
  expect 0 "ingest x.warc.gz"
fi

"$kabar" parse --lang xx "$t/kunjungan.html" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "--lang with a bad value"
contains "$t/err" "invalid language 'xx'" "names the bad value"

finish web
