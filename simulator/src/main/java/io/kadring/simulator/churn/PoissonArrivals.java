package io.kadring.simulator.churn;

import java.util.random.RandomGenerator;

/** Arrivals of a Poisson process: independent, exponentially distributed gaps. */
public record PoissonArrivals(double meanGapMillis) {

    public PoissonArrivals {
        if (!(meanGapMillis > 0) || Double.isInfinite(meanGapMillis)) {
            throw new IllegalArgumentException("mean gap must be a finite number of ms > 0, got " + meanGapMillis);
        }
    }

    /** Arrivals at {@code perMillisecond} on average. */
    public static PoissonArrivals withRate(double perMillisecond) {
        return new PoissonArrivals(1 / perMillisecond);
    }

    /** The gap to the next arrival, in (fractional) milliseconds. */
    public double nextGapMillis(RandomGenerator random) {
        return meanGapMillis * Variates.standardExponential(random);
    }
}
