#!/usr/bin/env bash
# Lossy JPEG and WebP at quality 82 on real photos: ImageGuard against ImageMagick (convert -quality 82) and cwebp
# (-q 82), bytes saved, PSNR and SSIM against the original, and ImageGuard's time per megapixel.
#
#   tests/bench/pixels.sh                 # the photos of Debian's plasma-workspace-wallpapers (apt-get install it)
#   tests/bench/pixels.sh FILE.jpg...     # your own JPEGs
#
# Needs: plasma-workspace-wallpapers (or your files), ImageMagick 6 (convert), webp (cwebp, dwebp), java, maven.
# Everything ImageGuard writes keeps DataMining; the others are given no metadata options (their defaults).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=lib.sh
source tests/bench/lib.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-pixels.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ $# -gt 0 ]; then
  photos=("$@")
else
  # The photographs among the wallpapers (the others are renders), each at 2560×1600.
  photos=()
  for name in Autumn BytheWater ColdRipple ColorfulCups DarkestHour EveningGlow FallenLeaf Kite OneStandsOut Path \
      summer_1am; do
    photos+=("/usr/share/wallpapers/$name/contents/images/2560x1600.jpg")
  done
fi

bench_test_classpath >&2
echo "| photo | MP | original | ImageGuard JPEG | PSNR / SSIM | ImageMagick JPEG | PSNR / SSIM | ImageGuard WebP | PSNR / SSIM | cwebp | PSNR / SSIM | IG ms/MP JPEG | IG ms/MP WebP |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
java -cp "$BENCH_CP" org.imageguard.bench.PixelBench encode "$WORK" "${photos[@]}" > "$WORK/times.txt"
declare -A total=()
for photo in "${photos[@]}"; do
  name=$(basename "$(dirname "$(dirname "$(dirname "$photo")")")")
  convert "$photo" -quality 82 "$WORK/$name.im.jpg" 2>/dev/null
  cwebp -quiet -q 82 "$photo" -o "$WORK/$name.cw.webp"
  convert "$photo" "PNG24:$WORK/$name.png" 2>/dev/null
  row="| $name | $(awk -v n="$name" '$1 == n {print $2}' "$WORK/times.txt") | $(stat -c %s "$photo")"
  total[original]=$(( ${total[original]:-0} + $(stat -c %s "$photo") ))
  for variant in ig.jpg im.jpg ig.webp cw.webp; do
    file="$WORK/$name.$variant"
    # ImageGuard serves the JPEG instead when its WebP is not smaller: that file then starts with FF D8, not RIFF.
    if [ "$(head -c 4 "$file")" = RIFF ]; then dwebp -quiet "$file" -o "$WORK/out.png"
    else convert "$file" "PNG24:$WORK/out.png" 2>/dev/null; fi
    metrics=$(java -cp "$BENCH_CP" org.imageguard.bench.PixelBench compare "$WORK/$name.png" "$WORK/out.png")
    row="$row | $(stat -c %s "$file") | ${metrics/ / \/ }"
    total[$variant]=$(( ${total[$variant]:-0} + $(stat -c %s "$file") ))
  done
  echo "$row | $(awk -v n="$name" '$1 == n {print $3 " | " $4}' "$WORK/times.txt") |"
done
for variant in ig.jpg im.jpg ig.webp cw.webp; do
  echo "saved by $variant: $(( 100 - 100 * ${total[$variant]} / ${total[original]} ))% of ${total[original]} bytes"
done
