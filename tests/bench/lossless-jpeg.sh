#!/usr/bin/env bash
# Lossless JPEG recompression: ImageGuard's pure-Java optimiser against libjpeg-turbo's jpegtran, file by file.
#
#   tests/bench/lossless-jpeg.sh [effort] [list-of-files]
#
# effort: fast | default | max (default: default). The file list defaults to every JPEG of Debian's
# plasma-workspace-wallpapers and gnome-backgrounds plus Go's image/testdata (golang-1.19-src).
# Both sides keep every metadata segment (jpegtran -copy all), so the bytes compare the entropy coding alone;
# jpegtran -copy none is timed too, as that is the usual command. jpegtran runs one process per file;
# ImageGuard runs in one warm JVM (2 warm-up rounds over the set, then the timed pass), one file at a time.
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
java -Xmx256m -cp "$BENCH_CP" org.imageguard.bench.LosslessJpegHarness "$effort" 2 "$work/imageguard" "$list" \
  > "$work/imageguard.tsv" 2> "$work/imageguard.err"
t_ig=$(grep -o 'total optimise time [0-9.]*' "$work/imageguard.err" | awk '{print $4}')

in_bytes=0; jt_bytes=0; ig_bytes=0; mismatches=0; i=0
while IFS=$'\t' read -r f n_in n_out ms note; do
  jt=$(stat -c %s "$work/jpegtran/$i.jpg")
  in_bytes=$((in_bytes + n_in)); jt_bytes=$((jt_bytes + jt)); ig_bytes=$((ig_bytes + n_out))
  if ! cmp -s <(djpeg -pnm "$f" 2>/dev/null) <(djpeg -pnm "$work/imageguard/$i.jpg" 2>"$work/djpeg.err") \
      || [[ -s "$work/djpeg.err" ]]; then
    echo "PIXEL MISMATCH or warning: $f ($note)" >&2; mismatches=$((mismatches + 1))
  fi
  i=$((i + 1))
done < "$work/imageguard.tsv"

echo "files: $count, effort: $effort"
echo "| | bytes | saved | wall time |"
echo "|---|---:|---:|---:|"
echo "| input | $in_bytes | | |"
printf '| jpegtran -copy all -optimize -progressive | %d | %.2f%% | %.2f s |\n' "$jt_bytes" \
  "$(echo "100 * ($in_bytes - $jt_bytes) / $in_bytes" | bc -l)" "$t_all"
printf '| jpegtran -copy none -optimize -progressive (time only) | | | %.2f s |\n' "$t_none"
printf '| ImageGuard JpegOptimizer (%s) | %d | %.2f%% | %.2f s |\n' "$effort" "$ig_bytes" \
  "$(echo "100 * ($in_bytes - $ig_bytes) / $in_bytes" | bc -l)" "$t_ig"
echo "djpeg mismatches or warnings: $mismatches"
echo "notes:"; cut -f5 "$work/imageguard.tsv" | sed 's/: [^:]*$//' | sort | uniq -c | sort -rn | head
[[ "$mismatches" -eq 0 ]]
