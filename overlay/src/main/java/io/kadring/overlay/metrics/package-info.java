/**
 * The node's metrics: {@link io.kadring.overlay.metrics.NodeMetrics}, a small facade over a
 * Micrometer {@code MeterRegistry} (or a no-op when there is none) that the node calls as it
 * works. Meter names and tags follow docs/design.md, "Metrics".
 *
 * <p>Core code: depends on Micrometer only, never on io.vertx; it reads no clock (durations are
 * measured by the caller on the environment's clock) and exports nothing itself (the embedder
 * or the peer process owns the registry and its exposition).
 */
package io.kadring.overlay.metrics;
