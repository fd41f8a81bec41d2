package io.kadring.simulator.report;

import java.util.List;
import java.util.Locale;

/**
 * The drawing shared by the charts: the frame with title, axes, ticks, grid and legend, and
 * the text escaping and number formatting. Everything is one inline {@code <svg>} element in
 * user units, with no script and nothing fetched from elsewhere.
 */
final class Svg {
    static final int WIDTH = 680;
    static final int HEIGHT = 340;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    /** Title, then legend rows, then the plot area. */
    private static final int TITLE = 30;
    private static final int LEGEND_ROW = 18;
    static final int BOTTOM = 52;
    /** Colour-blind friendly (Okabe–Ito), in series order. */
    private static final String[] COLOURS = {"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"};

    private final StringBuilder out = new StringBuilder();
    private final List<String> legend;
    private final int top;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /**
     * A frame whose plot area spans the given data ranges (each at least a little wide), with
     * room under the title for a legend naming the series in order.
     */
    Svg(String title, List<String> legend, double xMin, double xMax, double yMin, double yMax) {
        this.legend = List.copyOf(legend);
        this.top = TITLE + LEGEND_ROW * legendRows() + 8;
        this.xMin = xMin;
        this.xMax = xMax > xMin ? xMax : xMin + 1;
        this.yMin = yMin;
        this.yMax = yMax > yMin ? yMax : yMin + 1;
        out.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        out.append("<title>").append(escape(title)).append("</title>\n");
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" "
                + "font-weight=\"bold\">%s</text>%n", WIDTH / 2, escape(title)));
    }

    static String colour(int series) {
        return COLOURS[series % COLOURS.length];
    }

    double x(double value) {
        return LEFT + (value - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
    }

    double y(double value) {
        double y = HEIGHT - BOTTOM - (value - yMin) / (yMax - yMin) * (HEIGHT - top - BOTTOM);
        return Math.max(top, Math.min(HEIGHT - BOTTOM, y)); // what lies outside the y range is clipped
    }

    /** Axis lines, grid, ticks with labels along y, and the axis titles; x ticks are up to the chart. */
    void axes(String xLabel, String yLabel, Ticks yTicks) {
        for (double v : yTicks.values()) {
            line(LEFT, y(v), WIDTH - RIGHT, y(v), "#e4e4e4", 1, false);
            text(LEFT - 6, y(v) + 4, "end", yTicks.label(v));
        }
        line(LEFT, top, LEFT, HEIGHT - BOTTOM, "#333", 1, false);
        line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333", 1, false);
        text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, "middle", xLabel);
        out.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
                (top + HEIGHT - BOTTOM) / 2.0, (top + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
    }

    /** A tick and its label under the x axis at data value {@code v}. */
    void xTick(double v, String label) {
        double px = x(v);
        line(px, HEIGHT - BOTTOM, px, HEIGHT - BOTTOM + 5, "#333", 1, false);
        text(px, HEIGHT - BOTTOM + 18, "middle", label);
    }

    /** The legend: each series' name beside a sample of its line, in rows under the title. */
    void legend(List<Boolean> dashed) {
        double at = LEFT;
        int row = 0;
        for (int i = 0; i < legend.size(); i++) {
            if (at > LEFT && at + entryWidth(i) > WIDTH - RIGHT) {
                row++;
                at = LEFT;
            }
            double y = TITLE + 8 + row * LEGEND_ROW;
            line(at, y, at + 22, y, colour(i), 2.5, dashed.get(i));
            text(at + 28, y + 4, "start", legend.get(i));
            at += entryWidth(i);
        }
    }

    private int legendRows() {
        double at = LEFT;
        int rows = legend.isEmpty() ? 0 : 1;
        for (int i = 0; i < legend.size(); i++) {
            if (at > LEFT && at + entryWidth(i) > WIDTH - RIGHT) {
                rows++;
                at = LEFT;
            }
            at += entryWidth(i);
        }
        return rows;
    }

    /** Sample line, gap, and the name at about 6.5 px a character. */
    private double entryWidth(int i) {
        return 44 + 6.5 * legend.get(i).length();
    }

    void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed) {
        out.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, colour, width, dashed ? " stroke-dasharray=\"6 4\"" : ""));
    }

    /** A polyline through the given pixel points. */
    void polyline(List<double[]> points, String colour, boolean dashed) {
        if (points.isEmpty()) return;
        out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"");
        if (dashed) out.append(" stroke-dasharray=\"6 4\"");
        out.append(" points=\"");
        for (double[] p : points) out.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
        out.append("\"/>\n");
    }

    void circle(double cx, double cy, String colour, String tooltip) {
        out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                + "<title>%s</title></circle>%n", cx, cy, colour, escape(tooltip)));
    }

    void rect(double x, double y, double width, double height, String colour, String tooltip) {
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                + "fill=\"%s\"><title>%s</title></rect>%n", x, y, width, height, colour, escape(tooltip)));
    }

    void text(double x, double y, String anchor, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                x, y, anchor, escape(text)));
    }

    /** A note in the middle of the plot area, for a chart with nothing to show. */
    void empty(String note) {
        text((LEFT + WIDTH - RIGHT) / 2.0, (top + HEIGHT - BOTTOM) / 2.0, "middle", note);
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    /** Text for HTML and SVG content and attribute values. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A number as a person writes it: no exponent, no trailing zeros, at most {@code decimals}. */
    static String number(double v, int decimals) {
        if (!Double.isFinite(v)) return "–";
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** Round tick values (1, 2 or 5 times a power of ten apart) covering a range. */
    record Ticks(double min, double max, double step) {
        /** About {@code count} ticks from a round value at or below {@code lo} to one at or above {@code hi}. */
        static Ticks covering(double lo, double hi, int count) {
            if (!(hi > lo)) hi = lo + 1;
            double raw = (hi - lo) / count;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
            return new Ticks(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
        }

        double[] values() {
            int n = (int) Math.round((max - min) / step) + 1;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = min + i * step;
            return v;
        }

        String label(double v) {
            int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
            return number(v, decimals);
        }
    }
}
