package io.kadring.simulator.scenario;

import static io.kadring.simulator.scenario.PathLengthScenario.percent;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.report.HtmlPage;
import io.kadring.simulator.report.HtmlReport;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.LookupStats;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lookups under churn in the setup of Li et al., "Comparing the performance of distributed
 * hash tables under churn" (IPTPS 2004): 1,024 nodes with exponentially distributed sessions of
 * mean 1 h (a departing node is replaced by a new one, so about 1,024 stay up), each node
 * looking up a random key about every 10 minutes, for 6 simulated hours. Reports lookup success
 * and latency and the bytes each node sends per second. Only lookups: no records.
 */
public final class ChurnScenario extends ScenarioBase {
    public static final String NAME = "churn";
    static final int NODES = 1_024;
    static final long SESSION_MEAN_MILLIS = 3_600_000;
    static final long DURATION_MILLIS = 6 * 3_600_000;
    /** Per lookup kind: the two kinds together make one lookup per node per 10 minutes. */
    static final long LOOKUP_INTERVAL_MILLIS = 20 * 60_000;

    private final SimulationConfig config;

    /** @param config the run, churn included; see {@link #standard} for the paper's setup */
    public ChurnScenario(SimulationConfig config) {
        super(NAME);
        if (config.sessionMeanMillis() <= 0) throw new IllegalArgumentException("churn needs a session time");
        this.config = config;
    }

    static ChurnScenario standard(SimulationConfig base, ScenarioOptions options) {
        return new ChurnScenario(base.toBuilder().nodes(options.nodesOr(NODES))
                .durationMillis(options.durationOr(DURATION_MILLIS))
                .sessionMeanMillis(SESSION_MEAN_MILLIS)
                .lookupIntervalMillis(LOOKUP_INTERVAL_MILLIS)
                .publishFraction(0).build());
    }

    @Override
    public Result run(Appendable progress) {
        return new Result(simulate(progress, config, "%s: %d nodes, sessions of mean %d min, %s simulated", NAME,
                config.nodes(), config.sessionMeanMillis() / 60_000, hours(config.durationMillis())));
    }

    private static String hours(long millis) {
        return millis % 3_600_000 == 0 ? millis / 3_600_000 + " h" : millis / 60_000 + " min";
    }

    /** The run, with its per-node costs. */
    public record Result(SimulationReport report) implements ScenarioResult {
        /** Bytes sent per node per second: all traffic over N and the whole simulated time. */
        public double bytesPerNodePerSecond() {
            return report.bytesSent() / (double) report.config().nodes() / report.simulatedSeconds();
        }

        public double messagesPerNodePerSecond() {
            return report.messagesSent() / (double) report.config().nodes() / report.simulatedSeconds();
        }

        @Override
        public String summary() {
            SimulationConfig c = report.config();
            return String.format(Locale.ROOT, "churn: %d nodes, exponential sessions of mean %d min, a lookup per "
                            + "node every %d min, %s (Li et al., IPTPS 2004)%n", c.nodes(), c.sessionMeanMillis() / 60_000,
                    c.lookupIntervalMillis() / 2 / 60_000, hours(c.durationMillis()))
                    + headline("findClosest", report.lookups()) + headline("findSuccessor", report.successorLookups())
                    + String.format(Locale.ROOT, "%-14s %.0f bytes and %.2f messages sent per node per second%n%n",
                            "traffic", bytesPerNodePerSecond(), messagesPerNodePerSecond())
                    + report.summary();
        }

        private static String headline(String name, LookupStats s) {
            return String.format(Locale.ROOT, "%-14s %s succeeded of %d, latency mean %.0f ms, p50 %d ms, p99 %d ms%n",
                    name, percent(s.successRate()), s.count(), s.latencyMillis().mean(), s.latencyMillis().p50(),
                    s.latencyMillis().p99());
        }

        @Override
        public String toJson() {
            return ScenarioJson.object(NAME, out -> {
                Json.decimal(out, "bytes_per_node_per_second", bytesPerNodePerSecond());
                Json.decimal(out, "messages_per_node_per_second", messagesPerNodePerSecond());
                writeLatency(out, "lookups", report.lookups());
                writeLatency(out, "successor_lookups", report.successorLookups());
                ScenarioJson.run(out, report);
            });
        }

        private static void writeLatency(JsonGenerator out, String name, LookupStats s) throws IOException {
            out.writeObjectFieldStart(name);
            Json.decimal(out, "success_rate", s.successRate());
            Json.decimal(out, "latency_mean_ms", s.latencyMillis().mean());
            out.writeEndObject();
        }

        @Override
        public Path writeReport(Path dir) throws IOException {
            SimulationConfig c = report.config();
            HtmlPage page = new HtmlPage("kadring: lookups under churn");
            page.paragraph(String.format(Locale.ROOT, "%d nodes with exponentially distributed sessions of mean %d "
                    + "minutes; a node that leaves is replaced by a newcomer, so about %d are up. Each node looks up "
                    + "a random key about every %d minutes (the two lookup kinds alternating at random), for %s "
                    + "(seed %d). This is the setup of Li et al., \"Comparing the performance of distributed hash "
                    + "tables under churn\" (IPTPS 2004).", c.nodes(), c.sessionMeanMillis() / 60_000, c.nodes(),
                    c.lookupIntervalMillis() / 2 / 60_000, hours(c.durationMillis()), c.seed()));
            page.table(List.of("lookup kind", "lookups", "success", "latency mean", "latency p50", "latency p99"),
                    List.of(row("findClosest (XOR)", report.lookups()), row("findSuccessor (ring)",
                            report.successorLookups())));
            page.table(List.of("cost per node", "per second"), List.of(
                    List.of("bytes sent", String.format(Locale.ROOT, "%.0f", bytesPerNodePerSecond())),
                    List.of("messages sent", String.format(Locale.ROOT, "%.2f", messagesPerNodePerSecond()))));
            page.note("Per node per second: everything sent (lookups and maintenance), divided by N and the "
                    + "simulated time including the build.");
            HtmlReport.addTo(page, report);
            return page.write(dir);
        }

        private static List<String> row(String name, LookupStats s) {
            return List.of(name, Long.toString(s.count()), percent(s.successRate()),
                    String.format(Locale.ROOT, "%.0f ms", s.latencyMillis().mean()), s.latencyMillis().p50() + " ms",
                    s.latencyMillis().p99() + " ms");
        }
    }
}
