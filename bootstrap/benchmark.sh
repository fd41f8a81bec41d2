#!/usr/bin/env bash
# Runs the benchmarks of bootstrap/src/test/java/io/kadring/bootstrap/bench against the modules
# as they are in this checkout (the reactor's target/classes, not ~/.m2). None runs in mvn verify.
# Usage, from anywhere:
#   bootstrap/benchmark.sh [JMH arguments, e.g. WireCodecBenchmark -wi 2 -i 3 -f 1 -r 2s]
#   bootstrap/benchmark.sh formation [--nodes N] [--rounds R] [--json]
#   bootstrap/benchmark.sh throughput [--clients C] [--window W] [--seconds S]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/bootstrap/target/bench.classpath"
mvn -B -q -pl bootstrap -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$out"
# A signed jar (BouncyCastle's) is verified as its classes load: hundreds of ms of CPU in a
# cold JVM that the peer never pays: kadring.jar is shaded without the signatures. So are these copies.
for tool in zip unzip; do
    command -v "$tool" >/dev/null || { echo "benchmark.sh needs $tool (apt-get install $tool)" >&2; exit 2; }
done
unsigned="$PWD/bootstrap/target/bench-unsigned"
mkdir -p "$unsigned"
deps=""
for jar in $(tr ':' ' ' < "$out"); do
    if [[ "$jar" == *.jar ]] && unzip -Z1 "$jar" 2>/dev/null | grep -E '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' >/dev/null; then
        copy="$unsigned/$(basename "$jar")"
        if [[ ! -f "$copy" || "$jar" -nt "$copy" ]]; then
            cp "$jar" "$copy.part"  # into place only once stripped: a half-made copy is never reused
            zip -q -d "$copy.part" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' >/dev/null
            mv "$copy.part" "$copy"
        fi
        jar="$copy"
    fi
    deps="${deps:+$deps:}$jar"
done
cp="bootstrap/target/test-classes:bootstrap/target/classes:$deps"
case "${1:-}" in
    formation) shift; exec java -cp "$cp" io.kadring.bootstrap.bench.FormationBench "$@" ;;
    throughput) shift; exec java -cp "$cp" io.kadring.bootstrap.bench.ThroughputBench "$@" ;;
    *) exec java -cp "$cp" org.openjdk.jmh.Main "$@" ;;
esac
