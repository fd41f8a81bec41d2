/**
 * Statistics for simulation reports: a constant-memory {@link io.kadring.simulator.stats.Histogram}
 * with quantiles, and a {@link io.kadring.simulator.stats.TimeSeries} bucketed by virtual time.
 * Plain deterministic data structures: no clock, no randomness, no threads, no dependencies.
 */
package io.kadring.simulator.stats;
