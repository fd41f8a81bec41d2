package io.kadring.simulator.scenario;

import static io.kadring.simulator.scenario.PathLengthScenario.percent;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.adversary.Adversaries;
import io.kadring.simulator.adversary.Attack;
import io.kadring.simulator.report.HtmlPage;
import io.kadring.simulator.report.LineChart;
import io.kadring.simulator.report.Series;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.LookupStats;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each attack does to lookups and gets as the hostile share grows, with the nodes'
 * defences on and off: one run per attack, fraction and setting, each judged against the
 * honest ground truth (lookups and gets are issued by honest nodes only).
 */
public final class AdversarialScenario extends ScenarioBase {
    public static final String NAME = "adversarial";
    static final double[] FRACTIONS = {0.1, 0.2, 0.3};
    /** Small enough that the 36 runs take a few minutes. */
    static final int NODES = 200;
    static final long DURATION_MILLIS = 5 * 60_000;
    /** A lookup of each kind per node every 2 min on average: ~500 of each kind per run. */
    static final long LOOKUP_INTERVAL_MILLIS = 2 * 60_000;
    /** A get per node every 2 min on average. */
    static final long GET_INTERVAL_MILLIS = 2 * 60_000;

    private final SimulationConfig base;
    private final List<Attack> attacks;
    private final double[] fractions;

    /**
     * @param base every run's configuration; its adversaries and defences are replaced per run
     * @param attacks the attacks, one set of runs each
     * @param fractions the hostile shares, in (0, 0.5]
     */
    public AdversarialScenario(SimulationConfig base, List<Attack> attacks, double... fractions) {
        super(NAME);
        if (attacks.isEmpty()) throw new IllegalArgumentException("no attacks given");
        if (fractions.length == 0) throw new IllegalArgumentException("no adversary fractions given");
        for (double f : fractions) {
            if (!(f > 0 && f <= 0.5)) throw new IllegalArgumentException("adversary fraction must be in (0, 0.5], got " + f);
        }
        this.base = base;
        this.attacks = List.copyOf(attacks);
        this.fractions = fractions.clone();
    }

    static AdversarialScenario standard(SimulationConfig base, ScenarioOptions options) {
        return new AdversarialScenario(base.toBuilder().nodes(options.nodesOr(NODES))
                .durationMillis(options.durationOr(DURATION_MILLIS)).lookupIntervalMillis(LOOKUP_INTERVAL_MILLIS)
                .getIntervalMillis(GET_INTERVAL_MILLIS).build(), List.of(Attack.values()), FRACTIONS);
    }

    @Override
    public Result run(Appendable progress) {
        List<Point> points = new ArrayList<>();
        int total = attacks.size() * fractions.length * 2;
        for (Attack attack : attacks) {
            for (double f : fractions) {
                for (boolean defences : new boolean[] {true, false}) {
                    SimulationConfig c = base.toBuilder()
                            .adversaries(new Adversaries(f, attack, Adversaries.DEFAULT_SUBNETS))
                            .defences(defences).build();
                    SimulationReport report = simulate(progress, c, "%s: %d nodes, %.0f%% %s, defences %s (%d of %d)",
                            NAME, base.nodes(), 100 * f, attack.label(), defences ? "on" : "off", points.size() + 1,
                            total);
                    points.add(new Point(attack, f, defences, report));
                }
            }
        }
        return new Result(base, points);
    }

    /** One run: an attack at a hostile share, with or without defences. */
    public record Point(Attack attack, double fraction, boolean defences, SimulationReport report) {
    }

    /**
     * Success against the hostile share, per attack, with and without defences.
     *
     * @param network what the runs share (nodes, seed, duration); each sets its own adversaries and defences
     */
    public record Result(SimulationConfig network, List<Point> points) implements ScenarioResult {
        public Result {
            points = List.copyOf(points);
        }

        @Override
        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "adversarial: %d nodes, seed %d, %d simulated minutes per run; "
                    + "judged against the honest nodes%n", network.nodes(), network.seed(),
                    network.durationMillis() / 60_000));
            b.append(String.format(Locale.ROOT, "%-11s %5s %-8s | %9s %9s | %9s | %9s | %8s%n", "attack", "share",
                    "defences", "closest", "exact", "successor", "gets", "wall s"));
            for (Point p : points) {
                SimulationReport r = p.report();
                b.append(String.format(Locale.ROOT, "%-11s %5.2f %-8s | %9s %9s | %9s | %9s | %8.1f%n",
                        p.attack().label(), p.fraction(), p.defences() ? "on" : "off",
                        percent(r.lookups().successRate()), percent(r.lookups().exactRate()),
                        percent(r.successorLookups().successRate()), percent(r.records().getSuccessRate()),
                        r.wallSeconds()));
            }
            return b.toString();
        }

        @Override
        public String toJson() {
            return ScenarioJson.object(NAME, network, out -> {
                out.writeNumberField("simulated_minutes", network.durationMillis() / 60_000);
                ScenarioJson.points(out, points, Result::writePoint);
            });
        }

        private static void writePoint(JsonGenerator out, Point p) throws IOException {
            SimulationReport r = p.report();
            out.writeStringField("attack", p.attack().label());
            Json.decimal(out, "fraction", p.fraction());
            out.writeBooleanField("defences", p.defences());
            writeRates(out, "lookups", r.lookups());
            writeRates(out, "successor_lookups", r.successorLookups());
            out.writeObjectFieldStart("gets");
            out.writeNumberField("count", r.records().gets());
            Json.decimal(out, "success_rate", r.records().getSuccessRate());
            out.writeEndObject();
            ScenarioJson.run(out, r);
        }

        private static void writeRates(JsonGenerator out, String name, LookupStats s) throws IOException {
            out.writeObjectFieldStart(name);
            out.writeNumberField("count", s.count());
            Json.decimal(out, "success_rate", s.successRate());
            Json.decimal(out, "exact_rate", s.exactRate());
            out.writeEndObject();
        }

        @Override
        public Path writeReport(Path dir) throws IOException {
            HtmlPage page = new HtmlPage("kadring: lookups and gets under attack");
            page.paragraph(String.format(Locale.ROOT, "A static network of %d nodes (seed %d), %d simulated minutes "
                    + "per run. A share of the nodes are adversaries: real nodes whose responses a malicious policy "
                    + "drops or rewrites. Lookups and gets are issued by honest nodes and judged against the honest "
                    + "nodes alone. One run per attack, share and setting of the defences.",
                    network.nodes(), network.seed(), network.durationMillis() / 60_000));
            for (Attack attack : attacks()) {
                page.heading(attack.label());
                page.figure(chart(attack), "Share of findClosest lookups that were exact, and of gets that "
                        + "returned the newest record, against the share of adversaries; solid: defences on, "
                        + "dashed: defences off.");
            }
            List<List<String>> rows = new ArrayList<>();
            for (Point p : points) {
                SimulationReport r = p.report();
                rows.add(List.of(p.attack().label(), String.format(Locale.ROOT, "%.2f", p.fraction()),
                        p.defences() ? "on" : "off", percent(r.lookups().successRate()),
                        percent(r.lookups().exactRate()), percent(r.successorLookups().successRate()),
                        percent(r.records().getSuccessRate())));
            }
            page.table(List.of("attack", "share", "defences", "findClosest success", "exact", "findSuccessor success",
                    "gets"), rows);
            page.note("findClosest succeeds when its first honest contact is the true closest honest node, and is "
                    + "exact when its answer is full and its honest part is the true honest closest, none skipped; "
                    + "findSuccessor succeeds when its first honest contact is the true honest successor; a get "
                    + "succeeds when it returns the newest seq the owner published.");
            return page.write(dir);
        }

        private List<Attack> attacks() {
            List<Attack> out = new ArrayList<>();
            for (Point p : points) {
                if (!out.contains(p.attack())) out.add(p.attack());
            }
            return out;
        }

        private String chart(Attack attack) {
            LineChart chart = new LineChart(attack.label() + ": success against the share of adversaries",
                    "share of adversaries", "success rate").xRange(0, 0.5).yRange(0, 1);
            for (boolean defences : new boolean[] {true, false}) {
                List<Point> line = new ArrayList<>();
                for (Point p : points) {
                    if (p.attack() == attack && p.defences() == defences) line.add(p);
                }
                double[] x = new double[line.size()];
                double[] exact = new double[line.size()];
                double[] gets = new double[line.size()];
                for (int i = 0; i < line.size(); i++) {
                    x[i] = line.get(i).fraction();
                    exact[i] = line.get(i).report().lookups().exactRate();
                    gets[i] = line.get(i).report().records().getSuccessRate();
                }
                String suffix = defences ? ", defences on" : ", defences off";
                Series e = Series.line("lookups exact" + suffix, x, exact).withMarkers();
                Series g = Series.line("gets" + suffix, x, gets).withMarkers();
                chart.add(defences ? e : e.asDashed()).add(defences ? g : g.asDashed());
            }
            return chart.toSvg();
        }
    }
}
