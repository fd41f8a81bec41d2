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
 */
public record ScenarioOptions(long seed, int nodes, long durationMillis, int maxNodes, String latency, double loss) {
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
    }

    /** Seed, latency and loss as {@link SimulationConfig#defaults()}; each scenario's own size and duration; N up to 2^14. */
    public static ScenarioOptions defaults() {
        SimulationConfig d = SimulationConfig.defaults();
        return new ScenarioOptions(d.seed(), 0, 0, PathLengthScenario.LARGEST, d.latency(), d.loss());
    }

    public ScenarioOptions withSeed(long s) {
        return new ScenarioOptions(s, nodes, durationMillis, maxNodes, latency, loss);
    }

    public ScenarioOptions withNodes(int n) {
        return new ScenarioOptions(seed, n, durationMillis, maxNodes, latency, loss);
    }

    public ScenarioOptions withDuration(long millis) {
        return new ScenarioOptions(seed, nodes, millis, maxNodes, latency, loss);
    }

    public ScenarioOptions withMaxNodes(int n) {
        return new ScenarioOptions(seed, nodes, durationMillis, n, latency, loss);
    }

    public ScenarioOptions withLatency(String spec) {
        return new ScenarioOptions(seed, nodes, durationMillis, maxNodes, spec, loss);
    }

    public ScenarioOptions withLoss(double p) {
        return new ScenarioOptions(seed, nodes, durationMillis, maxNodes, latency, p);
    }

    int nodesOr(int fallback) {
        return nodes > 0 ? nodes : fallback;
    }

    long durationOr(long fallback) {
        return durationMillis > 0 ? durationMillis : fallback;
    }
}
