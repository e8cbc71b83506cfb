# serve_lib.sh -- sourced by the serve benchmarks (bench_serve.sh,
# serve_cold.sh).  serve_start KABAR DB LOG [ARGS...] starts `kabar serve`
# on a free loopback port with --threads 2 and ARGS, its stderr in LOG;
# sets pid and base (http://127.0.0.1:PORT), or exits 1 when it does not
# come up within 10 s.
serve_start() {
  _kabar=$1 _db=$2 _log=$3
  shift 3
  "$_kabar" serve --db "$_db" --listen 127.0.0.1:0 --threads 2 "$@" 2>"$_log" &
  pid=$!
  port=""
  for _i in $(seq 1 40); do
    port=$(sed -n 's/.*serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$_log")
    [ -n "$port" ] && break
    sleep 0.25
  done
  [ -n "$port" ] || { echo "the server did not start: $(cat "$_log")"; exit 1; }
  base="http://127.0.0.1:$port"
}
