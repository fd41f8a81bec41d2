package io.kadring.simulator.report;

import java.util.Objects;

/**
 * One named line of a {@link LineChart}: points {@code (x[i], y[i])}; a NaN y leaves a gap.
 * Optionally drawn as a step function (a CDF), dashed (a reference curve), with a marker at
 * each point, or with a whisker from {@code low[i]} to {@code high[i]} at each point.
 */
public record Series(String name, double[] x, double[] y, double[] low, double[] high, boolean stepped,
                     boolean dashed, boolean marked) {
    public Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        }
        if ((low == null) != (high == null) || (low != null && (low.length != x.length || high.length != x.length))) {
            throw new IllegalArgumentException(name + ": whiskers need a low and a high for every point");
        }
    }

    /** A plain line through the points. */
    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, null, null, false, false, false);
    }

    /** Drawn as a step function: flat until the next x, then up (for a CDF). */
    public Series asSteps() {
        return new Series(name, x, y, low, high, true, dashed, marked);
    }

    /** Drawn dashed, as a reference curve. */
    public Series asDashed() {
        return new Series(name, x, y, low, high, stepped, true, marked);
    }

    /** A dot at every point. */
    public Series withMarkers() {
        return new Series(name, x, y, low, high, stepped, dashed, true);
    }

    /** A whisker from {@code low[i]} to {@code high[i]} at every point (a percentile range). */
    public Series withRange(double[] lowValues, double[] highValues) {
        return new Series(name, x, y, lowValues, highValues, stepped, dashed, true);
    }
}
