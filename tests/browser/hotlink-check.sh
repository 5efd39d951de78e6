#!/usr/bin/env bash
# Hotlink protection as a browser sees it: headless Chromium loads the site's own page and a foreign page (another
# origin: 127.0.0.1 instead of localhost) that both embed the same image through the proxy. The own page must get the
# image, the foreign one the placeholder; the proxy's metrics must count exactly one hotlink denial.
# Needs: a built proxy-app/target/imageguard.jar, Debian's chromium, python3, curl. Loopback only; stops what it starts.
# Usage: tests/browser/hotlink-check.sh [PORT]     (screenshots are left in tests/target/hotlink-check/)
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${1:-18080}; foreign_port=$((port + 1)); admin_port=$((port + 2))
work=tests/target/hotlink-check
rm -rf "$work" && mkdir -p "$work/site/images" "$work/foreign"
cp proxy-app/src/main/resources/demo/images/harbour.jpg "$work/site/images/"
echo '<!doctype html><h1>Own site</h1><img src="/images/harbour.jpg">' > "$work/site/index.html"
echo "<!doctype html><h1>Foreign site</h1><img src=\"http://localhost:$port/images/harbour.jpg\">" \
  > "$work/foreign/index.html"
cat > "$work/imageguard.yaml" <<YAML
server: { host: 127.0.0.1, port: $port, admin-port: $admin_port }
origin: { root: $PWD/$work/site }
hotlink: { enabled: true, action: placeholder }
YAML

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
java -jar proxy-app/target/imageguard.jar serve --config "$work/imageguard.yaml" > "$work/proxy.log" 2>&1 &
pids+=($!)
(cd "$work/foreign" && exec python3 -m http.server "$foreign_port" --bind 127.0.0.1) > "$work/foreign.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$admin_port/healthz" >/dev/null && curl -sf "http://127.0.0.1:$foreign_port/" >/dev/null \
    && break
  sleep 0.2
done

shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --window-size=500,400 --user-data-dir="$(mktemp -d)" \
    --screenshot="$2" "$1" 2>/dev/null
}
shot "http://localhost:$port/" "$work/own.png"
shot "http://127.0.0.1:$foreign_port/" "$work/foreign.png"

denials=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^imageguard_hotlink_denials_total/ {print int($2)}')
misses=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^imageguard_requests_total\{outcome="miss"/ {print int($2)}')
echo "own page: image served (rewrites: $misses); foreign page: hotlink denials: $denials"
echo "screenshots: $work/own.png $work/foreign.png"
[ "$denials" = 1 ] && [ "$misses" -ge 1 ] || { echo "FAILED: expected 1 denial and the image served once" >&2; exit 1; }
echo "OK"
