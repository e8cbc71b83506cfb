#!/bin/sh
# test_serve_slow.sh BUILD -- `kabar serve` against slow clients: the
# request deadline (--header-timeout) cuts off a client that sends its
# headers one byte at a time (never silent, so the idle --timeout alone
# would let it stay), one that sends them whole but never ends them, and
# a kept-alive connection that trickles its second request; while an
# honest client on a kept-alive connection is answered and kept, and with
# --header-timeout 0 the same trickle is not cut.  The deadline is 1 s
# here so the test takes seconds.  Needs python3 (the slow clients).
# Prints "# serve_slow: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$t"
}
trap cleanup EXIT

if ! command -v python3 >/dev/null 2>&1; then
  echo "FAIL: test_serve_slow needs python3 (make deps installs it)"
  echo "# serve_slow: 0 passed, 1 failed"
  exit 1
fi

db="$t/slow.db"
"$kabar" ingest -q --db "$db" examples/ || fail "ingest examples/"

# start OPTION...: a server on a free port; sets pid and port
start() {
  : >"$t/serve.err" # emptied, and there before the background job opens it
  "$kabar" serve --db "$db" --listen 127.0.0.1:0 --threads 2 "$@" 2>"$t/serve.err" &
  pid=$!
  port=""
  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
    port=$(sed -n 's/.*serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$t/serve.err" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.2
  done
}
stop() {
  kill -TERM "$pid"
  wait "$pid"
  rc=$?
  pid=""
}

# client MODE: one slow client against $port; prints "closed after S" (the
# server closed the connection S seconds after it opened) or "open after
# S" (still open when the client gave up, S seconds in), or for MODE
# honest "answered N" (N answers on one kept-alive connection).
#   dribble  the request line and a header, one byte every 0.1 s, for 6 s
#   unended  the request line and a header at once, then nothing more
#   second   a whole request, its answer read, then the next request
#            dribbled as above on the same connection
#   honest   three whole requests on one connection, 0.3 s apart
client() {
  python3 - "$port" "$1" <<'EOF'
import socket, sys, time
port, mode = int(sys.argv[1]), sys.argv[2]
req = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
def answer(s):
    """Reads one answer (headers and Content-Length bytes); b'' at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        got = s.recv(4096)
        if not got:
            return b""
        data += got
    head, body = data.split(b"\r\n\r\n", 1)
    n = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
    while len(body) < n:
        got = s.recv(4096)
        if not got:
            return b""
        body += got
    return head
def is_closed(s):
    try:
        return s.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
s = socket.create_connection(("127.0.0.1", port), timeout=5)
t0 = time.time()
if mode == "honest":
    n = 0
    for i in range(3):
        s.sendall(req)
        if answer(s).startswith(b"HTTP/1.1 200"):
            n += 1
        time.sleep(0.3)
    print("answered %d" % n)
    sys.exit(0)
if mode == "second":
    s.sendall(req)
    answer(s)
    t0 = time.time()
s.setblocking(False)
trickle = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
if mode == "unended":
    s.sendall(trickle[:60])
i = 0
while time.time() - t0 < 6:
    if mode != "unended" and i < len(trickle):
        try:
            s.sendall(trickle[i:i + 1])
        except OSError:
            print("closed after %.1f" % (time.time() - t0))
            sys.exit(0)
        i += 1
    time.sleep(0.1)
    if is_closed(s):
        print("closed after %.1f" % (time.time() - t0))
        sys.exit(0)
print("open after %.1f" % (time.time() - t0))
EOF
}

# within OUT LO HI: OUT is "closed after S" with LO <= S <= HI
within() {
  python3 -c "import sys; w=sys.argv[1].split(); sys.exit(0 if w[:2]==['closed','after'] and float(sys.argv[2]) <= float(w[2]) <= float(sys.argv[3]) else 1)" "$1" "$2" "$3"
}

# ---- usage -----------------------------------------------------------------
"$kabar" serve --header-timeout x >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] && ok || fail "serve --header-timeout x: exit $rc, want 2"
"$kabar" serve --help | grep -q -- "--header-timeout S" && ok || fail "--help names --header-timeout"

# ---- a 1 s deadline, a 30 s idle timeout -----------------------------------
start --header-timeout 1 --timeout 30
[ -n "$port" ] && ok || { fail "the server did not start: $(cat "$t/serve.err")"; echo "# serve_slow: $passed passed, $failed failed"; exit 1; }
out=$(client dribble)
within "$out" 0.8 2.5 && ok || fail "a byte-by-byte client with a 1 s deadline: $out, want closed after about 1 s"
out=$(client unended)
within "$out" 0.8 2.5 && ok || fail "headers never ended, 1 s deadline: $out"
out=$(client second)
within "$out" 0.8 2.5 && ok || fail "a second request dribbled on a kept-alive connection: $out"
out=$(client honest)
[ "$out" = "answered 3" ] && ok || fail "an honest kept-alive client: $out, want answered 3"
# the slow ones took nothing from the others
code=$(python3 -c "import urllib.request,sys; print(urllib.request.urlopen('http://127.0.0.1:$port/api/health').status)" 2>/dev/null)
[ "$code" = 200 ] && ok || fail "health after the slow clients: $code"
stop
[ $rc -eq 0 ] && ok || fail "SIGTERM with the reaper running: exit $rc"

# ---- no deadline: the trickle stays (what the deadline is for) -------------
start --header-timeout 0 --timeout 30
out=$(client dribble)
case "$out" in "open after"*) ok ;; *) fail "with --header-timeout 0 a byte-by-byte client was cut: $out" ;; esac
stop

finish serve_slow
