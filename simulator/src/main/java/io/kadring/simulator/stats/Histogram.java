package io.kadring.simulator.stats;

import java.util.Locale;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A distribution of non-negative longs (latencies in ms, hop counts, message counts) on an
 * HdrHistogram of two significant digits: values below 256 are counted exactly; larger ones
 * fall in buckets 1/128 of their power of two wide, so a quantile is reported within 0.8%, by
 * the highest value in its bucket but never outside [min, max]. Count, min, max and mean are
 * exact.
 */
public final class Histogram {
    /** 256 buckets one wide, then 128 per power of two. */
    private static final int SIGNIFICANT_DIGITS = 2;

    private final org.HdrHistogram.Histogram counts = new org.HdrHistogram.Histogram(SIGNIFICANT_DIGITS);
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
        counts.recordValueWithCount(value, times);
        sum += value * times;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds everything {@code other} recorded. */
    public void add(Histogram other) {
        if (other.count() == 0) {
            return;
        }
        counts.add(other.counts);
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return counts.getTotalCount();
    }

    /** The smallest value, or 0 if empty. */
    public long min() {
        return count() == 0 ? 0 : min;
    }

    /** The largest value, or 0 if empty. */
    public long max() {
        return count() == 0 ? 0 : max;
    }

    /** The arithmetic mean, or 0 if empty. */
    public double mean() {
        return count() == 0 ? 0 : (double) sum / count();
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
        return count() == 0 ? 0 : withinRange(counts.getValueAtPercentile(100 * q));
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
        for (HistogramIterationValue bucket : counts.recordedValues()) {
            visitor.visit(withinRange(bucket.getValueIteratedTo()), bucket.getCountAtValueIteratedTo());
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
                count(), mean(), p50(), p90(), p99(), max());
    }

    /** A bucket's value clamped to what was recorded: its bounds may lie beyond min and max. */
    private long withinRange(long value) {
        return Math.max(min, Math.min(max, value));
    }
}
