package io.kadring.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A grouped bar chart as inline SVG: one group per category along x, one bar per series in
 * each group, with a title, axis labels, round ticks on y and a legend.
 */
public final class BarChart {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> categories;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    public BarChart(String title, String xLabel, String yLabel, List<String> categories) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
    }

    /** One bar per category, {@code heights[i]} for {@code categories.get(i)}. */
    public BarChart add(String name, double[] heights) {
        if (heights.length != categories.size()) {
            throw new IllegalArgumentException(name + ": " + heights.length + " values for "
                    + categories.size() + " categories");
        }
        names.add(name);
        values.add(heights.clone());
        return this;
    }

    public String toSvg() {
        double max = 0;
        for (double[] v : values) for (double h : v) if (Double.isFinite(h)) max = Math.max(max, h);
        Svg.Ticks yTicks = Svg.Ticks.covering(0, max, 5);
        int n = Math.max(1, categories.size());
        Svg svg = new Svg(title, names, 0, n, 0, yTicks.max());
        svg.axes(xLabel, yLabel, yTicks);
        if (categories.isEmpty() || values.isEmpty()) {
            svg.empty("no data");
            return svg.finish();
        }
        double group = svg.x(1) - svg.x(0);
        double bar = group * 0.8 / values.size();
        int labelEvery = (int) Math.ceil(categories.size() / 20.0);
        for (int c = 0; c < categories.size(); c++) {
            if (c % labelEvery == 0) svg.xTick(c + 0.5, categories.get(c));
            for (int s = 0; s < values.size(); s++) {
                double h = values.get(s)[c];
                if (!(h > 0)) continue;
                double left = svg.x(c) + group * 0.1 + s * bar;
                svg.rect(left, svg.y(h), bar, svg.y(0) - svg.y(h), Svg.colour(s),
                        names.get(s) + ", " + categories.get(c) + ": " + Svg.number(h, 2));
            }
        }
        List<Boolean> solid = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) solid.add(false);
        svg.legend(solid);
        return svg.finish();
    }
}
