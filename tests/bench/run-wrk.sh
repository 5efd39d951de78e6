#!/usr/bin/env bash
# Cached hits over HTTP, side by side with wrk on loopback ("a cache hit costs close to nothing", BENCHMARKS.md).
#
#   apt-get install wrk nginx     # once; this script installs nothing
#   tests/bench/run-wrk.sh        # both image sizes, 3 interleaved rounds of wrk -t2 -c32 -d15s per server (~7 min)
#
#   WRK_SIZES="200k 20k"  WRK_ROUNDS=3  WRK_DURATION=15s  WRK_THREADS=2  WRK_CONNECTIONS=32   (the defaults)
#   IMAGEGUARD_JAR=proxy-app/target/imageguard.jar (built with `mvn -o -pl proxy-app -am package` when missing)
#
# Five servers on 127.0.0.1, each on a free port, all started before the first round and stopped on exit:
#   imageguard  java -jar imageguard.jar serve --root SITE --admin-port 0   (cache hits, X-ImageGuard: hit checked)
#   bare-jetty  BareJettyServer: a Jetty 12 core handler sending the proxy's rewritten bytes from one byte[]
#   nginx       nginx over the proxy's rewritten copies (same bodies), private config, 2 workers, access_log off
#   filter      FilterBenchServer: Jetty 12 ee10 DefaultServlet over SITE behind ImageGuardFilter (cache hits)
#   servlet     FilterBenchServer: the same DefaultServlet over SITE without the filter (the original files)
# Each server gets a warm-up (wrk -t1 -c4 -d3s, a few thousand requests) per image, then the rounds run the servers
# in turn (A B C D E, A B C D E, ...) so that load from the rest of the machine spreads over all of them.
# wrk and the servers share the machine's cores: on a 2-core machine the client takes about half of the CPU.
#
# Results: tests/target/bench/wrk-results.tsv (every run) and tests/target/bench/wrk-table.md (medians, ratios).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
sizes="${WRK_SIZES:-200k 20k}"
rounds="${WRK_ROUNDS:-3}"
duration="${WRK_DURATION:-15s}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-32}"
jar="${IMAGEGUARD_JAR:-proxy-app/target/imageguard.jar}"
out="$root/tests/target/bench"
mkdir -p "$out"
for tool in wrk nginx convert exiftool curl python3; do
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
stop_all() {
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

# --- the images: photo-like noise with the metadata a camera leaves (GPS, serial, owner), ~200 KB and ~20 KB -------
site="$work/site"
mkdir -p "$site"
convert -seed 7 -size 1000x780 plasma:fractal -attenuate 0.3 +noise Gaussian -quality 88 "$site/photo-200k.jpg"
convert -seed 7 -size 300x240 plasma:fractal -attenuate 0.3 +noise Gaussian -quality 88 "$site/photo-20k.jpg"
exiftool -q -overwrite_original -GPSLatitude=48.8584 -GPSLatitudeRef=N -GPSLongitude=2.2945 -GPSLongitudeRef=E \
  -SerialNumber=SN123456 -OwnerName="Jane Doe" -Make=Canon -Model="EOS R5" -Copyright="(c) Jane Doe" "$site"/*.jpg

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start NAME PORT COMMAND...: runs the server in the background and waits (up to 30 s) until it answers on PORT.
start() {
  local name="$1" port="$2"
  shift 2
  "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
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

# run_wrk NAME URL SIZE ROUND: one measured run, appended to the results as one line.
results="$out/wrk-results.tsv"
printf 'size\tserver\tround\trequests\tbytes\tduration_us\treq_per_s\tmb_per_s\n' >"$results"
run_wrk() {
  local line
  line="$(timeout 120 wrk -t"$threads" -c"$connections" -d"$duration" -s tests/bench/wrk-summary.lua "$2" \
    | grep '^RESULT')"
  read -r _ requests bytes micros socket_errors status_errors <<<"$line"
  if ((socket_errors + status_errors > 0)); then
    echo "run-wrk.sh: $1 answered $status_errors errors and had $socket_errors socket errors" >&2
    exit 1
  fi
  awk -v s="$3" -v n="$1" -v r="$4" -v q="$requests" -v b="$bytes" -v d="$micros" 'BEGIN {
    printf "%s\t%s\t%s\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f\n", s, n, r, q, b, d, q / (d / 1e6), b / (d / 1e6) / 1e6 }' \
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
  for round in $(seq "$rounds"); do
    for name in "${servers[@]}"; do
      run_wrk "$name" "http://127.0.0.1:${port[$name]}/photo-$size.jpg" "$size" "$round"
    done
  done
  kill "$bare_pid"
  wait "$bare_pid" 2>/dev/null || true
done

# --- the table: medians of the rounds, ratios of the medians ---------------------------------------------------------
python3 - "$results" <<'PY' | tee "$out/wrk-table.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
sizes = list(dict.fromkeys(r["size"] for r in rows))
servers = list(dict.fromkeys(r["server"] for r in rows))
def med(size, server, key):
    return statistics.median(float(r[key]) for r in rows if r["size"] == size and r["server"] == server)
print("| image | server | bytes/response | requests/s (median) | MB/s (median) | requests/s of each round |")
print("|---|---|---:|---:|---:|---|")
for s in sizes:
    for n in servers:
        mine = [r for r in rows if r["size"] == s and r["server"] == n]
        per = sum(int(r["bytes"]) for r in mine) / sum(int(r["requests"]) for r in mine)
        rounds = ", ".join(r["req_per_s"] for r in mine)
        print(f"| {s} | {n} | {per:.0f} | {med(s, n, 'req_per_s'):.0f} | {med(s, n, 'mb_per_s'):.1f} | {rounds} |")
print()
print("| image | imageguard / bare-jetty | imageguard / nginx | filter / servlet |")
print("|---|---:|---:|---:|")
for s in sizes:
    q = lambda n: med(s, n, "req_per_s")
    print(f"| {s} | {q('imageguard') / q('bare-jetty'):.2f}x | {q('imageguard') / q('nginx'):.2f}x"
          f" | {q('filter') / q('servlet'):.2f}x |")
PY
