package io.kadring.simulator.report;

import io.kadring.overlay.node.NodeConfig;
import io.kadring.simulator.run.LookupStats;
import io.kadring.simulator.run.RecordStats;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.HistogramSeries;
import io.kadring.simulator.stats.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The HTML report of one simulation run: its configuration and summary as tables, then the hop
 * histogram of both lookup kinds, the lookup latency CDF; over simulated time the success and
 * exact rates, the latency p50 and p99, the messages per node per second and (when nodes come and
 * go) the live-node count and the joins and leaves; then the traffic by message type and the
 * load per node.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Writes {@code dir/index.html} for {@code report}; returns the file. */
    public static Path write(SimulationReport report, Path dir) throws IOException {
        HtmlPage page = new HtmlPage("kadring simulation: " + report.config().nodes() + " nodes, seed "
                + report.config().seed());
        addTo(page, report);
        return page.write(dir);
    }

    /** Appends the report's sections to {@code page} (scenarios put their own figures first). */
    public static void addTo(HtmlPage page, SimulationReport report) {
        SimulationConfig c = report.config();
        page.heading("Configuration").table(List.of("setting", "value"), configuration(c));
        page.heading("Summary").table(List.of("lookup kind", "count", "success", "exact", "hops mean",
                "hops p50", "hops p99", "hops max", "latency p50", "latency p99"), List.of(
                lookupRow("findClosest (XOR)", report.lookups()),
                lookupRow("findSuccessor (ring)", report.successorLookups())));
        page.note("Success: the lookup's answer is the true closest node (findClosest) or the true successor "
                + "(findSuccessor), checked against the simulator's ground truth when it finished. Exact: the "
                + "whole set of the k closest was right. Hops: length of the referral chain that reached the answer.");
        page.table(List.of("figure", "value"), totals(report));

        page.heading("Hops");
        page.figure(hopHistogram(report), "Share of lookups of each kind by hop count.");
        page.heading("Latency");
        page.figure(latencyCdf(report), "Share of lookups finished within a given time, from start to answer.");
        page.heading("Over time");
        page.figure(successOverTime(report), "Per simulated minute since the workload started: share of the "
                + "lookups finishing in that minute that found the true answer. The axis starts at 0.9, or lower if "
                + "a line goes lower.");
        page.figure(exactOverTime(report), "Per simulated minute: share of the lookups finishing in that minute "
                + "whose whole set (the k closest, or the successor) was right.");
        page.figure(latencyOverTime(report), "Per simulated minute: the median and 99th percentile latency of the "
                + "lookups finishing in that minute.");
        page.figure(messagesOverTime(report), "Messages sent per live node per second, per simulated minute, "
                + "lookups, records and maintenance together.");
        if (report.churn() || c.killFraction() > 0) {
            page.figure(liveNodesOverTime(report), "Nodes up, mean per simulated minute.");
            page.figure(joinsAndLeaves(report), "Nodes that joined, and that left (session over or failed), per "
                    + "simulated minute.");
        }
        page.heading("Traffic and load");
        page.table(List.of("message type", "sent", "share", "per node per second (whole run)"), trafficByType(report));
        page.figure(loadPerNode(report), "Datagrams each node sent and received per second over its life, for the "
                + "nodes up at the end that lived at least a minute: the spread of the load between nodes.");
    }

    private static List<List<String>> configuration(SimulationConfig c) {
        NodeConfig n = c.node();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("nodes", Long.toString(c.nodes())));
        rows.add(List.of("seed", Long.toString(c.seed())));
        rows.add(List.of("workload duration (simulated)", minutes(c.durationMillis())));
        rows.add(List.of("latency", c.latency()));
        rows.add(List.of("datagram loss", percent(c.loss())));
        rows.add(List.of("churn", c.sessionMeanMillis() > 0
                ? "exponential sessions, mean " + minutes(c.sessionMeanMillis()) : "none"));
        rows.add(List.of("mass failure half-way", c.killFraction() > 0 ? percent(c.killFraction()) + " of nodes" : "none"));
        rows.add(List.of("lookups per node, each kind", "one per " + seconds(c.lookupIntervalMillis()) + " (Poisson)"));
        rows.add(List.of("records", c.publishFraction() > 0 ? percent(c.publishFraction())
                + " of nodes publish one; a get per node per " + seconds(c.getIntervalMillis()) : "none"));
        rows.add(List.of("node: k, α, successor list", n.k() + ", " + n.alpha() + ", " + n.successorListSize()));
        rows.add(List.of("node: stabilize interval", seconds(n.stabilizeIntervalMillis())));
        return rows;
    }

    private static List<String> lookupRow(String name, LookupStats s) {
        Histogram hops = s.hops();
        return List.of(name, Long.toString(s.count()), percent(s.successRate()), percent(s.exactRate()),
                Svg.number(hops.mean(), 2), Long.toString(hops.p50()), Long.toString(hops.p99()),
                Long.toString(hops.max()), s.latencyMillis().p50() + " ms", s.latencyMillis().p99() + " ms");
    }

    private static List<List<String>> totals(SimulationReport r) {
        RecordStats records = r.records();
        double nodeSeconds = r.config().nodes() * r.simulatedSeconds();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("puts", records.puts() + ", " + percent(records.putSuccessRate()) + " succeeded"));
        rows.add(List.of("gets", records.gets() + ", " + percent(records.getSuccessRate()) + " found the record"));
        rows.add(List.of("records retrievable at the end", records.retrievableAtEnd() + " of " + records.published()));
        rows.add(List.of("network size estimated at the end", String.format(Locale.ROOT,
                "median %d of %d nodes up (p10 %d, p90 %d)", r.networkSize().estimateP50(), r.networkSize().truth(),
                r.networkSize().estimateP10(), r.networkSize().estimateP90())));
        rows.add(List.of("messages sent", r.messagesSent() + String.format(Locale.ROOT, " (%.2f per node per second)",
                r.messagesSent() / nodeSeconds)));
        rows.add(List.of("bytes sent", String.format(Locale.ROOT, "%.1f MB (%.0f bytes per node per second)",
                r.bytesSent() / 1e6, r.bytesSent() / nodeSeconds)));
        rows.add(List.of("simulated time", String.format(Locale.ROOT, "%.0f s (build and drain included)",
                r.simulatedSeconds())));
        rows.add(List.of("wall time", String.format(Locale.ROOT, "%.1f s, %d events (%.0f per second)",
                r.wallSeconds(), r.events(), r.events() / Math.max(1e-9, r.wallSeconds()))));
        rows.add(List.of("heap per node", String.format(Locale.ROOT, "%.1f KB at the end, %.1f KB after the build",
                r.heapBytesPerNode() / 1024.0, r.heapBytesPerNodeAfterBuild() / 1024.0)));
        return rows;
    }

    static String hopHistogram(SimulationReport r) {
        double[] xor = shares(r.lookups().hops());
        double[] ring = shares(r.successorLookups().hops());
        int n = Math.max(xor.length, ring.length);
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < n; i++) categories.add(Integer.toString(i));
        return new BarChart("Hops per lookup", "hops", "% of lookups", categories)
                .add("findClosest", java.util.Arrays.copyOf(xor, n))
                .add("findSuccessor", java.util.Arrays.copyOf(ring, n))
                .toSvg();
    }

    /** Percentage of the values at 0, 1, 2, … (hop counts are small, so buckets are exact). */
    private static double[] shares(Histogram h) {
        double[] out = new double[h.count() == 0 ? 0 : (int) Math.min(h.max(), 255) + 1];
        h.forEachBucket((value, count) -> {
            if (value < out.length) out[(int) value] += 100.0 * count / h.count();
        });
        return out;
    }

    static String latencyCdf(SimulationReport r) {
        // the longest tail would squeeze the rest into the left edge: cut x at the larger 99.5th percentile
        long cut = Math.max(r.lookups().latencyMillis().quantile(0.995),
                r.successorLookups().latencyMillis().quantile(0.995));
        return new LineChart("Lookup latency (CDF)", "latency (ms), cut at the 99.5th percentile", "share of lookups")
                .yRange(0, 1).xRange(0, Math.max(1, cut))
                .add(cdf("findClosest", r.lookups().latencyMillis()))
                .add(cdf("findSuccessor", r.successorLookups().latencyMillis()))
                .toSvg();
    }

    /** The empirical CDF, one step per histogram bucket, starting from 0 at the minimum. */
    public static Series cdf(String name, Histogram h) {
        return cdf(name, h, 1);
    }

    /** As {@link #cdf(String, Histogram)}, the values divided by {@code unit} (thousandths: 1000). */
    private static Series cdf(String name, Histogram h, double unit) {
        List<double[]> points = new ArrayList<>();
        if (h.count() > 0) points.add(new double[] {h.min() / unit, 0});
        long[] seen = {0};
        h.forEachBucket((value, count) -> {
            seen[0] += count;
            points.add(new double[] {value / unit, seen[0] / (double) h.count()});
        });
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return Series.line(name, x, y).asSteps();
    }

    static String successOverTime(SimulationReport r) {
        return rateOverTime(r, "Lookup success over time", "success rate", LookupStats::successOverTime);
    }

    static String exactOverTime(SimulationReport r) {
        return rateOverTime(r, "Exact lookups over time", "exact rate", LookupStats::exactOverTime);
    }

    /** A per-minute rate of both lookup kinds, on the rate axis. */
    private static String rateOverTime(SimulationReport r, String title, String yLabel,
                                       Function<LookupStats, TimeSeries> rate) {
        LineChart chart = new LineChart(title, "simulated minutes since the workload started", yLabel).rateAxis()
                .add(perMinute("findClosest", rate.apply(r.lookups())))
                .add(perMinute("findSuccessor", rate.apply(r.successorLookups())));
        failureMarker(chart, r, 0, 1);
        return chart.toSvg();
    }

    static String latencyOverTime(SimulationReport r) {
        LineChart chart = new LineChart("Lookup latency over time", "simulated minutes since the workload started",
                "latency (ms)");
        double max = Math.max(latencyLines(chart, "findClosest", r.lookups()),
                latencyLines(chart, "findSuccessor", r.successorLookups()));
        failureMarker(chart, r, 0, max);
        return chart.toSvg();
    }

    /** Adds the per-minute p50 (solid) and p99 (dashed) of {@code stats}; returns the largest value drawn. */
    private static double latencyLines(LineChart chart, String name, LookupStats stats) {
        HistogramSeries latency = stats.latencyOverTime();
        double max = 0;
        for (double q : new double[] {0.5, 0.99}) {
            double[] x = new double[latency.size()];
            double[] y = new double[latency.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = latency.quantile(i, q);
                if (Double.isFinite(y[i])) max = Math.max(max, y[i]);
            }
            Series line = Series.line(name + (q == 0.5 ? " p50" : " p99"), x, y);
            chart.add(q == 0.5 ? line : line.asDashed());
        }
        return max;
    }

    static String joinsAndLeaves(SimulationReport r) {
        LineChart chart = new LineChart("Joins and leaves", "simulated minutes since the workload started",
                "nodes per minute")
                .add(sums("joined", r.activity().joins(), r.liveNodes().size()))
                .add(sums("left", r.activity().leaves(), r.liveNodes().size()));
        return chart.toSvg();
    }

    /** Bucket sums of a per-minute count, 0 where nothing happened. */
    private static Series sums(String name, TimeSeries series, int minutes) {
        double[] x = new double[minutes];
        double[] y = new double[minutes];
        for (int i = 0; i < minutes; i++) {
            x[i] = i;
            y[i] = series.sum(i);
        }
        return Series.line(name, x, y);
    }

    /** Message types by count, most first: type, messages, share of all, per node per second. */
    static List<List<String>> trafficByType(SimulationReport r) {
        long all = r.messagesByType().values().stream().mapToLong(Long::longValue).sum();
        double nodeSeconds = r.config().nodes() * r.simulatedSeconds();
        List<List<String>> rows = new ArrayList<>();
        r.messagesByType().entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> rows.add(List.of(e.getKey(), Long.toString(e.getValue()), percent(e.getValue() / (double) all),
                        Svg.number(e.getValue() / nodeSeconds, 3))));
        return rows;
    }

    static String loadPerNode(SimulationReport r) {
        return new LineChart("Load per node (CDF)", "datagrams sent and received per second", "share of nodes")
                .yRange(0, 1).add(cdf("nodes", r.activity().loadMilliPerSecond(), 1000)).toSvg();
    }

    static String messagesOverTime(SimulationReport r) {
        double[] rate = r.messagesPerNodePerSecond();
        double[] minutes = new double[rate.length];
        for (int i = 0; i < rate.length; i++) minutes[i] = i;
        double max = 0;
        for (double v : rate) if (Double.isFinite(v)) max = Math.max(max, v);
        LineChart chart = new LineChart("Messages per node per second", "simulated minutes since the workload started",
                "messages / node / s").add(Series.line("sent", minutes, rate));
        failureMarker(chart, r, 0, max);
        return chart.toSvg();
    }

    static String liveNodesOverTime(SimulationReport r) {
        TimeSeries live = r.liveNodes();
        double max = 0;
        for (int i = 0; i < live.size(); i++) if (live.count(i) > 0) max = Math.max(max, live.max(i));
        LineChart chart = new LineChart("Live nodes", "simulated minutes since the workload started", "nodes up")
                .add(perMinute("nodes up", live));
        failureMarker(chart, r, 0, max);
        return chart.toSvg();
    }

    /** A dashed vertical line at the mass failure, if there was one. */
    private static void failureMarker(LineChart chart, SimulationReport r, double yLow, double yHigh) {
        if (r.config().killFraction() <= 0) return;
        double at = r.config().durationMillis() / 2.0 / TimeSeries.MINUTE_MILLIS;
        chart.add(Series.line("mass failure (" + percent(r.config().killFraction()) + ")",
                new double[] {at, at}, new double[] {yLow, yHigh}).asDashed());
    }

    /** Bucket means of a per-minute series against the bucket's minute; empty buckets leave a gap. */
    public static Series perMinute(String name, TimeSeries series) {
        double[] x = new double[series.size()];
        double[] y = new double[series.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = series.startMillis(i) / (double) TimeSeries.MINUTE_MILLIS;
            y[i] = series.mean(i);
        }
        return Series.line(name, x, y);
    }

    static String percent(double share) {
        return Svg.number(100 * share, 2) + "%";
    }

    private static String minutes(long millis) {
        return millis % 3_600_000 == 0 ? millis / 3_600_000 + " h"
                : millis % 60_000 == 0 ? millis / 60_000 + " min" : Svg.number(millis / 1000.0, 3) + " s";
    }

    private static String seconds(long millis) {
        return millis % 60_000 == 0 && millis >= 60_000 ? minutes(millis) : Svg.number(millis / 1000.0, 3) + " s";
    }
}
