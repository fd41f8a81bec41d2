package io.kadring.simulator.scenario;

import static io.kadring.simulator.scenario.PathLengthScenario.percent;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.report.HtmlPage;
import io.kadring.simulator.report.HtmlReport;
import io.kadring.simulator.report.LineChart;
import io.kadring.simulator.report.Series;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.LookupStats;
import io.kadring.simulator.run.RecordStats;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import io.kadring.simulator.stats.TimeSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lookups and records after a share p of the nodes fail at once, as in the Chord paper
 * (Stoica et al., SIGCOMM 2001, Fig. 11, where without replication the lookup failure rate is
 * about p). One run per p = 0.1 … 0.5 on a static network: the failure happens half-way
 * through; lookup failure rates are taken in the minute right after it and over the second
 * half of the time left (after stabilization), and at the end every record that should exist
 * is looked for once from a random live node.
 */
public final class MassFailureScenario extends ScenarioBase {
    public static final String NAME = "mass-failure";
    static final double[] FRACTIONS = {0.1, 0.2, 0.3, 0.4, 0.5};
    static final int NODES = 1_000;
    /** Failure at minute 10; ten more minutes, the last five of which count as stabilized. */
    static final long DURATION_MILLIS = 20 * 60_000;
    /** Each node looks up a key of each kind every 30 s on average: ~1,000 lookups per kind per minute. */
    static final long LOOKUP_INTERVAL_MILLIS = 30_000;
    /** Half the nodes publish a record, so there are about 500 to look for at the end. */
    static final double PUBLISH_FRACTION = 0.5;
    /** Lookups in the minutes before this are left out of the "before" figure: the workload is warming up. */
    private static final int WARM_UP_MINUTES = 2;

    private final SimulationConfig base;
    private final double[] fractions;

    /**
     * @param base every run's configuration (nodes, seed, duration, lookup rate, records); the
     *     duration must be at least 4 simulated minutes, so each window holds a whole minute
     * @param fractions the shares of nodes that fail, one run each, in (0, 1)
     */
    public MassFailureScenario(SimulationConfig base, double... fractions) {
        super(NAME);
        if (base.durationMillis() < 4 * TimeSeries.MINUTE_MILLIS) {
            throw new IllegalArgumentException("mass-failure needs a duration of at least 4 min, got "
                    + base.durationMillis() / 1000 + " s");
        }
        if (fractions.length == 0) throw new IllegalArgumentException("no failure fractions given");
        for (double p : fractions) {
            if (!(p > 0 && p < 1)) throw new IllegalArgumentException("failure fraction must be in (0, 1), got " + p);
        }
        this.base = base.toBuilder().killFraction(0).sessionMeanMillis(0).build();
        this.fractions = fractions.clone();
    }

    static MassFailureScenario standard(SimulationConfig base, ScenarioOptions options) {
        return new MassFailureScenario(base.toBuilder().nodes(options.nodesOr(NODES))
                .durationMillis(options.durationOr(DURATION_MILLIS))
                .lookupIntervalMillis(LOOKUP_INTERVAL_MILLIS)
                .publishFraction(PUBLISH_FRACTION).build(), FRACTIONS);
    }

    @Override
    public Result run(Appendable progress) {
        List<Point> points = new ArrayList<>();
        for (double p : fractions) {
            SimulationReport report = simulate(progress, base.toBuilder().killFraction(p).build(),
                    "%s: %d nodes, %.0f%% fail at once (%d of %d)", NAME, base.nodes(), 100 * p, points.size() + 1,
                    fractions.length);
            points.add(new Point(p, report));
        }
        return new Result(base, points);
    }

    /** Minute of the workload in which the failure happens. */
    static int failureMinute(SimulationConfig c) {
        return (int) (c.durationMillis() / 2 / TimeSeries.MINUTE_MILLIS);
    }

    /** What happened with a share {@code fraction} of the nodes failing. */
    public record Point(double fraction, SimulationReport report) {
        /** The lookups that finished before the failure (after warming up). */
        public Window before(LookupStats s) {
            int f = failureMinute(report.config());
            return Window.of(s.successOverTime(), Math.min(WARM_UP_MINUTES, f - 1), f);
        }

        /** The lookups that finished in the minute after the failure. */
        public Window rightAfter(LookupStats s) {
            int f = failureMinute(report.config());
            return Window.of(s.successOverTime(), f, f + 1);
        }

        /** The lookups that finished in the second half of the time after the failure. */
        public Window stabilized(LookupStats s) {
            int f = failureMinute(report.config());
            int end = (int) (report.config().durationMillis() / TimeSeries.MINUTE_MILLIS);
            return Window.of(s.successOverTime(), f + Math.max(1, (end - f) / 2), end);
        }

        /** Share of the records that should exist which a get found at the end; NaN if none. */
        public double retrievable() {
            RecordStats r = report.records();
            return r.published() == 0 ? Double.NaN : r.retrievableAtEnd() / (double) r.published();
        }
    }

    /**
     * Failure rates and records against p.
     *
     * @param network what the runs share (nodes, seed, duration, records); each sets its own failure fraction
     */
    public record Result(SimulationConfig network, List<Point> points) implements ScenarioResult {
        public Result {
            points = List.copyOf(points);
        }

        @Override
        public String summary() {
            int f = failureMinute(network);
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "mass-failure: %d nodes, seed %d; a share p fails at minute %d of %d "
                    + "(Chord, SIGCOMM 2001, Fig. 11)%n", network.nodes(), network.seed(), f,
                    network.durationMillis() / 60_000));
            b.append(String.format(Locale.ROOT, "%5s | %-32s | %-32s | %-17s%n", "",
                    "findClosest failure rate", "findSuccessor failure rate", "records"));
            b.append(String.format(Locale.ROOT, "%5s | %9s %11s %10s | %9s %11s %10s | %-17s%n", "p",
                    "before", "right after", "stabilized", "before", "right after", "stabilized",
                    "retrievable at end"));
            for (Point p : points) {
                b.append(String.format(Locale.ROOT, "%5.2f | %9s %11s %10s | %9s %11s %10s | %d of %d (%s)%n",
                        p.fraction(),
                        percent(p.before(p.report().lookups()).failureRate()),
                        percent(p.rightAfter(p.report().lookups()).failureRate()),
                        percent(p.stabilized(p.report().lookups()).failureRate()),
                        percent(p.before(p.report().successorLookups()).failureRate()),
                        percent(p.rightAfter(p.report().successorLookups()).failureRate()),
                        percent(p.stabilized(p.report().successorLookups()).failureRate()),
                        p.report().records().retrievableAtEnd(), p.report().records().published(),
                        percent(p.retrievable())));
            }
            return b.toString();
        }

        @Override
        public String toJson() {
            return ScenarioJson.object(NAME, network, out -> {
                out.writeNumberField("failure_minute", failureMinute(network));
                out.writeNumberField("simulated_minutes", network.durationMillis() / 60_000);
                ScenarioJson.points(out, points, Result::writePoint);
            });
        }

        private static void writePoint(JsonGenerator out, Point p) throws IOException {
            Json.decimal(out, "fraction", p.fraction());
            writeWindows(out, "lookups", p, p.report().lookups());
            writeWindows(out, "successor_lookups", p, p.report().successorLookups());
            out.writeObjectFieldStart("records");
            out.writeNumberField("published", p.report().records().published());
            out.writeNumberField("retrievable_at_end", p.report().records().retrievableAtEnd());
            Json.decimal(out, "retrievable_rate", p.retrievable());
            out.writeEndObject();
            ScenarioJson.run(out, p.report());
        }

        private static void writeWindows(JsonGenerator out, String name, Point p, LookupStats s) throws IOException {
            out.writeObjectFieldStart(name);
            writeWindow(out, "before", p.before(s));
            writeWindow(out, "right_after", p.rightAfter(s));
            writeWindow(out, "stabilized", p.stabilized(s));
            out.writeEndObject();
        }

        private static void writeWindow(JsonGenerator out, String name, Window w) throws IOException {
            out.writeObjectFieldStart(name);
            out.writeNumberField("from_minute", w.fromMinute());
            out.writeNumberField("to_minute", w.toMinute());
            out.writeNumberField("count", w.lookups());
            Json.decimal(out, "failure_rate", w.failureRate());
            out.writeEndObject();
        }

        @Override
        public Path writeReport(Path dir) throws IOException {
            int f = failureMinute(network);
            HtmlPage page = new HtmlPage("kadring: lookups and records after a mass failure");
            page.paragraph(String.format(Locale.ROOT, "A static network of %d nodes (seed %d). At minute %d of the "
                    + "%d-minute workload a share p of the nodes fails at once; one run per p. This repeats Fig. 11 "
                    + "of the Chord paper (Stoica et al., SIGCOMM 2001), where without replication the share of "
                    + "lookups that fail is about p. Here records live on the k = %d nodes closest to their key.",
                    network.nodes(), network.seed(), f, network.durationMillis() / 60_000, network.node().k()));
            page.figure(failureChart(), String.format(Locale.ROOT, "Lookup failure rate against p: right after "
                    + "the failure (lookups finishing in minute %d–%d) and after stabilization (the last minutes, "
                    + "see the table); and the share of records not found at the end. Dashed: failure rate = p.",
                    f, f + 1));
            List<List<String>> rows = new ArrayList<>();
            for (Point p : points) {
                LookupStats x = p.report().lookups();
                LookupStats r = p.report().successorLookups();
                rows.add(List.of(String.format(Locale.ROOT, "%.2f", p.fraction()),
                        percent(p.before(x).failureRate()), percent(p.rightAfter(x).failureRate()),
                        percent(p.stabilized(x).failureRate()),
                        percent(p.before(r).failureRate()), percent(p.rightAfter(r).failureRate()),
                        percent(p.stabilized(r).failureRate()),
                        p.report().records().retrievableAtEnd() + " of " + p.report().records().published()));
            }
            Point first = points.get(0);
            Window before = first.before(first.report().lookups());
            Window stable = first.stabilized(first.report().lookups());
            page.table(List.of("p", "findClosest: before", "right after", "stabilized", "findSuccessor: before",
                    "right after", "stabilized", "records retrievable at the end"), rows);
            page.note(String.format(Locale.ROOT, "Failure rates are over the lookups that finished in a window of "
                    + "whole simulated minutes: before = minutes %d–%d, right after = minute %d–%d, stabilized = "
                    + "minutes %d–%d. A lookup fails when its answer is not the true closest node (findClosest) "
                    + "or the true successor (findSuccessor) among the nodes alive when it finished. Records are "
                    + "republished hourly, so none was republished between the failure and the final check.",
                    before.fromMinute(), before.toMinute(), f, f + 1, stable.fromMinute(), stable.toMinute()));
            page.heading("Success over time");
            page.figure(overTime(true), "findClosest success rate per simulated minute, one line per p "
                    + "(the axis starts at 0.9, or lower if a line goes lower).");
            page.figure(overTime(false), "findSuccessor success rate per simulated minute, one line per p "
                    + "(the axis starts at 0.9, or lower if a line goes lower).");
            return page.write(dir);
        }

        private String failureChart() {
            int n = points.size();
            double[] p = new double[n];
            double[][] lines = new double[5][n];
            for (int i = 0; i < n; i++) {
                Point pt = points.get(i);
                p[i] = pt.fraction();
                lines[0][i] = pt.rightAfter(pt.report().lookups()).failureRate();
                lines[1][i] = pt.stabilized(pt.report().lookups()).failureRate();
                lines[2][i] = pt.rightAfter(pt.report().successorLookups()).failureRate();
                lines[3][i] = pt.stabilized(pt.report().successorLookups()).failureRate();
                lines[4][i] = 1 - pt.retrievable();
            }
            return new LineChart("Failure rate after a mass failure", "share of nodes failed (p)", "share that failed")
                    .xRange(0, Math.max(0.5, p[n - 1] + 0.05))
                    .add(Series.line("findClosest, right after", p, lines[0]).withMarkers())
                    .add(Series.line("findClosest, stabilized", p, lines[1]).withMarkers())
                    .add(Series.line("findSuccessor, right after", p, lines[2]).withMarkers())
                    .add(Series.line("findSuccessor, stabilized", p, lines[3]).withMarkers())
                    .add(Series.line("records lost", p, lines[4]).withMarkers())
                    .add(Series.line("failure rate = p", new double[] {0, p[n - 1]}, new double[] {0, p[n - 1]}).asDashed())
                    .toSvg();
        }

        private String overTime(boolean closest) {
            LineChart chart = new LineChart((closest ? "findClosest" : "findSuccessor") + " success over time",
                    "simulated minutes since the workload started", "success rate").rateAxis();
            for (Point p : points) {
                LookupStats s = closest ? p.report().lookups() : p.report().successorLookups();
                Series line = HtmlReport.perMinute(String.format(Locale.ROOT, "p = %.1f", p.fraction()),
                        s.successOverTime());
                chart.add(line);
            }
            return chart.toSvg();
        }
    }
}
