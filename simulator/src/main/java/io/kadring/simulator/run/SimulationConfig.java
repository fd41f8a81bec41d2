package io.kadring.simulator.run;

import io.kadring.overlay.node.Defences;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.simulator.adversary.Adversaries;
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
 * @param node the configuration every node runs with, adversaries' too
 * @param adversaries the hostile share of the nodes and what they do
 * @param partitionAtMillis when, after the workload starts, the network splits in two halves
 * @param partitionForMillis how long the split lasts; 0 for no partition
 * @param listen the listen workload: listeners on published keys and their publishers' updates
 *     ({@link ListenLoad#NONE} for none)
 * @param clientFraction share of the honest nodes (node 0 aside) that run in client mode
 * @param replicaCheckIntervalMillis how often each publisher runs a replica check of its record; 0 for never
 */
public record SimulationConfig(int nodes, long seed, long durationMillis, String latency, double loss,
                               long sessionMeanMillis, double killFraction, long lookupIntervalMillis,
                               double publishFraction, long getIntervalMillis, long joinSpacingMillis,
                               NodeConfig node, Adversaries adversaries, long partitionAtMillis,
                               long partitionForMillis, double clientFraction, long replicaCheckIntervalMillis,
                               ListenLoad listen) {
    public SimulationConfig {
        Objects.requireNonNull(listen, "listen");
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
        Objects.requireNonNull(adversaries, "adversaries");
        int hostile = adversaries.count(nodes);
        if (hostile > (long) Adversaries.HOSTS_PER_SUBNET * adversaries.subnets()) {
            throw new IllegalArgumentException(hostile + " adversaries do not fit " + adversaries.subnets()
                    + " subnets of " + Adversaries.HOSTS_PER_SUBNET + " hosts; give more subnets");
        }
        if (hostile >= nodes && adversaries.any()) {
            throw new IllegalArgumentException("adversary fraction " + adversaries.fraction() + " of " + nodes
                    + " nodes leaves no honest node");
        }
        if (partitionAtMillis < 0) throw new IllegalArgumentException("partition start must be >= 0, got " + partitionAtMillis);
        if (partitionForMillis < 0) {
            throw new IllegalArgumentException("partition length must be >= 0 (0 = none), got " + partitionForMillis);
        }
        if (!(clientFraction >= 0 && clientFraction < 1)) {
            throw new IllegalArgumentException("client fraction must be in [0, 1), got " + clientFraction);
        }
        if (replicaCheckIntervalMillis < 0) {
            throw new IllegalArgumentException("replica check interval must be >= 0 (0 = none), got "
                    + replicaCheckIntervalMillis);
        }
        if (partitionForMillis > 0 && partitionAtMillis + partitionForMillis >= durationMillis) {
            throw new IllegalArgumentException("the partition (from " + Durations.format(partitionAtMillis) + " for "
                    + Durations.format(partitionForMillis) + ") must heal before the workload ends at "
                    + Durations.format(durationMillis));
        }
    }

    /** Whether the nodes run with every defence ({@link Defences#ALL}). */
    public boolean defences() {
        return node.defences().equals(Defences.ALL);
    }

    /** Whether some nodes run in client mode. */
    public boolean clients() {
        return clientFraction > 0;
    }

    /** Whether the network is split for a while. */
    public boolean partitioned() {
        return partitionForMillis > 0;
    }

    /**
     * 1,000 nodes, seed 1, 10 minutes, 10–100 ms latency, no loss, no churn, a lookup of each
     * kind per node every 5 minutes, 10% of nodes publishing, a get per node every 5 minutes.
     */
    public static SimulationConfig defaults() {
        return new SimulationConfig(1000, 1, 600_000, "uniform:10-100", 0, 0, 0, 300_000, 0.1, 300_000, 20,
                NodeConfig.defaults(), Adversaries.NONE, 0, 0, 0, 0, ListenLoad.NONE);
    }

    /** A builder that starts from {@link #defaults()}. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Sets components by name, e.g. {@code config.toBuilder().nodes(100).seed(7).build()}; the
     * join spacing and the rest of the node configuration are kept. {@link #build()} checks the values as the
     * record's constructor does.
     */
    public static final class Builder {
        private final SimulationConfig kept;
        private int nodes;
        private long seed;
        private long durationMillis;
        private String latency;
        private double loss;
        private long sessionMeanMillis;
        private double killFraction;
        private long lookupIntervalMillis;
        private double publishFraction;
        private long getIntervalMillis;
        private NodeConfig node;
        private Adversaries adversaries;
        private long partitionAtMillis;
        private long partitionForMillis;
        private ListenLoad listen;
        private double clientFraction;
        private long replicaCheckIntervalMillis;

        private Builder(SimulationConfig c) {
            kept = c;
            nodes = c.nodes;
            seed = c.seed;
            durationMillis = c.durationMillis;
            latency = c.latency;
            loss = c.loss;
            sessionMeanMillis = c.sessionMeanMillis;
            killFraction = c.killFraction;
            lookupIntervalMillis = c.lookupIntervalMillis;
            publishFraction = c.publishFraction;
            getIntervalMillis = c.getIntervalMillis;
            node = c.node;
            adversaries = c.adversaries;
            partitionAtMillis = c.partitionAtMillis;
            partitionForMillis = c.partitionForMillis;
            listen = c.listen;
            clientFraction = c.clientFraction;
            replicaCheckIntervalMillis = c.replicaCheckIntervalMillis;
        }

        public Builder nodes(int n) { nodes = n; return this; }
        public Builder seed(long s) { seed = s; return this; }
        public Builder durationMillis(long millis) { durationMillis = millis; return this; }
        public Builder latency(String spec) { latency = spec; return this; }
        public Builder loss(double p) { loss = p; return this; }
        public Builder sessionMeanMillis(long millis) { sessionMeanMillis = millis; return this; }
        public Builder killFraction(double p) { killFraction = p; return this; }
        public Builder lookupIntervalMillis(long millis) { lookupIntervalMillis = millis; return this; }
        public Builder publishFraction(double fraction) { publishFraction = fraction; return this; }
        public Builder getIntervalMillis(long millis) { getIntervalMillis = millis; return this; }
        public Builder adversaries(Adversaries a) { adversaries = a; return this; }
        public Builder listen(ListenLoad load) { listen = load; return this; }
        /** Share of the honest nodes that run in client mode (node 0, which starts the network, never does). */
        public Builder clientFraction(double fraction) { clientFraction = fraction; return this; }
        /** How often each publisher checks its record's replicas; 0 (default) for never. */
        public Builder replicaCheckIntervalMillis(long millis) { replicaCheckIntervalMillis = millis; return this; }

        /** Every node with every defence ({@link Defences#ALL}), or with none ({@link Defences#NONE}). */
        public Builder defences(boolean on) {
            node = node.toBuilder().defences(on ? Defences.ALL : Defences.NONE).build();
            return this;
        }

        /** Splits the network in two halves {@code atMillis} into the workload, for {@code forMillis} (0: never). */
        public Builder partition(long atMillis, long forMillis) {
            partitionAtMillis = atMillis;
            partitionForMillis = forMillis;
            return this;
        }

        /** The configuration; an exception naming the first bad value, if any. */
        public SimulationConfig build() {
            return new SimulationConfig(nodes, seed, durationMillis, latency, loss, sessionMeanMillis, killFraction,
                    lookupIntervalMillis, publishFraction, getIntervalMillis, kept.joinSpacingMillis, node, adversaries,
                    partitionAtMillis, partitionForMillis, clientFraction, replicaCheckIntervalMillis, listen);
        }
    }
}
