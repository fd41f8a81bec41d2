package io.kadring.simulator.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

final class SessionTimeTest {
    private static final double HOUR = 3_600_000;
    private static final int SAMPLES = 200_000;

    private final RandomGenerator random = new SplittableRandom(5);

    private long[] sample(ToLongFunction<RandomGenerator> draw) {
        long[] values = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            values[i] = draw.applyAsLong(random);
            assertTrue(values[i] >= 1);
        }
        Arrays.sort(values);
        return values;
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }

    private static void assertNear(double expected, double actual, double relative) {
        assertTrue(Math.abs(actual - expected) <= relative * expected,
                () -> "expected " + expected + " within " + relative * 100 + "%, got " + actual);
    }

    @Test
    void exponential_hasTheRequestedMean_andItsResidualIsTheSameLaw() {
        SessionTime sessions = SessionTime.exponential(HOUR);

        assertEquals(HOUR, sessions.meanMillis());
        assertNear(HOUR, mean(sample(sessions::sampleMillis)), 0.01);
        assertNear(HOUR, mean(sample(sessions::sampleResidualMillis)), 0.01);
    }

    @Test
    void weibull_takesTheMedian_andItsSamplesHaveThatMedian() {
        for (double shape : new double[] {0.5, 1, 2.5}) {
            long[] values = sample(SessionTime.weibull(shape, HOUR)::sampleMillis);
            assertNear(HOUR, values[SAMPLES / 2], 0.02);
        }
    }

    @Test
    void weibull_reportsTheMeanOfItsLaw_andItsSamplesAgree() {
        // shape 1 is exponential: mean = median / ln 2; shape 2: mean = median·Γ(1.5)/√ln 2.
        assertNear(HOUR / Math.log(2), SessionTime.weibull(1, HOUR).meanMillis(), 1e-12);
        assertNear(HOUR * Math.sqrt(Math.PI) / 2 / Math.sqrt(Math.log(2)),
                SessionTime.weibull(2, HOUR).meanMillis(), 1e-12);

        SessionTime heavy = SessionTime.weibull(0.6, HOUR);
        assertNear(heavy.meanMillis(), mean(sample(heavy::sampleMillis)), 0.03);
    }

    @Test
    void weibullResidual_hasTheMeanOfTheEquilibriumResidualLife() {
        // E[residual] = E[X²] / (2·E[X]) = λ·Γ(1 + 2/k) / (2·Γ(1 + 1/k)).
        double shape = 0.7;
        double scale = HOUR / Math.pow(Math.log(2), 1 / shape);
        double expected = scale * WeibullSessions.gamma(1 + 2 / shape) / (2 * WeibullSessions.gamma(1 + 1 / shape));

        SessionTime sessions = SessionTime.weibull(shape, HOUR);
        assertNear(expected, mean(sample(sessions::sampleResidualMillis)), 0.03);
        assertTrue(expected > sessions.meanMillis(), "a heavy tail leaves long residuals");
    }

    @Test
    void gamma_matchesKnownValues() {
        assertNear(24, WeibullSessions.gamma(5), 1e-13);
        assertNear(1, WeibullSessions.gamma(1), 1e-13);
        assertNear(Math.sqrt(Math.PI), WeibullSessions.gamma(0.5), 1e-13);
        assertNear(Math.sqrt(Math.PI) / 2, WeibullSessions.gamma(1.5), 1e-13);
        assertNear(2.0 / 3 * 1.3541179394264, WeibullSessions.gamma(5.0 / 3), 1e-11); // Γ(5/3) = (2/3)Γ(2/3)
    }

    @Test
    void badParameters_areRejectedWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> SessionTime.exponential(0));
        assertThrows(IllegalArgumentException.class, () -> SessionTime.weibull(-1, HOUR));
        assertThrows(IllegalArgumentException.class, () -> SessionTime.weibull(1, Double.NaN));
    }

    @Test
    void poissonArrivals_haveTheRequestedMeanGap() {
        PoissonArrivals arrivals = PoissonArrivals.withRate(1 / 3600.0);
        double total = 0;
        for (int i = 0; i < SAMPLES; i++) {
            total += arrivals.nextGapMillis(random);
        }
        assertNear(3600, total / SAMPLES, 0.01);
        assertEquals(3600, arrivals.meanGapMillis(), 1e-9);
    }
}
