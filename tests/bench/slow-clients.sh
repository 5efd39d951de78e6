#!/usr/bin/env bash
# Do 1,000 slow clients stop a normal client from being served? The proxy (static mode) serves a 16 MB wallpaper
# (larger than a loopback socket's send buffer, 4 MB at most) to 1,000 clients that read a byte a second (a 4 KB
# receive buffer each), then, separately, to
# 1,000 clients that send their request headers a byte a second; meanwhile one normal client asks 40 times for a
# 21 KB cached image on fresh connections. Target: every normal request answered within 100 ms.
# The slow clients send `Host: localhost`, not the warm-up's 127.0.0.1:PORT, so theirs are cache misses: each is
# buffered within the in-flight budget, or streamed through untouched once the budget is spent.
#
#   tests/bench/slow-clients.sh                                   # this build
#   BEFORE_JAR=/tmp/old.jar tests/bench/slow-clients.sh           # and an older build, in the same run
#   CLIENTS=300 REQUESTS=10 tests/bench/slow-clients.sh           # fewer (a blocked request waits 10 s)
# The slow readers fill the kernel's TCP memory (up to 4 MB per connection) for the few seconds of a run.
#
# Needs: java, python3, proxy-app/target/imageguard.jar (mvn -q -DskipTests package), the real-world set of
# tests/bench/real-set.sh (for the two images). The proxy runs at -Xmx256m with its default thread pool (200 threads
# on Java 17) and default Jetty idle timeout (30 s: a connection making no progress for that long is closed).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SET=$("$ROOT/tests/bench/real-set.sh")
SITE=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-slow.XXXXXX")
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$SITE"' EXIT
cp "$SET/mate-backgrounds/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg" "$SITE/big.jpg"
cp "$SET/go/testdata/video-001.jpeg" "$SITE/small.jpg"
ulimit -n 16384

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

measure() { # LABEL JAR
    local port; port=$(free_port)
    java -Xmx256m -jar "$2" serve --root "$SITE" --port "$port" --admin-port 0 > "$SITE/$1.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/small.jpg" && break; sleep 0.3; done
    for path in /big.jpg /small.jpg /big.jpg /small.jpg; do curl -fs -o /dev/null "http://127.0.0.1:$port$path"; done
    for mode in read headers; do
        echo "$1 $mode (load $(cut -d' ' -f1-3 /proc/loadavg)): $(python3 "$ROOT/tests/bench/slow-clients.py" \
            "$port" /big.jpg /small.jpg --clients "${CLIENTS:-1000}" --mode "$mode" --requests "${REQUESTS:-40}")"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

if [ -n "${BEFORE_JAR:-}" ]; then
    measure before "$BEFORE_JAR"
fi
measure this "${IMAGEGUARD_JAR:-$ROOT/proxy-app/target/imageguard.jar}"
