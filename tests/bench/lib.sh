# Shell functions shared by the benchmark scripts; source it, do not run it.

# Builds the main classes of every module and the test classes of tests/, writes the tests module's test classpath
# and sets BENCH_CP to "tests/target/test-classes:<that classpath>" (relative to the repository root, the current
# directory). One Maven run: the lifecycle phase lets -am resolve the sibling snapshot modules from their
# target/classes, which dependency:build-classpath alone cannot. Offline first; online once if a plugin is missing.
bench_test_classpath() {
  mvn -q -o -pl tests -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test \
    || mvn -q -pl tests -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
  BENCH_CP="tests/target/test-classes:$(cat tests/target/test-classpath.txt)"
}
