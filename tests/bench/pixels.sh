#!/usr/bin/env bash
# Lossy JPEG and WebP at quality 82 on real camera photos: ImageGuard against ImageMagick (convert -quality 82) and
# cwebp (-q 82), side by side: bytes saved, PSNR (ImageMagick `compare -metric PSNR`) and SSIM against the original,
# time per megapixel; and, for every ImageGuard output, the protection: DataMining present, GPS/serial/owner gone,
# ICC profile kept, the file decodes (jpeginfo -c, dwebp).
#
#   tests/bench/pixels.sh                 # the camera photos below, fetched from Debian packages
#   tests/bench/pixels.sh FILE.jpg...     # your own JPEGs (given GPS, serial, owner and an ICC profile first)
#
# The set: the nine camera photographs (not renders) shipped at JPEG quality 92-100 by Debian 12's mate-backgrounds
# 1.26 (Blinds, Dune, RainDrops, Storm, TwoWings; three carry their Canon EOS EXIF) and lomiri-wallpapers-16.04 /
# -20.04 20.04 (Picture_1A_by_freespace, free_ and greentock_by_Peter_Nerlich, Kleiber_by_Lukas_Baubkus, 20 MP),
# fetched with `apt-get download` (no root needed, nothing installed) into $IMAGEGUARD_PHOTOS
# (default ~/.cache/imageguard/photos).
#
# Needs: apt-get (or your files), exiftool 13 ($IMAGEGUARD_EXIFTOOL), ImageMagick 6, webp (cwebp, dwebp), jpeginfo,
# ghostscript's sRGB profile (libgs-common), java, maven.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
# shellcheck source=lib.sh
source tests/bench/lib.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-pixels.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
EXIFTOOL=${IMAGEGUARD_EXIFTOOL:-exiftool}
PHOTOS=${IMAGEGUARD_PHOTOS:-$HOME/.cache/imageguard/photos}
ICC=/usr/share/color/icc/ghostscript/srgb.icc

fetch_photos() {
  mkdir -p "$PHOTOS"
  local pkg
  for pkg in mate-backgrounds lomiri-wallpapers-16.04 lomiri-wallpapers-20.04; do
    if [ ! -d "$PHOTOS/$pkg" ]; then
      (cd "$PHOTOS" && apt-get download "$pkg" >/dev/null 2>&1 && dpkg-deb -x "$pkg"_*.deb "$pkg" && rm "$pkg"_*.deb)
    fi
  done
  local mate=$PHOTOS/mate-backgrounds/usr/share/backgrounds/mate/nature
  local l16=$PHOTOS/lomiri-wallpapers-16.04/usr/share/backgrounds
  local l20=$PHOTOS/lomiri-wallpapers-20.04/usr/share/backgrounds
  sources=("$mate/Blinds.jpg" "$mate/Dune.jpg" "$mate/RainDrops.jpg" "$mate/Storm.jpg" "$mate/TwoWings.jpg"
    "$l16/Picture_1A_by_freespace.jpg" "$l16/free_by_Peter_Nerlich.jpg" "$l16/greentock_by_Peter_Nerlich.jpg"
    "$l20/Kleiber_by_Lukas_Baubkus.jpg")
}

if [ $# -gt 0 ]; then sources=("$@"); else fetch_photos; fi

# Every input gets what ImageGuard must remove (GPS, serial number, owner) and keep (an ICC profile).
photos=()
for source in "${sources[@]}"; do
  name=$(basename "$source" .jpg)
  name=${name%%_by_*}
  "$EXIFTOOL" -q -o "$WORK/$name.jpg" "-ICC_Profile<=$ICC" -GPSLatitude=48.85 -GPSLatitudeRef=N \
    -GPSLongitude=2.35 -GPSLongitudeRef=E -SerialNumber=SN123456 -OwnerName="Jane Owner" "$source"
  photos+=("$WORK/$name.jpg")
done

# BENCH_CP already set (a copy of the class directories): use it, so the tree can be rebuilt while this runs.
[ -n "${BENCH_CP:-}" ] || bench_test_classpath >&2
echo "load average before: $(uptime | sed 's/.*average: //')"
echo
echo "| photo | MP | q | original | ImageGuard JPEG | PSNR / SSIM | ImageMagick JPEG | PSNR / SSIM | ImageGuard WebP | PSNR / SSIM | cwebp | PSNR / SSIM |"
echo "|---|---:|---:|---:|---:|---|---:|---|---:|---|---:|---|"
java -cp "$BENCH_CP" org.imageguard.bench.PixelBench encode "$WORK" "${photos[@]}" > "$WORK/times.txt"
declare -A total=() metric_lines=() ms=()
problems=0
elapsed_ms() { local t0; t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - t0) / 1000000 )); }
for photo in "${photos[@]}"; do
  name=$(basename "$photo" .jpg)
  mp=$(awk -v n="$name" '$1 == n {print $2}' "$WORK/times.txt")
  im_ms=$(elapsed_ms convert "$photo" -quality 82 "$WORK/$name.im.jpg")
  cw_ms=$(elapsed_ms cwebp -quiet -q 82 "$photo" -o "$WORK/$name.cw.webp")
  ms[ig.jpg]+=" $(awk -v n="$name" '$1 == n {print $3}' "$WORK/times.txt")"
  ms[ig.webp]+=" $(awk -v n="$name" '$1 == n {print $4}' "$WORK/times.txt")"
  ms[im.jpg]+=" $(awk -v t="$im_ms" -v m="$mp" 'BEGIN {printf "%.0f", t / m}')"
  ms[cw.webp]+=" $(awk -v t="$cw_ms" -v m="$mp" 'BEGIN {printf "%.0f", t / m}')"
  convert "$photo" "PNG24:$WORK/$name.png" 2>/dev/null
  row="| $name | $mp | $(identify -format %Q "$photo") | $(stat -c %s "$photo")"
  total[original]=$(( ${total[original]:-0} + $(stat -c %s "$photo") ))
  for variant in ig.jpg im.jpg ig.webp cw.webp; do
    file="$WORK/$name.$variant"
    # ImageGuard serves the JPEG instead when its WebP is not smaller: that file then starts with FF D8, not RIFF.
    if [ "$(head -c 4 "$file")" = RIFF ]; then dwebp -quiet "$file" -o "$WORK/out.png"
    else convert "$file" "PNG24:$WORK/out.png" 2>/dev/null; fi
    psnr=$(compare -metric PSNR "$WORK/$name.png" "$WORK/out.png" null: 2>&1 || true)
    ssim=$(java -cp "$BENCH_CP" org.imageguard.bench.PixelBench compare "$WORK/$name.png" "$WORK/out.png" \
      | awk '{print $2}')
    row="$row | $(stat -c %s "$file") | $(printf '%.2f' "$psnr") / $ssim"
    metric_lines[$variant]+="$psnr $ssim"$'\n'
    total[$variant]=$(( ${total[$variant]:-0} + $(stat -c %s "$file") ))
  done
  echo "$row |"
  # The protection every ImageGuard output must keep, read by exiftool 13, jpeginfo and dwebp.
  for variant in ig.jpg ig.webp; do
    file="$WORK/$name.$variant"
    tags=$("$EXIFTOOL" -s -s -s -XMP-plus:DataMining# "$file")
    ok=yes
    grep -q DMI-PROHIBITED <<<"$tags" || ok="no DataMining"
    [ "$("$EXIFTOOL" -s -s -s -GPS:all -SerialNumber -OwnerName "$file")" = "" ] || ok="private data left"
    [ -n "$("$EXIFTOOL" -s -s -s -ICC_Profile:ProfileDescription "$file")" ] || ok="ICC profile lost"
    if [ "$(head -c 4 "$file")" = RIFF ]; then dwebp -quiet "$file" -o /dev/null || ok="does not decode"
    else jpeginfo -c "$file" | grep -qw OK || ok="does not decode"; fi
    [ "$ok" = yes ] || { echo "PROTECTION FAILED: $name.$variant: $ok" >&2; problems=$((problems + 1)); }
  done
done
echo
echo "load average after: $(uptime | sed 's/.*average: //')"
echo
echo "| output | bytes | saved | PSNR worst | PSNR median | SSIM worst | SSIM median | ms/MP median |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
for variant in ig.jpg im.jpg ig.webp cw.webp; do
  lines=$(grep . <<<"${metric_lines[$variant]}") # no blank line: it would sort first as 0
  printf '| %s | %d | %d%% | %.2f | %.2f | %.4f | %.4f | %s |\n' "$variant" "${total[$variant]}" \
    $(( 100 - 100 * ${total[$variant]} / ${total[original]} )) \
    "$(awk '{print $1}' <<<"$lines" | sort -g | head -1)" "$(awk '{print $1}' <<<"$lines" | median)" \
    "$(awk '{print $2}' <<<"$lines" | sort -g | head -1)" "$(awk '{print $2}' <<<"$lines" | median)" \
    "$(tr ' ' '\n' <<<"${ms[$variant]}" | grep . | median)"
done
echo "originals: ${total[original]} bytes; ig = ImageGuard, im = ImageMagick, cw = cwebp"
echo "protection checks failed: $problems"
[ "$problems" = 0 ]
