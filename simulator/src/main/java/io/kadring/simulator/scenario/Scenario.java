package io.kadring.simulator.scenario;

/**
 * An experiment from the literature, run as one or several simulations: it names its setup
 * and produces a result with a summary table, JSON and an HTML report of its own.
 */
public interface Scenario {
    /** The name {@code --scenario} takes. */
    String name();

    /**
     * Runs the experiment.
     *
     * @param progress where progress lines go (a {@code PrintStream} or {@code Writer}); null for none
     */
    ScenarioResult run(Appendable progress);
}
