/**
 * Statistics for simulation reports: a log-bucketed {@link io.kadring.simulator.stats.Histogram}
 * with quantiles (on HdrHistogram), and a {@link io.kadring.simulator.stats.TimeSeries} bucketed
 * by virtual time, and {@link io.kadring.simulator.stats.Share} of a count. Plain deterministic data structures: no clock, no randomness, no threads;
 * no dependency but HdrHistogram.
 */
package io.kadring.simulator.stats;
