package io.kadring.overlay.node;

import io.kadring.routing.NetworkSizeEstimator;
import java.util.Arrays;

/**
 * This node's estimate of how many nodes the network has: the median of the estimates of its
 * recent converged node lookups ({@link NetworkSizeEstimator}, one per lookup: the last
 * {@value #WINDOW} made within {@value #MAX_AGE_MILLIS} ms) and of one made from its own
 * routing table when asked (the k closest to its own id, which a table holds in full). One
 * lookup's estimate is off by about a fifth; the median of a window is within a few percent.
 * Old lookups are left out because networks grow: a node that joined a small network would
 * otherwise report its size at the join for as long as it made few lookups (measured: 1000
 * nodes joining one after another, 10 min later, median 928 with every sample, 983 with the
 * table alone).
 */
final class NetworkSize {
    static final int WINDOW = 32;
    static final long MAX_AGE_MILLIS = 10 * 60_000;

    private final double[] samples = new double[WINDOW];
    private final long[] times = new long[WINDOW];
    private int count;
    private int next;

    /** A converged lookup's estimate, made at {@code now}. */
    void sample(double estimate, long now) {
        if (!(estimate >= 1)) return; // NaN or below 1: no network has fewer nodes than this one
        samples[next] = estimate;
        times[next] = now;
        next = (next + 1) % WINDOW;
        if (count < WINDOW) count++;
    }

    /** The median of the estimates made within {@link #MAX_AGE_MILLIS} of {@code now} and {@code fromTable}, rounded; at least 1. */
    long estimate(double fromTable, long now) {
        double[] all = new double[count + 1];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (now - times[i] <= MAX_AGE_MILLIS) all[n++] = samples[i];
        }
        all[n++] = Math.max(1, fromTable);
        Arrays.sort(all, 0, n);
        double median = n % 2 == 1 ? all[n / 2] : (all[n / 2 - 1] + all[n / 2]) / 2;
        return Math.max(1, Math.round(Math.min(median, (double) Long.MAX_VALUE)));
    }
}
