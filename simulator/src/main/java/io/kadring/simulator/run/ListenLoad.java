package io.kadring.simulator.run;

/**
 * The listen workload: each node, when it comes up, listens with probability {@code fraction} to
 * the key of a live publisher; publishers then publish a new seq every {@code updateIntervalMillis}
 * on average (exponential), instead of only refreshing their one record.
 *
 * @param fraction share of nodes that listen to one key, in [0, 1]; 0 for no listen workload
 * @param updateIntervalMillis mean time between a publisher's new seqs, > 0
 */
public record ListenLoad(double fraction, long updateIntervalMillis) {
    /** No listeners, and publishers that publish once. */
    public static final ListenLoad NONE = new ListenLoad(0, 600_000);

    public ListenLoad {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("listen fraction must be in [0, 1], got " + fraction);
        }
        if (updateIntervalMillis <= 0) {
            throw new IllegalArgumentException("update interval must be > 0, got " + updateIntervalMillis + " ms");
        }
    }

    /** Whether there is a listen workload. */
    public boolean any() {
        return fraction > 0;
    }
}
