#!/usr/bin/env bash
# Cached hits over HTTP, side by side with wrk on loopback ("a cache hit costs close to nothing", BENCHMARKS.md).
#
#   apt-get install wrk nginx     # once; this script installs nothing
#   tests/bench/run-wrk.sh        # both image sizes, 3 interleaved rounds of wrk -t2 -c32 -d15s per server (~7 min)
#   WRK_NEIGHBOUR=1 tests/bench/run-wrk.sh   # the same with a CPU-bound neighbour beside the servers
#
#   WRK_SIZES="200k 20k"  WRK_ROUNDS=3  WRK_DURATION=15s  WRK_THREADS=2  WRK_CONNECTIONS=32   (the defaults)
#   IMAGEGUARD_JAR=proxy-app/target/imageguard.jar (built with `mvn -o -pl proxy-app -am package` when missing)
#   IMAGEGUARD_REAL_SET=DIR   the real-world set of tests/bench/real-set.sh (assembled there when missing)
#
# The images are real photographs anyone can fetch, from the Debian 12 packages of tests/bench/real-set.sh, served as
# the files their packages ship (the proxy adds its signals; nginx and bare Jetty send the proxy's rewritten bytes):
#   200k  mate-backgrounds  /usr/share/backgrounds/mate/nature/Aqua.jpg   (200,353 bytes, 2560x1600 JPEG, Exif)
#   20k   golang-1.19-src   src/image/testdata/video-001.jpeg             (21,459 bytes, 150x103 JPEG)
#
# Five servers on 127.0.0.1, each on a free port, all started before the first round and stopped on exit:
#   imageguard  java -jar imageguard.jar serve --root SITE --admin-port 0   (cache hits, X-ImageGuard: hit checked)
#   bare-jetty  BareJettyServer: a Jetty 12 core handler sending the proxy's rewritten bytes from one byte[]
#   nginx       nginx over the proxy's rewritten copies (same bodies), private config, 2 workers, access_log off,
#               sendfile on, keepalive_requests lifted (see the configuration below)
#   filter      FilterBenchServer: Jetty 12 ee10 DefaultServlet over SITE behind ImageGuardFilter (cache hits)
#   servlet     FilterBenchServer: the same DefaultServlet over SITE without the filter (the original files)
# Each server gets a warm-up (wrk -t1 -c4 -d3s, a few thousand requests) per image, then the rounds run the servers
# in turn (A B C D E, A B C D E, ...) so that load from the rest of the machine spreads over all of them.
# wrk and the servers share the machine's cores: on a 2-core machine the client takes about half of the CPU.
#
# WRK_NEIGHBOUR=1: a proxy shares its machine. After each image's warm-up and for its rounds, a CPU-bound neighbour
# runs beside the servers: `imageguard rewrite` (metadata only, C1 and the serial collector, as docs/cli.md gives for
# batches) over the whole real-world set, in a loop, stopped after the rounds and on exit.
#
# Results: tests/target/bench/wrk-results.tsv (every run) and tests/target/bench/wrk-table.md (medians, ratios);
# wrk-results-neighbour.tsv and wrk-table-neighbour.md with WRK_NEIGHBOUR=1. The load average is printed per round.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
sizes="${WRK_SIZES:-200k 20k}"
rounds="${WRK_ROUNDS:-3}"
duration="${WRK_DURATION:-15s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-32}"
jar="${IMAGEGUARD_JAR:-proxy-app/target/imageguard.jar}"
neighbour="${WRK_NEIGHBOUR:-0}"
suffix=""
[[ "$neighbour" == 1 ]] && suffix="-neighbour"
out="$root/tests/target/bench"
mkdir -p "$out"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "run-wrk.sh: $tool is missing (apt-get install wrk nginx)" >&2; exit 1; }
done

source "$root/tests/bench/lib.sh"
bench_test_classpath
if [[ ! -s "$jar" ]]; then
  mvn -q -o -pl proxy-app -am package -DskipTests
fi

work="$(mktemp -d /tmp/imageguard-wrk.XXXXXX)"
chmod 755 "$work" # nginx's workers run as nobody and must read the site
pids=()
nb_pid=""
# The neighbour: a loop of batch rewrites; its current JVM's pid is kept in a file so that stopping it stops both.
start_neighbour() {
  [[ "$neighbour" == 1 ]] || return 0
  printf 'optimize:\n  mode: none\n' >"$work/neighbour.yaml"
  (
    while true; do
      rm -rf "$work/neighbour-out"
      java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" rewrite --config "$work/neighbour.yaml" \
        -o "$work/neighbour-out" "$real_set" >/dev/null 2>&1 &
      echo "$!" >"$work/neighbour.pid"
      wait "$!" || true
    done
  ) &
  nb_pid="$!"
}
stop_neighbour() {
  [[ -n "$nb_pid" ]] || return 0
  kill "$nb_pid" 2>/dev/null || true
  wait "$nb_pid" 2>/dev/null || true
  [[ -s "$work/neighbour.pid" ]] && kill "$(cat "$work/neighbour.pid")" 2>/dev/null || true
  nb_pid=""
}
stop_all() {
  stop_neighbour
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop_all EXIT
trap 'echo "run-wrk.sh: failed at line $LINENO" >&2' ERR

# --- the images: two real photographs of the real-world set (see the top), under the names the rounds use ----------
real_set="$(IMAGEGUARD_REAL_SET="${IMAGEGUARD_REAL_SET:-}" tests/bench/real-set.sh)"
site="$work/site"
mkdir -p "$site"
cp "$real_set/mate-backgrounds/usr/share/backgrounds/mate/nature/Aqua.jpg" "$site/photo-200k.jpg"
cp "$real_set/go/testdata/video-001.jpeg" "$site/photo-20k.jpg"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start NAME PORT COMMAND...: runs the server in the background and waits (up to 30 s) until it answers on PORT.
start() {
  local name="$1" port="$2"
  shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
  server_pid[${name%%-[0-9]*k}]="$!"
  for _ in $(seq 150); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      return 0
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "run-wrk.sh: $name did not start on port $port; its log:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

# expect_hit URL: the response must be a cache hit of ImageGuard.
expect_hit() {
  local header
  header="$(curl -s -D - -o /dev/null "$1" | tr -d '\r' | grep -i '^X-ImageGuard:' || true)"
  # hit;stage=protected or hit;stage=optimized: either way served from the cache.
  if [[ "$header" != "X-ImageGuard: hit" && "$header" != "X-ImageGuard: hit;"* ]]; then
    echo "run-wrk.sh: $1 is not a cache hit (${header:-no X-ImageGuard header})" >&2
    exit 1
  fi
}

declare -A port
declare -A server_pid # NAME -> pid, for the CPU each server spends per request
for name in imageguard nginx filter servlet; do
  port[$name]="$(free_port)"
done
java_cp=(java -cp "$BENCH_CP")
start imageguard "${port[imageguard]}" \
  java -jar "$jar" serve --root "$site" --port "${port[imageguard]}" --admin-port 0
start filter "${port[filter]}" "${java_cp[@]}" org.imageguard.bench.FilterBenchServer "${port[filter]}" "$site" filter
start servlet "${port[servlet]}" "${java_cp[@]}" org.imageguard.bench.FilterBenchServer "${port[servlet]}" "$site" plain

# await_optimized URL: the first response is the protected body; background optimisation replaces it shortly
# after. The benchmark serves the final body, so wait (up to 30 s) until the cache holds the optimised one.
await_optimized() {
  for _ in $(seq 150); do
    if curl -s -D - -o /dev/null "$1" | tr -d '\r' | grep -qi '^X-ImageGuard: hit;stage=optimized'; then
      return 0
    fi
    sleep 0.2
  done
  echo "run-wrk.sh: $1 was not optimised within 30 s; measuring the protected body" >&2
}

# The proxy's rewritten bytes, fetched once optimised: bare Jetty and nginx send exactly these bodies.
rewritten="$work/rewritten"
mkdir -p "$rewritten"
for size in 200k 20k; do
  curl -sf -o /dev/null "http://127.0.0.1:${port[imageguard]}/photo-$size.jpg"
  await_optimized "http://127.0.0.1:${port[imageguard]}/photo-$size.jpg"
  curl -sf -o "$rewritten/photo-$size.jpg" "http://127.0.0.1:${port[imageguard]}/photo-$size.jpg"
  expect_hit "http://127.0.0.1:${port[imageguard]}/photo-$size.jpg"
  curl -sf -o /dev/null "http://127.0.0.1:${port[filter]}/photo-$size.jpg"
  await_optimized "http://127.0.0.1:${port[filter]}/photo-$size.jpg"
  expect_hit "http://127.0.0.1:${port[filter]}/photo-$size.jpg"
done

mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  # nginx closes a keep-alive connection after 1,000 requests by default; wrk counts those closes as socket errors
  # and the proxy and Jetty keep connections open, so the comparison is only fair with the limit lifted.
  keepalive_requests 10000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:${port[nginx]};
    root $rewritten;
  }
}
CONF
start nginx "${port[nginx]}" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf"

# cpu_ticks PID: CPU time (user + system, in clock ticks) of a server process and its direct children (nginx's
# workers), so that each run can say how much CPU the server itself spent per request, apart from wrk and the rest.
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
ticks_per_s="$(getconf CLK_TCK)"

# run_wrk NAME URL SIZE ROUND: one measured run, appended to the results as one line.
results="$out/wrk-results$suffix.tsv"
printf 'size\tserver\tround\trequests\tbytes\tduration_us\treq_per_s\tmb_per_s\tserver_cpu_us_per_req\n' >"$results"
run_wrk() {
  local line before after
  before="$(cpu_ticks "${server_pid[$1]}")"
  line="$(timeout 120 wrk -t"$threads" -c"$connections" -d"$duration" -s tests/bench/wrk-summary.lua "$2" \
    | grep '^RESULT')"
  after="$(cpu_ticks "${server_pid[$1]}")"
  read -r _ requests bytes micros socket_errors status_errors <<<"$line"
  if ((socket_errors + status_errors > 0)); then
    echo "run-wrk.sh: $1 answered $status_errors errors and had $socket_errors socket errors" >&2
    exit 1
  fi
  awk -v s="$3" -v n="$1" -v r="$4" -v q="$requests" -v b="$bytes" -v d="$micros" -v c="$((after - before))" \
    -v hz="$ticks_per_s" 'BEGIN {
    printf "%s\t%s\t%s\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f\t%.1f\n", s, n, r, q, b, d, q / (d / 1e6), b / (d / 1e6) / 1e6,
      c / hz * 1e6 / q }' \
    | tee -a "$results"
}

servers=(imageguard bare-jetty nginx filter servlet)
for size in $sizes; do
  port[bare-jetty]="$(free_port)"
  start "bare-jetty-$size" "${port[bare-jetty]}" "${java_cp[@]}" org.imageguard.bench.BareJettyServer \
    "${port[bare-jetty]}" "$rewritten/photo-$size.jpg" image/jpeg
  bare_pid="${pids[-1]}"
  for name in "${servers[@]}"; do
    url="http://127.0.0.1:${port[$name]}/photo-$size.jpg"
    curl -sf -o "$work/check-$name.jpg" "$url"
    # The filter's rewrite differs by a few bytes (the xmptk version string of the unshaded xmpcore) and the plain
    # servlet sends the original: their sizes show in the table.
    if [[ "$name" != servlet && "$name" != filter ]] && ! cmp -s "$work/check-$name.jpg" "$rewritten/photo-$size.jpg"; then
      echo "run-wrk.sh: $name does not send the rewritten bytes of photo-$size.jpg" >&2
      exit 1
    fi
    timeout 60 wrk -t1 -c4 -d3s "$url" >/dev/null
  done
  expect_hit "http://127.0.0.1:${port[imageguard]}/photo-$size.jpg"
  expect_hit "http://127.0.0.1:${port[filter]}/photo-$size.jpg"
  start_neighbour
  for round in $(seq "$rounds"); do
    echo "round $round of $size, load $(cut -d' ' -f1-3 /proc/loadavg)${nb_pid:+, neighbour running}" >&2
    for name in "${servers[@]}"; do
      run_wrk "$name" "http://127.0.0.1:${port[$name]}/photo-$size.jpg" "$size" "$round"
    done
  done
  stop_neighbour
  kill "$bare_pid"
  wait "$bare_pid" 2>/dev/null || true
done

# --- the table: medians of the rounds, ratios of the medians ---------------------------------------------------------
python3 - "$results" <<'PY' | tee "$out/wrk-table$suffix.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
sizes = list(dict.fromkeys(r["size"] for r in rows))
servers = list(dict.fromkeys(r["server"] for r in rows))
def med(size, server, key):
    return statistics.median(float(r[key]) for r in rows if r["size"] == size and r["server"] == server)
print("| image | server | bytes/response | requests/s (median) | MB/s (median) | server CPU µs/request (median)"
      " | requests/s of each round |")
print("|---|---|---:|---:|---:|---:|---|")
for s in sizes:
    for n in servers:
        mine = [r for r in rows if r["size"] == s and r["server"] == n]
        per = sum(int(r["bytes"]) for r in mine) / sum(int(r["requests"]) for r in mine)
        rounds = ", ".join(r["req_per_s"] for r in mine)
        print(f"| {s} | {n} | {per:.0f} | {med(s, n, 'req_per_s'):.0f} | {med(s, n, 'mb_per_s'):.1f}"
              f" | {med(s, n, 'server_cpu_us_per_req'):.1f} | {rounds} |")
print()
print("| image | imageguard / bare-jetty | imageguard / nginx | filter / servlet |")
print("|---|---:|---:|---:|")
for s in sizes:
    q = lambda n: med(s, n, "req_per_s")
    print(f"| {s} | {q('imageguard') / q('bare-jetty'):.2f}x | {q('imageguard') / q('nginx'):.2f}x"
          f" | {q('filter') / q('servlet'):.2f}x |")
PY
