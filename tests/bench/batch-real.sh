#!/usr/bin/env bash
# The batch benchmark on real files: `imageguard rewrite -o OUT` (metadata only: optimize.mode none) against exiftool
# 13 doing the same job over the same tree in one process, with `cp -r` of the tree as the floor. The three run in
# the same sitting, interleaved round by round; the script prints medians of wall, user and system time, the ratios
# and the load average before and after.
#
#   tests/bench/batch-real.sh                       # the set of tests/bench/real-set.sh, 5 rounds
#   ROUNDS=3 tests/bench/batch-real.sh DIR          # any tree of images
#   JAVA_OPTS='-XX:TieredStopAtLevel=1' tests/bench/batch-real.sh   # JVM options for imageguard
#   IMAGEGUARD_JAR=/tmp/other.jar tests/bench/batch-real.sh         # another build side by side (LABEL names it)
#
# Outputs go to BENCH_WORK (default /dev/shm: tmpfs, so the figures are CPU and syscalls, not the disk); inputs are
# read once before timing so every round reads them from the page cache.
# Needs: java, proxy-app/target/imageguard.jar (mvn -q -DskipTests package), an exiftool >= 12.66 (plus:DataMining)
# in IMAGEGUARD_EXIFTOOL, /usr/bin/time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${IMAGEGUARD_JAR:-$ROOT/proxy-app/target/imageguard.jar}
ROUNDS=${ROUNDS:-5}
EXIFTOOL=${IMAGEGUARD_EXIFTOOL:?set IMAGEGUARD_EXIFTOOL to an exiftool 13}
SET=$(cd "${1:-$("$ROOT/tests/bench/real-set.sh")}" && pwd)
WORK=$(mktemp -d "${BENCH_WORK:-/dev/shm}/imageguard-batch.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -q -DskipTests package first" >&2; exit 2; }
"$EXIFTOOL" -listw -XMP-plus:all | grep -qw DataMining || { echo "$EXIFTOOL does not know plus:DataMining" >&2; exit 2; }

printf 'optimize:\n  mode: none\n' > "$WORK/metadata-only.yaml"
COUNT=$(find "$SET" -type f | wc -l)
BYTES=$(du -sb "$SET" | cut -f1)
cat $(find "$SET" -type f) > /dev/null # page cache
echo "set: $COUNT files, $BYTES bytes in $SET; outputs in $WORK" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# "tuned" is the command line docs/cli.md gives for batch runs: C1 only (-XX:TieredStopAtLevel=1: a short run spends
# more CPU in C2 compiling than C2's code saves) and the serial collector (no parallel GC threads competing with the
# workers; large arrays are not humongous objects). An AppCDS archive gained nothing measurable here.
IG="-jar $JAR rewrite --config $WORK/metadata-only.yaml"
TUNED="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# "tuned_cds" adds an application class-data archive (AppCDS), made once before the rounds by one run with
# -XX:ArchiveClassesAtExit, as docs/cli.md describes: the classes are then mapped, not loaded and verified, at start.
java $TUNED -XX:ArchiveClassesAtExit="$WORK/imageguard.jsa" $IG -o "$WORK/cds-dump" "$SET" > /dev/null 2>&1 || true
rm -rf "$WORK/cds-dump"

# One job per line: name, command (OUT is replaced by a fresh output directory).
JOBS=(
    "cp|cp -r $SET OUT"
    "imageguard|java ${JAVA_OPTS:-} $IG -o OUT $SET"
    "imageguard_tuned|java ${JAVA_OPTS:-} $TUNED $IG -o OUT $SET"
    "imageguard_tuned_cds|java ${JAVA_OPTS:-} $TUNED -XX:SharedArchiveFile=$WORK/imageguard.jsa $IG -o OUT $SET"
    "exiftool|cd $SET && $EXIFTOOL -q -q -all= -tagsfromfile @ -icc_profile -orientation -XMP-plus:DataMining=DMI-PROHIBITED -o OUT/%d%f.%e -r ."
)
for round in $(seq 1 "$ROUNDS"); do
    for job in "${JOBS[@]}"; do
        name=${job%%|*}; command=${job#*|}
        out="$WORK/out-$name"
        rm -rf "$out"
        /usr/bin/time -f "%e %U %S" -o "$WORK/time" sh -c "${command//OUT/$out}" > "$WORK/log-$name" 2>&1 || true
        echo "$round $name $(tail -1 "$WORK/time")" | tee -a "$WORK/times" >&2
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
tail -3 "$WORK/log-imageguard" | head -1 >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
printf '| job | wall s (median) | user s | system s | walls of each round |\n|---|---:|---:|---:|---|\n'
for job in "${JOBS[@]}"; do
    name=${job%%|*}
    wall=$(awk -v n="$name" '$2 == n {print $3}' "$WORK/times" | median)
    user=$(awk -v n="$name" '$2 == n {print $4}' "$WORK/times" | median)
    sys=$(awk -v n="$name" '$2 == n {print $5}' "$WORK/times" | median)
    rounds=$(awk -v n="$name" '$2 == n {printf "%s%s", sep, $3; sep=", "}' "$WORK/times")
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$wall" "$user" "$sys" "$rounds"
    eval "WALL_${name}=$wall"
done
awk -v ig="$WALL_imageguard" -v igt="$WALL_imageguard_tuned" -v igc="$WALL_imageguard_tuned_cds" \
    -v et="$WALL_exiftool" -v cp="$WALL_cp" \
    'BEGIN { printf "\nexiftool / imageguard = %.1fx wall (tuned %.1fx, tuned with AppCDS %.1fx); imageguard / cp -r = %.1fx (tuned %.1fx)\n",
             et / ig, et / igt, et / igc, ig / cp, igt / cp }'
