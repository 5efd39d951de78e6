#!/usr/bin/env bash
# Turns a JMH JSON result of EngineBenchmark into the BENCHMARKS.md table: medians of the measurement iterations.
#
#   tests/bench/jmh-table.sh tests/target/bench/jmh-result.json /tmp/imageguard-bench-images
set -euo pipefail
result="$1"
images="$2"

median() { # benchmark method, image -> median ops/s (empty when not run)
  jq -r --arg m "EngineBenchmark.$1" --arg i "$2" \
    '.[] | select((.benchmark | endswith($m)) and (.params.image // "") == $i) | .primaryMetric.scorePercentiles."50.0"' "$result"
}
file_for() {
  case "$1" in
    */*) echo "$1" ;; # a real file's path (-p image=/path/to/file.jpg)
    jpeg-12mp) echo photo-12mp.jpg ;; jpeg-1mp) echo photo-1mp.jpg ;; png) echo photo-1mp.png ;;
    webp) echo photo-2mp.webp ;; gif) echo animated.gif ;;
    jpeg-1mp-noxmp) echo photo-1mp-noxmp.jpg ;; jpeg-1mp-bare) echo photo-1mp-bare.jpg ;;
  esac
}

echo "| image | input | rewrite ops/s | rewrite MB/s | ms/image | arraycopy MB/s | rewrite vs arraycopy | ImageIO decode ops/s | rewrite vs decode |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
paths=$(jq -r '[.[].params.image // empty | select(contains("/"))] | unique | .[]' "$result")
for image in jpeg-12mp jpeg-1mp jpeg-1mp-noxmp jpeg-1mp-bare png webp gif $paths; do
  file="$(file_for "$image")"
  [[ "$file" == /* ]] || file="$images/$file"
  [[ -f "$file" ]] || continue
  bytes=$(stat -c %s "$file")
  rewrite=$(median rewrite "$image")
  [[ -n "$rewrite" ]] || continue
  copy=$(median arraycopy "$image")
  decode=$(median imageioDecode "$image")
  awk -v img="$image" -v b="$bytes" -v r="$rewrite" -v c="${copy:-0}" -v d="${decode:-0}" -v f="$(basename "$file")" 'BEGIN {
    mbs = r * b / 1e6; cmbs = c * b / 1e6;
    printf "| %s (`%s`) | %.2f MB | %.0f | %.0f | %.2f | %s | %s | %s | %s |\n", img, f, b / 1e6, r, mbs, 1000 / r,
      (c > 0 ? sprintf("%.0f", cmbs) : "not run"), (c > 0 ? sprintf("%.3fx", r / c) : "n/a"),
      (d > 0 ? sprintf("%.1f", d) : (img == "webp" ? "n/a (no JDK reader)" : "not run")), (d > 0 ? sprintf("%.0fx faster", r / d) : "n/a")
  }'
done
hit=$(median cacheHit "")
if [[ -n "$hit" ]]; then
  awk -v h="$hit" 'BEGIN { printf "\nCache hit through `ImageGuardPipeline.begin` (fresh entry, 1 MP JPEG body): %.0f ops/s median, %.2f µs per hit.\n", h, 1e6 / h }'
fi
