package io.kadring.simulator.run;

import io.kadring.overlay.node.NodeConfig;
import java.util.Objects;

/**
 * One simulation run. Times are virtual milliseconds.
 *
 * @param nodes nodes in the network (the churn target when there is churn)
 * @param seed the master seed: the same seed gives the same run, to the byte
 * @param durationMillis how long the workload runs after every node has joined
 * @param latency the latency model, as {@link Latencies#parse} reads it
 * @param loss probability that a datagram is lost
 * @param sessionMeanMillis mean of exponential session times; 0 for no churn
 * @param killFraction share of live nodes that fail at once half-way through; 0 for none
 * @param lookupIntervalMillis mean time between a node's lookups of each kind
 * @param publishFraction share of nodes that publish (and keep refreshing) one record
 * @param getIntervalMillis mean time between a node's gets of a random published record
 * @param joinSpacingMillis time between two nodes joining while the network is built
 * @param node the configuration every node runs with
 */
public record SimulationConfig(int nodes, long seed, long durationMillis, String latency, double loss,
                               long sessionMeanMillis, double killFraction, long lookupIntervalMillis,
                               double publishFraction, long getIntervalMillis, long joinSpacingMillis,
                               NodeConfig node) {
    public SimulationConfig {
        if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        if (durationMillis <= 0) throw new IllegalArgumentException("duration must be > 0, got " + durationMillis + " ms");
        Latencies.parse(latency); // fails with a message naming the bad spec
        if (!(loss >= 0 && loss < 1)) throw new IllegalArgumentException("loss must be in [0, 1), got " + loss);
        if (sessionMeanMillis < 0) {
            throw new IllegalArgumentException("session time must be >= 0 (0 = no churn), got " + sessionMeanMillis);
        }
        if (!(killFraction >= 0 && killFraction < 1)) {
            throw new IllegalArgumentException("kill fraction must be in [0, 1), got " + killFraction);
        }
        if (lookupIntervalMillis <= 0) {
            throw new IllegalArgumentException("lookup interval must be > 0, got " + lookupIntervalMillis);
        }
        if (!(publishFraction >= 0 && publishFraction <= 1)) {
            throw new IllegalArgumentException("publish fraction must be in [0, 1], got " + publishFraction);
        }
        if (getIntervalMillis <= 0) throw new IllegalArgumentException("get interval must be > 0, got " + getIntervalMillis);
        if (joinSpacingMillis < 0) throw new IllegalArgumentException("join spacing must be >= 0, got " + joinSpacingMillis);
        Objects.requireNonNull(node, "node");
    }

    /**
     * 1,000 nodes, seed 1, 10 minutes, 10–100 ms latency, no loss, no churn, a lookup of each
     * kind per node every 5 minutes, 10% of nodes publishing, a get per node every 5 minutes.
     */
    public static SimulationConfig defaults() {
        return new SimulationConfig(1000, 1, 600_000, "uniform:10-100", 0, 0, 0, 300_000, 0.1, 300_000, 20,
                NodeConfig.defaults());
    }

    public SimulationConfig withNodes(int n) {
        return new SimulationConfig(n, seed, durationMillis, latency, loss, sessionMeanMillis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(nodes, s, durationMillis, latency, loss, sessionMeanMillis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withDuration(long millis) {
        return new SimulationConfig(nodes, seed, millis, latency, loss, sessionMeanMillis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withLatency(String spec) {
        return new SimulationConfig(nodes, seed, durationMillis, spec, loss, sessionMeanMillis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withLoss(double p) {
        return new SimulationConfig(nodes, seed, durationMillis, latency, p, sessionMeanMillis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withSessionMean(long millis) {
        return new SimulationConfig(nodes, seed, durationMillis, latency, loss, millis, killFraction,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withKillFraction(double p) {
        return new SimulationConfig(nodes, seed, durationMillis, latency, loss, sessionMeanMillis, p,
                lookupIntervalMillis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withLookupInterval(long millis) {
        return new SimulationConfig(nodes, seed, durationMillis, latency, loss, sessionMeanMillis, killFraction,
                millis, publishFraction, getIntervalMillis, joinSpacingMillis, node);
    }

    public SimulationConfig withRecords(double fraction, long getInterval) {
        return new SimulationConfig(nodes, seed, durationMillis, latency, loss, sessionMeanMillis, killFraction,
                lookupIntervalMillis, fraction, getInterval, joinSpacingMillis, node);
    }
}
