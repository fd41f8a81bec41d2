/**
 * Experiments from the literature, each a {@link io.kadring.simulator.scenario.Scenario} of one
 * or several simulation runs with a report of its own: {@code path-length} (Chord, Fig. 10),
 * {@code mass-failure} (Chord, Fig. 11) and {@code churn} (Li et al., IPTPS 2004).
 * {@link io.kadring.simulator.scenario.Scenarios} finds them by name.
 *
 * <p>Each extends {@code ScenarioBase}; {@code ScenarioJson} writes the pieces their JSON shares.
 *
 * <p>Builds on the runner ({@code run}) and the reports ({@code report}); reads no clock.
 */
package io.kadring.simulator.scenario;
