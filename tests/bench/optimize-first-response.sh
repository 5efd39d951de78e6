#!/usr/bin/env bash
# Through the proxy: how long the first response for a 6 MP PNG takes with optimize.mode none and with lossless (the
# default, which recompresses in the background), and when the optimised body appears after it.
#
#   tests/bench/optimize-first-response.sh     # 5 distinct 3000x2000 8-bit PNGs (ImageMagick plasma, seeded, ~5.5 MB)
#
#   OPT_FILES=5  OPT_WIDTH=3000  OPT_HEIGHT=2000  IMAGEGUARD_JAR=proxy-app/target/imageguard.jar
#
# Two proxies run side by side (java -Xmx1g each, --root over the same files; one with optimize.mode none, one with
# the default lossless). For each file in turn: the first response from the lossless proxy (curl time_total), then
# polling it every 50 ms until X-ImageGuard says stage=optimized (time from the first request, and the sizes),
# then the first response for the same file from the none proxy. Prints each file and the medians.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
files="${OPT_FILES:-5}"
width="${OPT_WIDTH:-3000}"
height="${OPT_HEIGHT:-2000}"
jar="${IMAGEGUARD_JAR:-proxy-app/target/imageguard.jar}"
for tool in convert curl python3; do
  command -v "$tool" >/dev/null || { echo "optimize-first-response.sh: $tool is missing" >&2; exit 1; }
done
[[ -s "$jar" ]] || mvn -q -o -pl proxy-app -am package -DskipTests

work="$(mktemp -d /tmp/imageguard-optimize.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/root"
for i in $(seq 1 "$files"); do
  convert -seed "$i" -size "${width}x${height}" plasma:fractal -depth 8 -blur 0x1 "$work/root/img$i.png"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_proxy() { # $1 = optimize mode; prints the port
  local port admin
  port=$(free_port); admin=$(free_port)
  printf 'optimize:\n  mode: %s\n' "$1" >"$work/$1.yaml"
  java -Xmx1g -jar "$jar" serve --root "$work/root" --config "$work/$1.yaml" --port "$port" --admin-port "$admin" \
    >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$admin/healthz" && break; sleep 0.2; done
  echo "$port"
}
none_port=$(start_proxy none)
lossless_port=$(start_proxy lossless)

now() { date +%s.%N; }
# Prints "seconds bytes label" for one GET.
fetch() {
  curl -s -o /dev/null -D "$work/headers" -w '%{time_total} %{size_download}' "$1"
  printf ' %s\n' "$(tr -d '\r' <"$work/headers" | awk -F': ' 'tolower($1)=="x-imageguard" {print $2}')"
}

echo "files: $files distinct ${width}x${height} PNGs, $(du -ch "$work"/root/*.png | tail -1 | cut -f1) in all"
echo "load before: $(uptime | sed 's/.*load average: //')"
printf '%-10s %10s %10s %12s %12s %12s\n' file none_s lossless_s optimized_s protected_B optimized_B
: >"$work/rows"
for i in $(seq 1 "$files"); do
  start=$(now)
  read -r lossless_s protected_b label < <(fetch "http://127.0.0.1:$lossless_port/img$i.png")
  [[ "$label" == "miss;stage=protected" ]] || { echo "img$i: lossless first response was $label" >&2; exit 1; }
  optimized_b=-; optimized_s=-
  for _ in $(seq 1 1200); do
    read -r _ bytes label < <(fetch "http://127.0.0.1:$lossless_port/img$i.png")
    if [[ "$label" == "hit;stage=optimized" ]]; then
      optimized_b=$bytes; optimized_s=$(python3 -c "print(f'{$(now) - $start:.2f}')"); break
    fi
    sleep 0.05
  done
  read -r none_s none_b label < <(fetch "http://127.0.0.1:$none_port/img$i.png")
  [[ "$label" == "miss;stage=protected" ]] || { echo "img$i: none first response was $label" >&2; exit 1; }
  printf '%-10s %10s %10s %12s %12s %12s\n' "img$i" "$none_s" "$lossless_s" "$optimized_s" "$protected_b" "$optimized_b" \
    | tee -a "$work/rows"
done
python3 - "$work/rows" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(col):
    values = [float(r[col]) for r in rows if r[col] != '-']
    return statistics.median(values) if values else float('nan')
none, lossless, optimized = med(1), med(2), med(3)
print(f"median first response: none {none:.3f} s, lossless {lossless:.3f} s (ratio {lossless / none:.2f}); "
      f"optimised body served after {optimized:.2f} s (median), "
      f"{100 * (1 - med(5) / med(4)):.1f}% smaller than the protected body (median sizes)")
PY
echo "load after: $(uptime | sed 's/.*load average: //')"
