package io.kadring.simulator.scenario;

import io.kadring.simulator.run.Latencies;
import io.kadring.simulator.run.SimulationConfig;

/**
 * What a user may change about a scenario; the rest is the setup of the paper it repeats.
 *
 * @param seed the master seed
 * @param nodes network size; 0 for the scenario's own (1,000 for mass-failure, 1,024 for churn;
 *     path-length ignores it and uses {@code maxNodes})
 * @param durationMillis how long the workload runs; 0 for the scenario's own
 * @param maxNodes path-length only: the largest network, rounded down to a power of two (≥ 8)
 * @param latency the latency model, as {@link Latencies#parse} reads it
 * @param loss probability that a datagram is lost
 * @param partitionAtMillis partition only: when the split starts; 0 for the scenario's own
 * @param partitionForMillis partition only: how long it lasts; 0 for the scenario's own
 */
public record ScenarioOptions(long seed, int nodes, long durationMillis, int maxNodes, String latency, double loss,
                              long partitionAtMillis, long partitionForMillis) {
    public ScenarioOptions {
        if (nodes < 0) throw new IllegalArgumentException("nodes must be >= 0 (0 = the scenario's own), got " + nodes);
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must be >= 0 (0 = the scenario's own), got " + durationMillis);
        }
        if (maxNodes < PathLengthScenario.SMALLEST) {
            throw new IllegalArgumentException("max nodes must be >= " + PathLengthScenario.SMALLEST + ", got " + maxNodes);
        }
        Latencies.parse(latency);
        if (!(loss >= 0 && loss < 1)) throw new IllegalArgumentException("loss must be in [0, 1), got " + loss);
        if (partitionAtMillis < 0 || partitionForMillis < 0) {
            throw new IllegalArgumentException("partition times must be >= 0 (0 = the scenario's own), got "
                    + partitionAtMillis + " and " + partitionForMillis + " ms");
        }
    }

    /** Seed, latency and loss as {@link SimulationConfig#defaults()}; each scenario's own size and duration; N up to 2^14. */
    public static ScenarioOptions defaults() {
        SimulationConfig d = SimulationConfig.defaults();
        return new ScenarioOptions(d.seed(), 0, 0, PathLengthScenario.LARGEST, d.latency(), d.loss(), 0, 0);
    }

    int nodesOr(int fallback) {
        return nodes > 0 ? nodes : fallback;
    }

    long durationOr(long fallback) {
        return durationMillis > 0 ? durationMillis : fallback;
    }
}
