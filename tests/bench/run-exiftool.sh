#!/usr/bin/env bash
# exiftool doing the same job as the engine on the same files: strip everything, keep orientation, ICC profile and
# copyright, mark the rights. Run tests/bench/run-jmh.sh first (it generates the inputs and our figures).
#
#   tests/bench/run-exiftool.sh            # one image per process (hyperfine), then 100 images in one process
#
# Results: tests/target/bench/exiftool-*.json (hyperfine JSON) and exiftool-table.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
images="${IMAGEGUARD_BENCH_IMAGES:-/tmp/imageguard-bench-images}"
out="$root/tests/target/bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
command -v exiftool >/dev/null || { echo "exiftool is not installed" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 1; }

job="exiftool -q -overwrite_original -all= -tagsfromfile @ -Orientation -ICC_Profile -Copyright -XMP-xmpRights:Marked=True"
batch=100

median_ms() { jq -r '.results[0].median * 1000' "$1"; }
cpu_ms() { jq -r '(.results[0].user + .results[0].system) * 1000' "$1"; } # mean user + system CPU time

echo "| image | input | one process per image: wall ms (median) | CPU ms (mean) | $batch images in one process: wall ms per image (median) | CPU ms per image (mean) |"
echo "|---|---:|---:|---:|---:|---:|"
for name in photo-12mp.jpg photo-1mp.jpg; do
  src="$images/$name"
  [[ -f "$src" ]] || { echo "missing $src: run tests/bench/run-jmh.sh first" >&2; exit 1; }
  hyperfine -N --warmup 3 --runs 20 --prepare "cp $src $work/one.jpg" \
    --export-json "$out/exiftool-one-$name.json" "$job $work/one.jpg" >&2
  # One process for the whole directory: exiftool's start-up (~0.1 s of Perl) is paid once, as with -stay_open.
  hyperfine -N --warmup 1 --runs 5 \
    --prepare "sh -c 'rm -rf $work/batch && mkdir $work/batch && for i in \$(seq 1 $batch); do cp $src $work/batch/\$i.jpg; done'" \
    --export-json "$out/exiftool-batch-$name.json" "$job $work/batch" >&2
  one=$(median_ms "$out/exiftool-one-$name.json")
  per=$(median_ms "$out/exiftool-batch-$name.json")
  awk -v n="$name" -v b="$(stat -c %s "$src")" -v o="$one" -v p="$per" -v c="$batch" \
    -v oc="$(cpu_ms "$out/exiftool-one-$name.json")" -v pc="$(cpu_ms "$out/exiftool-batch-$name.json")" \
    'BEGIN { printf "| `%s` | %.2f MB | %.0f | %.0f | %.1f | %.1f |\n", n, b / 1e6, o, oc, p / c, pc / c }'
done | tee "$out/exiftool-table.md"
