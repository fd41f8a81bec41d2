#!/usr/bin/env bash
# Runs the JMH benchmarks of the peer process (bootstrap/src/test/java/io/kadring/bootstrap/bench)
# against the modules as they are in this checkout (the reactor's target/classes, not ~/.m2).
# Usage, from anywhere: bootstrap/benchmark.sh [JMH arguments, e.g. SavedRecordsBenchmark]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/bootstrap/target/bench.classpath"
mvn -B -q -pl bootstrap -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$out"
exec java -cp "bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$out")" org.openjdk.jmh.Main "$@"
