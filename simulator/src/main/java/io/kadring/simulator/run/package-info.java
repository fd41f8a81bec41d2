/**
 * One simulation run: {@link io.kadring.simulator.run.Simulation} runs the production
 * {@code Node} over the simulated network in virtual time, with a workload of lookups, puts
 * and gets, churn and a mass failure if asked, checks every lookup against the ground truth
 * only the simulator knows, and sums it up in a {@link io.kadring.simulator.run.SimulationReport}
 * (a JSON summary and time series). {@link io.kadring.simulator.run.SimulationConfig} says what
 * to run; {@code Durations} and {@code Latencies} read its values as users write them.
 *
 * <p>Builds on the engine (the root package), {@code churn}, {@code stats} and the overlay's
 * core packages; never on {@code report} or {@code scenario}, which build on it, nor on the
 * overlay's Vert.x driver or embedding API. Deterministic: the wall clock is read only to say
 * how long a run took ({@code WallClock}, marked {@code @SuppressForbidden}).
 */
package io.kadring.simulator.run;
