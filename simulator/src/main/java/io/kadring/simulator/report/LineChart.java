package io.kadring.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as inline SVG: one or more {@link Series} over shared numeric axes, with a title,
 * axis labels, round ticks and a legend. The axes cover the data unless fixed with
 * {@link #xRange}/{@link #yRange}.
 */
public final class LineChart {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private double[] xRange;
    private double[] yRange;
    private boolean integerX;
    private boolean rateAxis;

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Fixes the x axis to [min, max]. */
    public LineChart xRange(double min, double max) {
        xRange = new double[] {min, max};
        return this;
    }

    /** Fixes the y axis to [min, max] (e.g. 0–1 for a rate). */
    public LineChart yRange(double min, double max) {
        yRange = new double[] {min, max};
        return this;
    }

    /**
     * A y axis for rates near 1: from 0.9 (or the lowest tenth the solid lines reach) to 1, so
     * that small dips show. Dashed lines (markers, references) are clipped to it.
     */
    public LineChart rateAxis() {
        rateAxis = true;
        return this;
    }

    /** Ticks on x at whole numbers only (e.g. log2 N). */
    public LineChart integerX() {
        integerX = true;
        return this;
    }

    public String toSvg() {
        double[] xs = bounds(true);
        double[] ys = bounds(false);
        boolean empty = Double.isNaN(ys[0]);
        if (empty) {
            xs = new double[] {0, 1};
            ys = new double[] {0, 1};
        }
        if (rateAxis && !empty) {
            double lowest = 1;
            for (Series s : series) {
                if (s.dashed()) continue;
                for (double y : s.y()) if (y < lowest) lowest = y;
            }
            yRange = new double[] {Math.min(0.9, Math.floor(lowest * 10) / 10), 1};
        }
        double xMin = xRange != null ? xRange[0] : xs[0];
        double xMax = xRange != null ? xRange[1] : xs[1];
        Svg.Ticks yTicks = yRange != null ? Svg.Ticks.covering(yRange[0], yRange[1], 5)
                : Svg.Ticks.covering(Math.min(0, ys[0]), ys[1], 5);
        Svg.Ticks xTicks = Svg.Ticks.covering(xMin, xMax, 8);
        if (integerX && xTicks.step() < 1) xTicks = new Svg.Ticks(Math.floor(xMin), Math.ceil(xMax), 1);
        List<String> names = new ArrayList<>();
        List<Boolean> dashes = new ArrayList<>();
        for (Series s : series) {
            names.add(s.name());
            dashes.add(s.dashed());
        }
        Svg svg = new Svg(title, empty ? List.of() : names, xMin, xMax, yTicks.min(), yTicks.max());
        svg.axes(xLabel, yLabel, yTicks);
        for (double v : xTicks.values()) {
            if (v >= xMin - 1e-9 && v <= xMax + 1e-9) svg.xTick(v, xTicks.label(v));
        }
        if (empty) {
            svg.empty("no data");
            return svg.finish();
        }
        for (int i = 0; i < series.size(); i++) draw(svg, series.get(i), Svg.colour(i), xMin, xMax);
        svg.legend(dashes);
        return svg.finish();
    }

    /** Draws {@code s}; points beyond the x axis are left out (a step runs on to the edge). */
    private static void draw(Svg svg, Series s, String colour, double xMin, double xMax) {
        List<double[]> run = new ArrayList<>();
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (x > xMax) {
                if (s.stepped() && !run.isEmpty()) run.add(new double[] {svg.x(xMax), run.get(run.size() - 1)[1]});
                break;
            }
            if (Double.isNaN(y) || x < xMin) {
                svg.polyline(run, colour, s.dashed());
                run = new ArrayList<>();
                continue;
            }
            if (s.stepped() && !run.isEmpty()) run.add(new double[] {svg.x(x), run.get(run.size() - 1)[1]});
            run.add(new double[] {svg.x(x), svg.y(y)});
        }
        svg.polyline(run, colour, s.dashed());
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (Double.isNaN(y) || x < xMin || x > xMax) continue;
            if (s.low() != null) {
                double px = svg.x(x);
                svg.line(px, svg.y(s.low()[i]), px, svg.y(s.high()[i]), colour, 1.5, false);
                svg.line(px - 4, svg.y(s.low()[i]), px + 4, svg.y(s.low()[i]), colour, 1.5, false);
                svg.line(px - 4, svg.y(s.high()[i]), px + 4, svg.y(s.high()[i]), colour, 1.5, false);
            }
            if (s.marked()) {
                String range = s.low() == null ? ""
                        : " (" + Svg.number(s.low()[i], 2) + "–" + Svg.number(s.high()[i], 2) + ")";
                svg.circle(svg.x(x), svg.y(y), colour,
                        s.name() + ": " + Svg.number(x, 3) + ", " + Svg.number(y, 3) + range);
            }
        }
    }

    /** [min, max] over every finite value of the series (whiskers included); NaN if none. */
    private double[] bounds(boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i])) continue;
                double[] values = x ? new double[] {s.x()[i]}
                        : s.low() == null ? new double[] {s.y()[i]} : new double[] {s.y()[i], s.low()[i], s.high()[i]};
                for (double v : values) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
    }
}
