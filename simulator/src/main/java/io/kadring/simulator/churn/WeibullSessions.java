package io.kadring.simulator.churn;

import java.util.random.RandomGenerator;

/** See {@link SessionTime#weibull(double, double)}. */
final class WeibullSessions implements SessionTime {
    private final double shape;
    private final double median;
    private final double scale;
    private final double mean;

    WeibullSessions(double shape, double medianMillis) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("Weibull shape must be a finite number > 0, got " + shape);
        }
        if (!(medianMillis > 0) || Double.isInfinite(medianMillis)) {
            throw new IllegalArgumentException("median session must be a finite number of ms > 0, got " + medianMillis);
        }
        this.shape = shape;
        this.median = medianMillis;
        this.scale = medianMillis / StrictMath.pow(StrictMath.log(2), 1 / shape);
        this.mean = scale * gamma(1 + 1 / shape);
    }

    @Override
    public long sampleMillis(RandomGenerator random) {
        // Inverse transform: F(x) = 1 - exp(-(x/λ)^k).
        return Variates.wholeMillis(scale * StrictMath.pow(Variates.standardExponential(random), 1 / shape));
    }

    /**
     * The residual is U·L with L length-biased (density x·f(x)/mean). For a Weibull,
     * (L/λ)^k is then Gamma(1 + 1/k)-distributed.
     */
    @Override
    public long sampleResidualMillis(RandomGenerator random) {
        double lengthBiased = scale * StrictMath.pow(Variates.standardGamma(1 + 1 / shape, random), 1 / shape);
        return Variates.wholeMillis(random.nextDouble() * lengthBiased);
    }

    @Override
    public double meanMillis() {
        return mean;
    }

    @Override
    public String toString() {
        return "Weibull[shape=" + shape + ", median=" + median + " ms, mean=" + mean + " ms]";
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };

    /** Γ(x) for x ≥ 1/2, by the Lanczos approximation (g = 7), good to about 1e-15. */
    static double gamma(double x) {
        x -= 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (x + i);
        }
        double t = x + 7.5;
        return StrictMath.sqrt(2 * StrictMath.PI) * StrictMath.pow(t, x + 0.5) * StrictMath.exp(-t) * sum;
    }
}
