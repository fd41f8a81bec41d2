package io.kadring.simulator;

import java.util.random.RandomGenerator;

/**
 * One-way delay of a datagram between two hosts. Hosts are numbered 0, 1, 2, … in the order
 * the network first meets them. A model may keep per-host state (the coordinates model
 * does), so give each {@link SimNetwork} its own instance.
 */
public interface LatencyModel {

    /**
     * Delay in milliseconds (≥ 0) for one datagram from host {@code from} to host {@code to}.
     *
     * @param random the network's seeded generator, for models that vary per datagram
     */
    long delayMillis(int from, int to, RandomGenerator random);

    /** Called once per host, in host order, before its first datagram. Does nothing by default. */
    default void place(int host, RandomGenerator random) {
    }

    /** Every datagram takes {@code millis}. */
    static LatencyModel constant(long millis) {
        requireNonNegative(millis, "latency");
        return (from, to, random) -> millis;
    }

    /** Each datagram independently takes a whole number of ms in [{@code min}, {@code max}]. */
    static LatencyModel uniform(long minMillis, long maxMillis) {
        requireNonNegative(minMillis, "minimum latency");
        if (maxMillis < minMillis) {
            throw new IllegalArgumentException(
                    "maximum latency " + maxMillis + " ms is below the minimum " + minMillis + " ms");
        }
        long span = maxMillis - minMillis + 1;
        return (from, to, random) -> minMillis + random.nextLong(span);
    }

    /**
     * Each host gets a random point, uniform in a square of side {@code sideMillis} (in ms of
     * delay); a datagram takes {@code baseMillis} plus the Euclidean distance, rounded to whole
     * ms. So a pair's latency is fixed and symmetric, and pairs differ, from {@code baseMillis}
     * up to {@code baseMillis + sideMillis·√2}.
     */
    static LatencyModel coordinates(long baseMillis, double sideMillis) {
        requireNonNegative(baseMillis, "base latency");
        if (!(sideMillis >= 0) || Double.isInfinite(sideMillis)) {
            throw new IllegalArgumentException("side must be a finite number of ms >= 0, got " + sideMillis);
        }
        return new PlaneCoordinates(baseMillis, sideMillis);
    }

    private static void requireNonNegative(long millis, String what) {
        if (millis < 0) {
            throw new IllegalArgumentException(what + " must be >= 0 ms, got " + millis);
        }
    }
}
