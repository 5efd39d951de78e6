#!/usr/bin/env bash
# Lossless JPEG recompression: ImageGuard's pure-Java optimiser against libjpeg-turbo's jpegtran, file by file.
#
#   tests/bench/lossless-jpeg.sh [effort] [list-of-files]
#
# effort: fast | default | max (default: default). The file list defaults to every JPEG of Debian's
# plasma-workspace-wallpapers and gnome-backgrounds, Go's image/testdata (golang-1.19-src) and, when
# IMAGEGUARD_EXIFTOOL_IMAGES names it, exiftool's t/images (camera maker notes; `apt-get source
# libimage-exiftool-perl` with a deb-src line for bookworm).
# Both sides keep every metadata segment (jpegtran -copy all), so the bytes compare the entropy coding alone;
# jpegtran -copy none is timed too, as that is the usual command. jpegtran runs one process per file;
# ImageGuard runs in one warm JVM (2 warm-up rounds over the set, then the timed pass), one file at a time.
# The JVM gets -Xmx${IMAGEGUARD_BENCH_HEAP:-256m}: at 256m a picture whose coefficients need more than a third of the
# heap is left alone (counted as no saving).
# Every ImageGuard output must decode with djpeg to the same bytes as its input, with no warning.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
effort="${1:-default}"
work="$root/tests/target/bench/lossless-jpeg"
rm -rf "$work" && mkdir -p "$work/jpegtran" "$work/imageguard"
list="${2:-$work/files.txt}"
if [[ -z "${2:-}" ]]; then
  find /usr/share/wallpapers /usr/share/backgrounds /usr/share/go-1.19/src/image/testdata \
    ${IMAGEGUARD_EXIFTOOL_IMAGES:+"$IMAGEGUARD_EXIFTOOL_IMAGES"} \
    -type f -iname '*.jp*g' ! -name '*truncated*' 2>/dev/null | sort > "$list"
fi
count=$(wc -l < "$list")
[[ "$count" -gt 0 ]] || { echo "no JPEG files found (apt-get install plasma-workspace-wallpapers gnome-backgrounds golang-1.19-src)" >&2; exit 1; }

source "$root/tests/bench/lib.sh"
bench_test_classpath

timed() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }

run_jpegtran() {
  local copy="$1" i=0
  while read -r f; do
    jpegtran -copy "$copy" -optimize -progressive -outfile "$work/jpegtran/$i.jpg" "$f"
    i=$((i + 1))
  done < "$list"
}
t_none=$(timed run_jpegtran none)
t_all=$(timed run_jpegtran all)
java -Xmx"${IMAGEGUARD_BENCH_HEAP:-256m}" -cp "$BENCH_CP" org.imageguard.bench.LosslessJpegHarness "$effort" 2 "$work/imageguard" "$list" \
  > "$work/imageguard.tsv" 2> "$work/imageguard.err"
t_ig=$(grep -o 'total optimise time [0-9.]*' "$work/imageguard.err" | awk '{print $4}')

# One line per file: set, bytes in, jpegtran bytes, ImageGuard bytes; djpeg checks ImageGuard's output.
mismatches=0; i=0
: > "$work/sizes.tsv"
while IFS=$'\t' read -r f n_in n_out ms note; do
  jt=$(stat -c %s "$work/jpegtran/$i.jpg")
  case "$f" in
    /usr/share/wallpapers/*) set_name=plasma-workspace-wallpapers ;;
    /usr/share/backgrounds/*) set_name=gnome-backgrounds ;;
    */image/testdata/*) set_name=go-testdata ;;
    *) set_name=exiftool-t-images ;;
  esac
  printf '%s\t%s\t%s\t%s\n' "$set_name" "$n_in" "$jt" "$n_out" >> "$work/sizes.tsv"
  if ! cmp -s <(djpeg -pnm "$f" 2>/dev/null) <(djpeg -pnm "$work/imageguard/$i.jpg" 2>"$work/djpeg.err") \
      || [[ -s "$work/djpeg.err" ]]; then
    echo "PIXEL MISMATCH or warning: $f ($note)" >&2; mismatches=$((mismatches + 1))
  fi
  i=$((i + 1))
done < "$work/imageguard.tsv"

echo "files: $count, effort: $effort"
echo "| set | files | bytes in | jpegtran -copy all -optimize -progressive | ImageGuard ($effort) |"
echo "|---|---:|---:|---:|---:|"
awk -F'\t' '{ n[$1]++; a[$1]+=$2; b[$1]+=$3; c[$1]+=$4; N++; A+=$2; B+=$3; C+=$4 }
  function row(name, k, x, y, z) { printf "| %s | %d | %d | %d (-%.2f%%) | %d (-%.2f%%) |\n", name, k, x, y, 100*(x-y)/x, z, 100*(x-z)/x }
  END { for (s in n) row(s, n[s], a[s], b[s], c[s]); row("**all**", N, A, B, C) }' "$work/sizes.tsv"
echo
echo "| wall time, whole set, one file at a time | seconds |"
echo "|---|---:|"
printf '| jpegtran -copy all -optimize -progressive, one process per file | %.2f |\n' "$t_all"
printf '| jpegtran -copy none -optimize -progressive, one process per file | %.2f |\n' "$t_none"
printf '| ImageGuard JpegOptimizer (%s), warm JVM | %.2f |\n' "$effort" "$t_ig"
echo "djpeg mismatches or warnings: $mismatches"
echo "notes:"; cut -f5 "$work/imageguard.tsv" | sort | uniq -c | sort -rn | head
[[ "$mismatches" -eq 0 ]]
