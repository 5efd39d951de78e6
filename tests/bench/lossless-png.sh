#!/usr/bin/env bash
# Lossless PNG recompression: the engine (protect with the default policy, then PngOptimizer) against
# `optipng -o2` and `zopflipng` on the same original files, file by file: bytes, wall time, pixel equality.
#
#   tests/bench/lossless-png.sh                 # the named set below (Debian packages desktop-base, adwaita-icon-theme)
#   tests/bench/lossless-png.sh web             # web-sized screenshots: Debian gimp-help-en 2.10.34-2 (see below)
#   tests/bench/lossless-png.sh FILE|DIR...     # your own PNGs
#   EFFORT=max tests/bench/lossless-png.sh      # fast | default | max
#   ZOPFLI=0 tests/bench/lossless-png.sh        # without zopflipng (about 30 minutes of the set's run on 2 cores)
#
# Needs: java, maven (builds the tests module's classpath), optipng, ImageMagick 6 (compare); zopflipng if installed
# (Debian package zopfli). The set: every PNG of desktop-base (25 files: wallpapers, logos, GRUB backgrounds) and
# every 25th PNG of adwaita-icon-theme in sorted path order (icons 16..256 px). The web set: the PNGs above 16 KiB of
# Debian's gimp-help-en 2.10.34-2 (the GIMP manual's screenshots and illustrations), every 20th in sorted path order
# (33 files, 1.35 MB, 41 KB each), fetched with apt-get download into a temporary directory.
# Ours is "original -> protected (XMP added) -> optimized": the XMP packet is counted against us. The tools get the
# original file. Our time is measured inside one warm JVM per file (both stages); "ours total" is the whole java
# process including start-up. Pixels: ImageMagick `compare -metric AE` between the original and each output.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
EFFORT=${EFFORT:-default}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/imageguard-png.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
source tests/bench/lib.sh

files=()
if [ "${1:-}" = web ]; then
    (cd "$WORK" && apt-get download -q gimp-help-en=2.10.34-2 >/dev/null 2>&1 && dpkg-deb -x gimp-help-en_*_all.deb web)
    while IFS= read -r f; do files+=("$f"); done < <(find "$WORK/web" -type f -name '*.png' -size +16k | sort \
        | awk 'NR % 20 == 1')
elif [ $# -gt 0 ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$@" -type f -name '*.png' | sort)
else
    while IFS= read -r f; do files+=("$f"); done < <(find /usr/share/desktop-base -type f -name '*.png' | sort)
    while IFS= read -r f; do files+=("$f"); done < <(find /usr/share/icons/Adwaita -type f -name '*.png' | sort \
        | awk 'NR % 25 == 1')
fi
[ ${#files[@]} -gt 0 ] || { echo "no PNG files" >&2; exit 1; }

bench_test_classpath
mkdir -p "$WORK/ours" "$WORK/optipng" "$WORK/zopfli"
t0=$(date +%s%N)
java -cp "$BENCH_CP" org.imageguard.bench.LosslessPngHarness "$EFFORT" "$WORK/ours" "${files[@]}" > "$WORK/ours.tsv"
ours_total_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
pixels_equal() { # 1 when ImageMagick sees no differing pixel (alpha included)
    local ae
    ae=$(compare -metric AE "$1" "$2" null: 2>&1 || true)
    [ "$ae" = "0" ] && echo 1 || echo 0
}
have_zopfli=0; [ "${ZOPFLI:-1}" != 0 ] && command -v zopflipng >/dev/null && have_zopfli=1

printf 'file\toriginal\tours\tours_ms\toptipng\toptipng_ms\tzopflipng\tzopflipng_ms\tours_eq\topti_eq\tzopfli_eq\tprotected\tnote\n' \
    > "$WORK/table.tsv"
i=0
while IFS=$'\t' read -r idx orig prot ours ours_ms note; do
    f=${files[$idx]}
    t=$(date +%s%N); optipng -quiet -o2 -out "$WORK/optipng/$idx.png" "$f" >/dev/null 2>&1 || cp "$f" "$WORK/optipng/$idx.png"
    opti_ms=$(ms_since "$t"); opti=$(stat -c %s "$WORK/optipng/$idx.png")
    zop=-; zop_ms=-; zop_eq=-
    if [ $have_zopfli = 1 ]; then
        t=$(date +%s%N); zopflipng -y "$f" "$WORK/zopfli/$idx.png" >/dev/null 2>&1 || cp "$f" "$WORK/zopfli/$idx.png"
        zop_ms=$(ms_since "$t"); zop=$(stat -c %s "$WORK/zopfli/$idx.png")
        zop_eq=$(pixels_equal "$f" "$WORK/zopfli/$idx.png")
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${f#/usr/share/}" "$orig" "$ours" "$ours_ms" "$opti" \
        "$opti_ms" "$zop" "$zop_ms" "$(pixels_equal "$f" "$WORK/ours/$idx.png")" \
        "$(pixels_equal "$f" "$WORK/optipng/$idx.png")" "$zop_eq" "$prot" "$note" >> "$WORK/table.tsv"
    i=$((i + 1))
done < "$WORK/ours.tsv"

[ -n "${KEEP_TABLE:-}" ] && cp "$WORK/table.tsv" "$KEEP_TABLE"
awk -F'\t' -v total="$ours_total_ms" -v effort="$EFFORT" 'NR > 1 {
    n++; o += $2; us += $3; ut += $4; op += $5; ot += $6; if ($7 != "-") { z += $7; zt += $8 }
    ue += $9; oe += $10; ze += ($11 == "1"); if ($3 < $5) better++; else if ($3 > $5) worse++
    xmp += $12 - $2
}
END {
    printf "files: %d, original %d bytes\n", n, o
    printf "%-22s %12s %12s %10s %12s\n", "", "bytes", "saved", "time ms", "pixels equal"
    printf "%-22s %12d %12d %10.0f %9d/%d\n", "ours (" effort ")", us, o - us, ut, ue, n
    printf "%-22s %12s %12s %10d\n", "ours, JVM included", "", "", total
    printf "%-22s %12d %12d   (the %d bytes of XMP chunks we add taken out)\n", "ours without XMP", us - xmp, o - us + xmp, xmp
    printf "%-22s %12d %12d %10d %9d/%d\n", "optipng -o2", op, o - op, ot, oe, n
    if (z > 0) printf "%-22s %12d %12d %10d %9d/%d\n", "zopflipng", z, o - z, zt, ze, n
    printf "ours smaller than optipng on %d files, larger on %d\n", better, worse
}' "$WORK/table.tsv"
echo "load: $(uptime | sed 's/.*load average: //')"
