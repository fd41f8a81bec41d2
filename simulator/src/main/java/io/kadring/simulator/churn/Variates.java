package io.kadring.simulator.churn;

import java.util.random.RandomGenerator;

/**
 * Random variates drawn from a generator's {@code nextDouble()} with {@link StrictMath}, so a
 * seed gives the same values on every JVM and CPU (and in interpreted and compiled code).
 */
final class Variates {
    private Variates() {
    }

    /** Rounded to whole milliseconds, at least 1. */
    static long wholeMillis(double millis) {
        return Math.max(1, Math.round(millis));
    }

    /** −ln U with U in (0, 1]: exponential with mean 1. */
    static double standardExponential(RandomGenerator random) {
        return -StrictMath.log(1 - random.nextDouble());
    }

    /** Marsaglia and Tsang's method for Gamma(a, 1), valid for a ≥ 1. */
    static double standardGamma(double a, RandomGenerator random) {
        double d = a - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = standardNormal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    /** Marsaglia's polar method, one value per call. */
    static double standardNormal(RandomGenerator random) {
        double u;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }
}
