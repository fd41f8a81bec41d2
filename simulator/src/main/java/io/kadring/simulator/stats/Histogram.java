package io.kadring.simulator.stats;

import java.util.Locale;

/**
 * A distribution of non-negative longs (latencies in ms, hop counts, message counts) in
 * constant memory. Values below 256 are counted exactly; larger ones fall in log-linear
 * buckets 1/128 of their power of two wide, so a quantile is reported within 0.8% (as
 * HdrHistogram does, by the highest value in its bucket, but never above the true maximum).
 * Count, min, max and mean are exact.
 */
public final class Histogram {
    private static final int SUB_BITS = 8;
    private static final int EXACT = 1 << SUB_BITS;
    private static final int HALF = EXACT / 2;
    /** Buckets for shifts 1..55 (values up to 2^63 - 1) after the exact ones. */
    private static final int BUCKETS = EXACT + (64 - SUB_BITS - 1) * HALF;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** Records one value (≥ 0). */
    public void record(long value) {
        record(value, 1);
    }

    /** Records {@code value} (≥ 0) {@code times} times. */
    public void record(long value, long times) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0, got " + value);
        }
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0, got " + times);
        }
        if (times == 0) {
            return;
        }
        counts[bucket(value)] += times;
        count += times;
        sum += value * times;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds everything {@code other} recorded. */
    public void add(Histogram other) {
        if (other.count == 0) {
            return;
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    /** The smallest value, or 0 if empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** The largest value, or 0 if empty. */
    public long max() {
        return count == 0 ? 0 : max;
    }

    /** The arithmetic mean, or 0 if empty. */
    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The nearest-rank quantile: the value at rank ⌈q·count⌉ (at least 1) in sorted order,
     * within the bucket precision. {@code quantile(0.5)} is the median, {@code quantile(1)}
     * the maximum. 0 if empty.
     */
    public long quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], got " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, highestIn(i)));
            }
        }
        return max;
    }

    /** One non-empty bucket, as {@link #forEachBucket} hands it out. */
    @FunctionalInterface
    public interface BucketVisitor {
        void visit(long value, long count);
    }

    /**
     * Hands out every non-empty bucket in ascending order: the highest value it holds (exact
     * below 256; never outside [min, max]) and how many values fell in it. Enough to draw the
     * distribution or its CDF.
     */
    public void forEachBucket(BucketVisitor visitor) {
        for (int i = 0; i < BUCKETS && count > 0; i++) {
            if (counts[i] != 0) {
                visitor.visit(Math.max(min, Math.min(max, highestIn(i))), counts[i]);
            }
        }
    }

    public long p50() {
        return quantile(0.50);
    }

    public long p90() {
        return quantile(0.90);
    }

    public long p99() {
        return quantile(0.99);
    }

    /** {@code n=… mean=… p50=… p90=… p99=… max=…}, the mean to two decimals. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "n=%d mean=%.2f p50=%d p90=%d p99=%d max=%d",
                count, mean(), p50(), p90(), p99(), max());
    }

    static int bucket(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int shift = 64 - Long.numberOfLeadingZeros(value) - SUB_BITS;
        int top = (int) (value >>> shift);
        return EXACT + (shift - 1) * HALF + (top - HALF);
    }

    static long highestIn(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int shift = (bucket - EXACT) / HALF + 1;
        long top = (bucket - EXACT) % HALF + HALF;
        return ((top + 1) << shift) - 1;
    }
}
