package io.kadring.simulator.stats;

/** The share of a count that went one way: successes of attempts, found of expected. */
public final class Share {
    private Share() {
    }

    /** {@code part / whole}; 1 when {@code whole} is 0 (nothing was tried, so nothing failed). */
    public static double of(long part, long whole) {
        return whole == 0 ? 1 : part / (double) whole;
    }
}
