#!/usr/bin/env bash
# The PNG Done-when's wall-time comparison: the CLI (`imageguard rewrite -o OUT DIR`, default config, files in
# parallel on limits.transform-concurrency threads, JVM start-up included) against `optipng -o2` run file by file over
# the same files, side by side in each round. Prints per round: load average, both wall times, bytes saved (ours from
# the original, so the XMP packet we add counts against us). Pixels: compare the outputs with ImageMagick yourself
# (`compare -metric AE ORIG OUT null:`), or use tests/bench/lossless-png.sh, which does.
#
#   mvn -o -q -B -pl proxy-app -am package -DskipTests
#   tests/bench/png-cli-vs-optipng.sh DIR [ROUNDS]        # DIR: a flat directory of PNGs; ROUNDS defaults to 3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/proxy-app/target/imageguard.jar}
SET=$(cd "$1" && pwd); ROUNDS=${2:-3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-pngcli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
orig=$(cat "$SET"/*.png | wc -c)
for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$WORK/ours" "$WORK/optipng"; mkdir -p "$WORK/optipng"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    t=$(date +%s%N); java -jar "$JAR" rewrite -o "$WORK/ours" "$SET" >/dev/null; ours_ms=$(ms_since "$t")
    t=$(date +%s%N)
    for f in "$SET"/*.png; do
        optipng -quiet -o2 -out "$WORK/optipng/$(basename "$f")" "$f" >/dev/null 2>&1 || cp "$f" "$WORK/optipng/"
    done
    opt_ms=$(ms_since "$t")
    ours=$(find "$WORK/ours" -name '*.png' -exec cat {} + | wc -c); opt=$(cat "$WORK/optipng"/*.png | wc -c)
    echo "round $r load $load ours_ms $ours_ms optipng_ms $opt_ms original $orig ours_saved $((orig - ours)) optipng_saved $((orig - opt))"
done
