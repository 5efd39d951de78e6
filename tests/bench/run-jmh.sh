#!/usr/bin/env bash
# Builds the reactor, generates the benchmark inputs and runs the JMH engine benchmarks.
#
#   tests/bench/run-jmh.sh                  # EngineBenchmark, 3 x 2 s warm-up, 5 x 2 s measurement, 1 fork (~4.5 min)
#   tests/bench/run-jmh.sh 'EngineBenchmark.rewrite' -p image=jpeg-12mp   # extra args go to JMH, replacing the regex
#   tests/bench/run-jmh.sh 'EngineBenchmark.(rewrite|arraycopy)' -p image=/path/to/photo.jpg   # a real file (a path)
#
# Results: target/bench/jmh-result.json (JMH JSON) and target/bench/jmh-table.md (the BENCHMARKS.md table).
# Inputs: ${IMAGEGUARD_BENCH_IMAGES:-/tmp/imageguard-bench-images}, made once by ImageMagick + exiftool.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
images="${IMAGEGUARD_BENCH_IMAGES:-/tmp/imageguard-bench-images}"
out="$root/tests/target/bench"
mkdir -p "$out"

# Main classes, the test classes of tests/ (where JMH's annotation processor writes META-INF/BenchmarkList) and the
# test classpath.
source "$root/tests/bench/lib.sh"
bench_test_classpath
if [[ ! -s tests/target/test-classes/META-INF/BenchmarkList ]]; then
  echo "tests/target/test-classes/META-INF/BenchmarkList is missing: JMH's annotation processor did not run" >&2
  exit 1
fi
cp="$BENCH_CP"

java -cp "$cp" org.imageguard.bench.BenchImages "$images"

if [[ $# -eq 0 ]]; then
  set -- EngineBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
fi
# The forks inherit this JVM's options, so they find the same inputs.
java -Dimageguard.bench.images="$images" -cp "$cp" org.openjdk.jmh.Main "$@" \
  -rf json -rff "$out/jmh-result.json" | tee "$out/jmh-output.txt"

"$root/tests/bench/jmh-table.sh" "$out/jmh-result.json" "$images" | tee "$out/jmh-table.md"
