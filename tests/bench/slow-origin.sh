#!/usr/bin/env bash
# Does a slow origin stop a normal client from being served? 1,000 requests wait for an origin that holds back its
# headers (then, separately, one that stops halfway through a body the proxy is streaming), while one normal client
# asks 40 times for a 21 KB cached image on fresh connections. Target: every normal request answered within 100 ms.
#
#   tests/bench/slow-origin.sh                                    # this build
#   BEFORE_JAR=/tmp/old.jar tests/bench/slow-origin.sh            # and an older build, in the same run
#   SLOW=300 REQUESTS=10 tests/bench/slow-origin.sh               # fewer (a blocked request waits 10 s)
#
# Needs: java, python3, proxy-app/target/imageguard.jar (mvn -q -DskipTests package), the real-world set of
# tests/bench/real-set.sh (for the image).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SET=$("$ROOT/tests/bench/real-set.sh")
ulimit -n 16384
JARS=()
if [ -n "${BEFORE_JAR:-}" ]; then
    JARS+=("$BEFORE_JAR")
fi
JARS+=("${IMAGEGUARD_JAR:-$ROOT/proxy-app/target/imageguard.jar}")
for mode in headers body; do
    python3 "$ROOT/tests/bench/slow-origin.py" "$SET/go/testdata/video-001.jpeg" "${JARS[@]}" \
        --slow "${SLOW:-1000}" --requests "${REQUESTS:-40}" --mode "$mode"
done
