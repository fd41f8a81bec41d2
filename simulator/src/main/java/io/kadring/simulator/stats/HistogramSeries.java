package io.kadring.simulator.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Histogram} per bucket of virtual time (one per simulated minute by default), for
 * quantiles over time (lookup latency p50 and p99 per minute). Times may come in any order.
 */
public final class HistogramSeries {
    private final long bucketMillis;
    private final List<Histogram> buckets = new ArrayList<>();

    public HistogramSeries() {
        this(TimeSeries.MINUTE_MILLIS);
    }

    public HistogramSeries(long bucketMillis) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucket width must be > 0 ms, got " + bucketMillis);
        }
        this.bucketMillis = bucketMillis;
    }

    /** Records {@code value} (≥ 0) in the bucket holding virtual time {@code timeMillis} (≥ 0). */
    public void record(long timeMillis, long value) {
        if (timeMillis < 0) {
            throw new IllegalArgumentException("time must be >= 0 ms, got " + timeMillis);
        }
        long index = timeMillis / bucketMillis;
        if (index >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("time " + timeMillis + " ms is too far out for " + bucketMillis + " ms buckets");
        }
        while (buckets.size() <= index) buckets.add(null); // empty buckets cost no histogram
        Histogram h = buckets.get((int) index);
        if (h == null) buckets.set((int) index, h = new Histogram());
        h.record(value);
    }

    /** Number of buckets up to the last one that holds a value. */
    public int size() {
        return buckets.size();
    }

    /** The {@code q}-quantile of bucket {@code i}, or NaN if it holds nothing. */
    public double quantile(int i, double q) {
        Histogram h = i < buckets.size() ? buckets.get(i) : null;
        return h == null || h.count() == 0 ? Double.NaN : h.quantile(q);
    }
}
