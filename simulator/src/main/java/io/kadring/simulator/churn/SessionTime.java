package io.kadring.simulator.churn;

import java.util.random.RandomGenerator;

/**
 * How long a node stays up once it has joined. Samples are whole milliseconds, at least 1,
 * drawn from the generator given (with {@link StrictMath}, so they are the same on every JVM).
 */
public interface SessionTime {

    /** The length of a new session. */
    long sampleMillis(RandomGenerator random);

    /**
     * What is left of the session of a node seen up at a random instant of the steady state
     * (the equilibrium residual life, which favours long sessions). A population that starts
     * with residual sessions is in steady state from the first moment.
     */
    long sampleResidualMillis(RandomGenerator random);

    /** The mean session length in milliseconds. */
    double meanMillis();

    /** Exponential sessions with the given mean; memoryless, so the residual is the same law. */
    static SessionTime exponential(double meanMillis) {
        return new ExponentialSessions(meanMillis);
    }

    /**
     * Weibull sessions with the given shape k and <em>median</em> m (measured session traces
     * usually report the median). The scale is λ = m / (ln 2)^(1/k) and the mean λ·Γ(1 + 1/k);
     * k &lt; 1 gives the heavy tail seen in real P2P networks, k = 1 is exponential.
     */
    static SessionTime weibull(double shape, double medianMillis) {
        return new WeibullSessions(shape, medianMillis);
    }
}
