package io.kadring.simulator.churn;

import java.util.random.RandomGenerator;

/** See {@link SessionTime#exponential(double)}. */
record ExponentialSessions(double meanMillis) implements SessionTime {

    ExponentialSessions {
        if (!(meanMillis > 0) || Double.isInfinite(meanMillis)) {
            throw new IllegalArgumentException("mean session must be a finite number of ms > 0, got " + meanMillis);
        }
    }

    @Override
    public long sampleMillis(RandomGenerator random) {
        return Variates.wholeMillis(meanMillis * Variates.standardExponential(random));
    }

    @Override
    public long sampleResidualMillis(RandomGenerator random) {
        return sampleMillis(random);
    }
}
