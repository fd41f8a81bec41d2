package io.kadring.simulator.stats;

import java.util.Arrays;

/**
 * Values grouped into fixed buckets of virtual time (one per simulated minute by default):
 * per bucket the sum, the count, the mean and the maximum. Record a counter's increments
 * (messages sent) and read {@link #sum}; sample a gauge (live nodes) and read {@link #mean}.
 * Times may come in any order.
 */
public final class TimeSeries {
    /** One simulated minute. */
    public static final long MINUTE_MILLIS = 60_000;

    private final long bucketMillis;
    private double[] sums = new double[64];
    private double[] maxima = new double[64];
    private long[] counts = new long[64];
    private int buckets;

    /** One bucket per simulated minute. */
    public TimeSeries() {
        this(MINUTE_MILLIS);
    }

    public TimeSeries(long bucketMillis) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucket width must be > 0 ms, got " + bucketMillis);
        }
        this.bucketMillis = bucketMillis;
    }

    public long bucketMillis() {
        return bucketMillis;
    }

    /** Adds {@code value} to the bucket holding virtual time {@code timeMillis} (≥ 0). */
    public void add(long timeMillis, double value) {
        if (timeMillis < 0) {
            throw new IllegalArgumentException("time must be >= 0 ms, got " + timeMillis);
        }
        long index = timeMillis / bucketMillis;
        if (index >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("time " + timeMillis + " ms is too far out for "
                    + bucketMillis + " ms buckets");
        }
        int i = (int) index;
        if (i >= sums.length) {
            int capacity = Math.max(2 * sums.length, i + 1);
            sums = Arrays.copyOf(sums, capacity);
            maxima = Arrays.copyOf(maxima, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        maxima[i] = counts[i] == 0 ? value : Math.max(maxima[i], value);
        sums[i] += value;
        counts[i]++;
        buckets = Math.max(buckets, i + 1);
    }

    /** Number of buckets up to the last one that holds a value; empty ones in between count. */
    public int size() {
        return buckets;
    }

    /** Start of bucket {@code i} in virtual ms. */
    public long startMillis(int i) {
        return i * bucketMillis;
    }

    public double sum(int i) {
        return i < buckets ? sums[i] : 0;
    }

    public long count(int i) {
        return i < buckets ? counts[i] : 0;
    }

    /** Mean of bucket {@code i}, or NaN if it holds nothing. */
    public double mean(int i) {
        return count(i) == 0 ? Double.NaN : sums[i] / counts[i];
    }

    /** Largest value in bucket {@code i}, or NaN if it holds nothing. */
    public double max(int i) {
        return count(i) == 0 ? Double.NaN : maxima[i];
    }
}
