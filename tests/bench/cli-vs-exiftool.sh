#!/usr/bin/env bash
# Batch protection of a directory of photos: `imageguard rewrite` against exiftool doing the same job on the same
# files (whole process, JVM start-up included), with `jpegtran -copy none` for reference.
#
#   tests/bench/cli-vs-exiftool.sh            # generates 1000 photos (cached) and times all three
#   N=300 tests/bench/cli-vs-exiftool.sh      # fewer generated photos
#   tests/bench/cli-vs-exiftool.sh DIR        # your own photos (JPEG/PNG, any tree)
#   IMAGEGUARD_EXIFTOOL=/path/to/exiftool13 tests/bench/cli-vs-exiftool.sh   # an exiftool that knows DataMining
#   BENCH_WORK=/dev/shm tests/bench/cli-vs-exiftool.sh                     # outputs on tmpfs: CPU, not disk
#
# Needs: java, proxy-app/target/imageguard.jar (mvn -q -DskipTests package), exiftool, ImageMagick 6 (convert),
# jpegtran (libjpeg-turbo-progs); hyperfine if installed (apt-get install hyperfine), else /usr/bin/time.
# Each command runs 3 times on fresh copies; the script prints the medians and the ratios.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/proxy-app/target/imageguard.jar"
N=${N:-1000}
RUNS=${RUNS:-3}
EXIFTOOL=${IMAGEGUARD_EXIFTOOL:-exiftool}
# Outputs and copies go here; BENCH_WORK=/dev/shm takes the disk out of the measurement (about 4x the photos' size).
WORK=$(mktemp -d "${BENCH_WORK:-${TMPDIR:-/tmp}}/imageguard-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# --- (a) the photos -------------------------------------------------------------------------------------------
# Varied content (plasma fractals and noisy gradients, different seeds), sizes 800-2000 px, JPEG quality 85, one in
# ten a PNG; then GPS, camera serial and owner name added by exiftool in one batch call, as a camera would leave them.
generate() {
    local dir=$1 n=$2
    mkdir -p "$dir/a" "$dir/b/c"
    seq 1 "$n" | xargs -P "$(nproc)" -I{} bash -c '
        i=$1; dir=$2
        w=$(( 800 + (i * 397) % 1201 )); h=$(( 800 + (i * 211) % 1201 ))
        sub=$([ $((i % 3)) -eq 0 ] && echo a || ([ $((i % 3)) -eq 1 ] && echo b/c || echo .))
        if [ $((i % 10)) -eq 0 ]; then ext=png; else ext=jpg; fi
        if [ $((i % 2)) -eq 0 ]; then
            convert -seed "$i" -size "${w}x${h}" plasma: -quality 85 "$dir/$sub/photo-$i.$ext"
        else
            convert -seed "$i" -size "${w}x${h}" "gradient:rgb($((i % 256)),90,160)-rgb(250,$((i * 7 % 256)),40)" \
                -attenuate 0.4 +noise Gaussian -quality 85 "$dir/$sub/photo-$i.$ext"
        fi' _ {} "$dir"
    exiftool -q -q -overwrite_original -r -ext jpg -ext png \
        -GPSLatitude=48.8584 -GPSLatitudeRef=N -GPSLongitude=2.2945 -GPSLongitudeRef=E -GPSAltitude=35 \
        -Make=Bench -Model=Camera -SerialNumber=SN-0042 -LensSerialNumber=LS-7 -OwnerName="Jane Private" \
        -Copyright="(c) Bench" -DateTimeOriginal="2024:05:01 10:00:00" "$dir"
}

if [ $# -ge 1 ]; then
    PHOTOS=$(cd "$1" && pwd)
else
    PHOTOS=${IMAGEGUARD_BENCH_PHOTOS:-${TMPDIR:-/tmp}/imageguard-bench-photos-$N}
    if [ ! -f "$PHOTOS.complete" ]; then
        echo "generating $N photos in $PHOTOS (reused by later runs)..." >&2
        rm -rf "$PHOTOS"
        generate "$PHOTOS" "$N"
        touch "$PHOTOS.complete" # next to the directory, so it is not one of the files timed
    fi
fi
COUNT=$(find "$PHOTOS" -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' \) | wc -l)
BYTES=$(find "$PHOTOS" -type f \( -name '*.jpg' -o -name '*.jpeg' -o -name '*.png' \) -printf '%s\n' \
    | awk '{s+=$1} END {print s}')
echo "photos: $COUNT files, $BYTES bytes in $PHOTOS" >&2

[ -f "$JAR" ] || { echo "missing $JAR: run mvn -q -DskipTests package first" >&2; exit 2; }

# --- (b) the three jobs -----------------------------------------------------------------------------------------
# exiftool has no output-tree mode equivalent to -o for this job, so it rewrites fresh copies in place (the copy is
# made in --prepare, outside the timing). Debian's exiftool 12.57 predates the PLUS DataMining tag: it writes the
# closest statement it knows (xmpRights:Marked + dc:rights); an exiftool 13 given in IMAGEGUARD_EXIFTOOL writes
# plus:DataMining itself.
if "$EXIFTOOL" -listw -XMP-plus:all 2>/dev/null | grep -qw DataMining; then
    STATEMENT="-XMP-plus:DataMining=DMI-PROHIBITED -XMP-dc:Rights=NoAITraining"
else
    STATEMENT="-XMP-xmpRights:Marked=True -XMP-dc:Rights=NoAITraining"
fi
IG="java -jar $JAR rewrite -o $WORK/ig-out $PHOTOS"
ET="$EXIFTOOL -q -q -overwrite_original -all= -tagsfromfile @ -Orientation -ICC_Profile -Copyright $STATEMENT -r $WORK/et-copy"
# jpegtran takes one file per process: the loop runs on all cores, like the other two.
JT="find $PHOTOS -type f -name '*.jpg' -printf '%P\n' | xargs -P $(nproc) -I{} sh -c 'mkdir -p \"\$(dirname $WORK/jt-out/{})\" && jpegtran -copy none -outfile $WORK/jt-out/{} $PHOTOS/{}'"

PREP_IG="rm -rf $WORK/ig-out"
PREP_ET="rm -rf $WORK/et-copy && cp -r $PHOTOS $WORK/et-copy"
PREP_JT="rm -rf $WORK/jt-out"

median_of() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

if command -v hyperfine >/dev/null; then
    hyperfine -i --runs "$RUNS" --export-json "$WORK/times.json" \
        -n imageguard --prepare "$PREP_IG" "$IG" \
        -n exiftool --prepare "$PREP_ET" "$ET" \
        -n jpegtran --prepare "$PREP_JT" "$JT" >&2
    median() { python3 -c "import json,sys; r=[x for x in json.load(open('$WORK/times.json'))['results'] if x['command']=='$1'][0]; print('%.3f' % r['median'])"; }
    T_IG=$(median imageguard); T_ET=$(median exiftool); T_JT=$(median jpegtran)
else
    timed() { # name prepare command -> median seconds of $RUNS runs
        for _ in $(seq 1 "$RUNS"); do
            sh -c "$2"
            /usr/bin/time -f %e -o "$WORK/t" sh -c "$3" >/dev/null || true
            cat "$WORK/t"
        done | median_of
    }
    T_IG=$(timed imageguard "$PREP_IG" "$IG"); T_ET=$(timed exiftool "$PREP_ET" "$ET"); T_JT=$(timed jpegtran "$PREP_JT" "$JT")
fi

# --- (c) results ------------------------------------------------------------------------------------------------
sh -c "$PREP_IG"; $IG > "$WORK/summary.txt" || true # exit 1 when a file failed
echo "imageguard summary: $(tail -1 "$WORK/summary.txt")"
echo "exiftool statement: $STATEMENT"
printf '%-11s median %8.3f s\n' imageguard "$T_IG" exiftool "$T_ET" jpegtran "$T_JT"
awk -v ig="$T_IG" -v et="$T_ET" -v jt="$T_JT" \
    'BEGIN { printf "exiftool / imageguard = %.1fx   jpegtran / imageguard = %.1fx\n", et / ig, jt / ig }'
