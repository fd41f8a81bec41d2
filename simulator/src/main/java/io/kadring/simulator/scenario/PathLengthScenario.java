package io.kadring.simulator.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.report.HtmlPage;
import io.kadring.simulator.report.LineChart;
import io.kadring.simulator.report.Series;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.LookupStats;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import io.kadring.simulator.stats.Histogram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Path length against network size, as in the Chord paper (Stoica et al., SIGCOMM 2001,
 * Fig. 10): static networks of N = 2^3 … 2^14 nodes, each running lookups of both kinds to
 * random keys; the mean, 1st and 99th percentile of hops per lookup against log2 N, beside
 * Chord's ½·log2 N. No churn, no records: only the lookups are measured.
 */
public final class PathLengthScenario extends ScenarioBase {
    public static final String NAME = "path-length";
    public static final int SMALLEST = 8;
    public static final int LARGEST = 1 << 14;
    /** Lookups of each kind measured per size; the lookup rate is set to reach about this many. */
    static final int LOOKUPS_PER_KIND = 3_000;
    /** Workload time per size: enough for the lookups, short because the largest networks are slow to run. */
    static final long DURATION_MILLIS = 180_000;

    private final SimulationConfig base;
    private final int maxNodes;
    private final int lookupsPerKind;

    /**
     * @param base the configuration of every run (seed, latency, loss, duration); nodes, the
     *     lookup rate and the record workload are set here
     * @param maxNodes the largest network, rounded down to a power of two
     * @param lookupsPerKind about how many lookups of each kind to measure at each size
     */
    public PathLengthScenario(SimulationConfig base, int maxNodes, int lookupsPerKind) {
        super(NAME);
        if (maxNodes < SMALLEST) throw new IllegalArgumentException("max nodes must be >= " + SMALLEST + ", got " + maxNodes);
        if (lookupsPerKind < 1) throw new IllegalArgumentException("lookups per kind must be >= 1, got " + lookupsPerKind);
        this.base = base.toBuilder().publishFraction(0).build();
        this.maxNodes = Integer.highestOneBit(maxNodes);
        this.lookupsPerKind = lookupsPerKind;
    }

    static PathLengthScenario standard(SimulationConfig base, ScenarioOptions options) {
        return new PathLengthScenario(base.toBuilder().durationMillis(options.durationOr(DURATION_MILLIS)).build(),
                options.maxNodes(),
                LOOKUPS_PER_KIND);
    }

    @Override
    public Result run(Appendable progress) {
        List<Point> points = new ArrayList<>();
        int sizes = Integer.numberOfTrailingZeros(maxNodes) - Integer.numberOfTrailingZeros(SMALLEST) + 1;
        for (int n = SMALLEST; n <= maxNodes; n *= 2) {
            // a Poisson rate per node that gives about lookupsPerKind lookups in the whole network
            long interval = Math.max(1_000, n * base.durationMillis() / lookupsPerKind);
            SimulationConfig config = base.toBuilder().nodes(n).lookupIntervalMillis(interval).build();
            SimulationReport report = simulate(progress, config,
                    "%s: N = %d (%d of %d), a lookup of each kind per node every %.1f s",
                    NAME, n, points.size() + 1, sizes, interval / 1000.0);
            points.add(new Point(n, report));
        }
        return new Result(base.seed(), points);
    }

    /** The figures at one network size. */
    public record Point(int nodes, SimulationReport report) {
        public double log2Nodes() {
            return Math.log(nodes) / Math.log(2);
        }

        /** Chord's expected path length, ½·log2 N. */
        public double chordHops() {
            return log2Nodes() / 2;
        }

        public LookupStats closest() {
            return report.lookups();
        }

        public LookupStats successor() {
            return report.successorLookups();
        }
    }

    /** Hops against N for both lookup kinds. */
    public record Result(long seed, List<Point> points) implements ScenarioResult {
        public Result {
            points = List.copyOf(points);
        }

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append("path-length: hops per lookup in static networks (Chord, SIGCOMM 2001, Fig. 10), seed ")
                    .append(seed).append('\n');
            b.append(String.format(Locale.ROOT, "%7s %7s | %-34s | %-34s | %7s%n", "", "Chord",
                    "findClosest", "findSuccessor", ""));
            b.append(String.format(Locale.ROOT, "%7s %7s | %6s %5s %4s %4s %4s %7s | %6s %5s %4s %4s %4s %7s | %7s%n",
                    "N", "½log2N", "count", "mean", "p1", "p50", "p99", "success",
                    "count", "mean", "p1", "p50", "p99", "success", "wall s"));
            for (Point p : points) {
                b.append(String.format(Locale.ROOT, "%7d %7.2f | %s | %s | %7.1f%n", p.nodes(), p.chordHops(),
                        row(p.closest()), row(p.successor()), p.report().wallSeconds()));
            }
            return b.toString();
        }

        private static String row(LookupStats s) {
            Histogram h = s.hops();
            return String.format(Locale.ROOT, "%6d %5.2f %4d %4d %4d %6.2f%%", s.count(), h.mean(), h.quantile(0.01),
                    h.p50(), h.p99(), 100 * s.successRate());
        }

        @Override
        public String toJson() {
            return ScenarioJson.object(NAME, out -> {
                out.writeNumberField("seed", seed);
                ScenarioJson.points(out, points, Result::writePoint);
            });
        }

        private static void writePoint(JsonGenerator out, Point p) throws IOException {
            out.writeNumberField("nodes", p.nodes());
            Json.decimal(out, "log2_nodes", p.log2Nodes());
            Json.decimal(out, "chord_half_log2_nodes", p.chordHops());
            writeHops(out, "lookups", p.closest());
            writeHops(out, "successor_lookups", p.successor());
            Json.decimal(out, "simulated_seconds", p.report().simulatedSeconds());
            Json.decimal(out, "wall_seconds", p.report().wallSeconds());
            out.writeNumberField("events", p.report().events());
        }

        private static void writeHops(JsonGenerator out, String name, LookupStats s) throws IOException {
            out.writeObjectFieldStart(name);
            s.writeFields(out, true);
            out.writeEndObject();
        }

        @Override
        public Path writeReport(Path dir) throws IOException {
            HtmlPage page = new HtmlPage("kadring: path length against network size");
            page.paragraph("Static networks of N = " + points.get(0).nodes() + " … "
                    + points.get(points.size() - 1).nodes() + " nodes (seed " + seed + "), each node looking up "
                    + "random keys with both lookup kinds. This repeats Fig. 10 of the Chord paper (Stoica et al., "
                    + "SIGCOMM 2001), where the mean path length is ½·log2 N.");
            page.figure(chart(), "Mean hops per lookup against log2 N; whiskers span the 1st to the 99th "
                    + "percentile. The two kinds are drawn a little apart on x so the whiskers do not overlap. "
                    + "Dashed: Chord's ½·log2 N.");
            List<List<String>> rows = new ArrayList<>();
            for (Point p : points) {
                rows.add(List.of(Integer.toString(p.nodes()), fixed(p.chordHops()),
                        Long.toString(p.closest().count()), fixed(p.closest().hops().mean()),
                        p.closest().hops().quantile(0.01) + " – " + p.closest().hops().p99(),
                        percent(p.closest().successRate()),
                        Long.toString(p.successor().count()), fixed(p.successor().hops().mean()),
                        p.successor().hops().quantile(0.01) + " – " + p.successor().hops().p99(),
                        percent(p.successor().successRate())));
            }
            page.table(List.of("N", "½·log2 N", "findClosest lookups", "mean hops", "p1 – p99", "success",
                    "findSuccessor lookups", "mean hops", "p1 – p99", "success"), rows);
            page.note("Hops: the length of the referral chain that reached the answer; asking a contact from "
                    + "the local table counts 1. Each size is a separate run: the network is built by joining "
                    + "nodes one after another, left to stabilize for two rounds, then measured for "
                    + points.get(0).report().config().durationMillis() / 1000 + " simulated seconds.");
            return page.write(dir);
        }

        private String chart() {
            int n = points.size();
            double[] x = new double[n];
            double[] xClosest = new double[n];
            double[] xSuccessor = new double[n];
            double[] chord = new double[n];
            double[][] closest = new double[3][n];
            double[][] successor = new double[3][n];
            for (int i = 0; i < n; i++) {
                Point p = points.get(i);
                x[i] = p.log2Nodes();
                xClosest[i] = x[i] - 0.08;
                xSuccessor[i] = x[i] + 0.08;
                chord[i] = p.chordHops();
                fill(closest, i, p.closest().hops());
                fill(successor, i, p.successor().hops());
            }
            return new LineChart("Path length against network size", "log2 N", "hops per lookup")
                    .integerX().xRange(x[0] - 0.5, x[n - 1] + 0.5)
                    .add(Series.line("findClosest (XOR) mean", xClosest, closest[0]).withRange(closest[1], closest[2]))
                    .add(Series.line("findSuccessor (ring) mean", xSuccessor, successor[0])
                            .withRange(successor[1], successor[2]))
                    .add(Series.line("Chord ½·log2 N", x, chord).asDashed())
                    .toSvg();
        }

        private static void fill(double[][] into, int i, Histogram h) {
            into[0][i] = h.count() == 0 ? Double.NaN : h.mean();
            into[1][i] = h.quantile(0.01);
            into[2][i] = h.p99();
        }
    }

    static String fixed(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * share);
    }
}
