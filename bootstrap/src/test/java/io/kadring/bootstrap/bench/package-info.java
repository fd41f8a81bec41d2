/**
 * Benchmarks, run by {@code bootstrap/benchmark.sh}, never by {@code mvn verify}: JMH classes
 * ({@code *Benchmark}) over the public API of each module (wire codec, routing table, ids,
 * record validation, the simulator's event loop, the records store), and two main classes that
 * run real nodes on loopback ({@link io.kadring.bootstrap.bench.FormationBench},
 * {@link io.kadring.bootstrap.bench.ThroughputBench}). Nothing else depends on this package.
 */
package io.kadring.bootstrap.bench;
