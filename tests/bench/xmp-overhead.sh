#!/usr/bin/env bash
# Bytes the first stage (protection, default policy) adds to a tiny image of each format: the XMP packet with the
# DataMining statement and its container (APP1 segment, iTXt chunk, GIF application extension, RIFF chunk, SVG
# metadata element), minus whatever private metadata was removed (none here: the images are bare).
#
#   tests/bench/xmp-overhead.sh
#
# Needs: java, maven (builds the tests module's classpath), ImageMagick 6 (convert, with the WebP coder).
# The images: 8x8 pixels of one colour, written by ImageMagick with -strip; the SVG is a 1-rectangle file.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-xmp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
source tests/bench/lib.sh

for ext in jpg png gif webp; do
    convert -size 8x8 xc:'#3366cc' -strip "$WORK/tiny.$ext"
done
printf '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#36c"/></svg>\n' \
    > "$WORK/tiny.svg"

bench_test_classpath
printf 'file\tbefore\tafter\tadded\n'
java -cp "$BENCH_CP" org.imageguard.bench.XmpOverheadHarness "$WORK"/tiny.{jpg,png,gif,webp,svg}
