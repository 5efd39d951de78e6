#!/usr/bin/env bash
# Cold misses of large images at -Xmx256m with default settings: wrk over distinct URLs, each asked once per round.
#
#   tests/bench/run-memory-burst.sh      # 48 connections, 20 s, ~9 MB noise JPEGs with GPS (~2 min with set-up)
#
#   BURST_CONNECTIONS=48  BURST_DURATION=20s  BURST_IMAGES=48  IMAGEGUARD_JAR=proxy-app/target/imageguard.jar
#
# The proxy (--root over the images, nothing else configured) runs in its own JVM at -Xmx256m. wrk walks the URLs
# /imgN.jpg?n=COUNTER, so every request is a first request (a cache miss): the worst case for memory. Afterwards
# the script prints wrk's totals, the proxy's outcome counters and whether its log or /healthz saw an
# OutOfMemoryError. Correctness (no GPS, DataMining present) is MemoryBurstIT's job; this only measures.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
connections="${BURST_CONNECTIONS:-48}"
duration="${BURST_DURATION:-20s}"
images="${BURST_IMAGES:-48}"
jar="${IMAGEGUARD_JAR:-proxy-app/target/imageguard.jar}"
for tool in wrk convert exiftool curl; do
  command -v "$tool" >/dev/null || { echo "run-memory-burst.sh: $tool is missing" >&2; exit 1; }
done
[[ -s "$jar" ]] || mvn -q -o -pl proxy-app -am package -DskipTests

work="$(mktemp -d /tmp/imageguard-burst.XXXXXX)"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/root"
convert -size 3000x3000 xc:gray -seed 1 +noise Random -quality 97 "$work/base.jpg"
exiftool -q -overwrite_original -GPSLatitude=48.8566 -GPSLatitudeRef=N -GPSLongitude=2.3522 -GPSLongitudeRef=E \
  -SerialNumber=SN-0042 "$work/base.jpg"
for i in $(seq 0 $((images - 1))); do cp "$work/base.jpg" "$work/root/img$i.jpg"; done
size=$(stat -c %s "$work/base.jpg")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
admin=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -Xmx256m -jar "$jar" serve --root "$work/root" --port "$port" --admin-port "$admin" >"$work/proxy.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$admin/healthz" && break; sleep 0.2; done

cat >"$work/walk.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/img" .. (n % $images) .. ".jpg?n=" .. n)
end
LUA
echo "images: $images x $size bytes; wrk -t2 -c$connections -d$duration; java -Xmx256m, default settings"
wrk -t2 -c"$connections" -d"$duration" --timeout 30s -s "$work/walk.lua" "http://127.0.0.1:$port/" | \
  grep -E "Requests/sec|Latency|requests in|Non-2xx|Socket errors"
curl -s "http://127.0.0.1:$admin/metrics" | grep -E '^imageguard_(requests_total\{outcome="(miss|busy|error|pass)"|busy_total|out_of_memory_total|write_failures_total)' || true
echo "healthz: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin/healthz")"
echo "OutOfMemoryError lines in the log: $(grep -c -i 'out of memory\|OutOfMemoryError' "$work/proxy.log" || true)"
