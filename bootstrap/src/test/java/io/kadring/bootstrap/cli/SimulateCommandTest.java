package io.kadring.bootstrap.cli;

import static io.kadring.bootstrap.TestPeers.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.TestPeers.Run;
import io.kadring.simulator.run.Durations;
import io.kadring.simulator.run.SimulationConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SimulateCommandTest {
    /** Every key the simulator issue asks the JSON summary for. */
    private static final List<String> KEYS = List.of("seed", "nodes", "simulated_seconds", "wall_seconds", "events",
            "heap_bytes_per_node", "lookups.count", "lookups.success_rate", "lookups.exact_rate", "lookups.hops.mean",
            "lookups.hops.p50", "lookups.hops.p99", "lookups.hops.max", "lookups.latency_ms.p50",
            "lookups.latency_ms.p99", "successor_lookups.count", "successor_lookups.success_rate",
            "successor_lookups.exact_rate", "successor_lookups.hops.mean", "successor_lookups.hops.p50",
            "successor_lookups.hops.p99", "successor_lookups.hops.max", "successor_lookups.latency_ms.p50",
            "successor_lookups.latency_ms.p99", "puts.count", "puts.success_rate", "gets.count", "gets.success_rate",
            "records.published", "records.retrievable_at_end", "messages.sent", "messages.bytes_sent");

    @TempDir
    Path dir;

    @Test
    void simulate_printsTheSummary_andWritesTheJsonAndTheReport() throws Exception {
        Path json = dir.resolve("run.json");
        Path report = dir.resolve("report");

        Run run = cli("simulate", "--nodes", "30", "--seed", "4", "--duration", "2m", "--latency", "constant:20",
                "--loss", "0.01", "--session-time", "30m", "--kill-fraction", "0.1", "--lookup-interval", "20s",
                "--json", json.toString(), "--report", report.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("kadring simulation: 30 nodes, seed 4"), run.out());
        assertTrue(run.out().contains("findClosest") && run.out().contains("findSuccessor"), run.out());
        JsonObject summary = new JsonObject(Files.readString(json));
        for (String key : KEYS) {
            Object value = lookUp(summary, key);
            assertTrue(value instanceof Number, key + " should be a number in " + summary.encodePrettily());
            if (key.endsWith("_rate")) {
                double rate = ((Number) value).doubleValue();
                assertTrue(rate >= 0 && rate <= 1, key + " = " + rate);
            }
        }
        assertEquals(30, summary.getInteger("nodes"));
        assertEquals(4, summary.getInteger("seed"));
        assertTrue(summary.getJsonObject("lookups").getLong("count") > 50, summary.encodePrettily());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<svg") && html.contains("Live nodes") && !html.contains("<script"));
        assertTrue(run.err().contains(json.toString()) && run.err().contains("index.html"), run.err());
    }

    @Test
    void simulate_pathLengthScenario_runsEachSizeUpToMaxNodes() throws Exception {
        Path json = dir.resolve("path.json");

        Run run = cli("simulate", "--scenario", "path-length", "--max-nodes", "16", "--duration", "1m",
                "--json", json.toString(), "--report", dir.resolve("path").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("path-length:"), run.out());
        JsonObject result = new JsonObject(Files.readString(json));
        assertEquals("path-length", result.getString("scenario"));
        assertEquals(2, result.getJsonArray("points").size());
        assertEquals(16, result.getJsonArray("points").getJsonObject(1).getInteger("nodes"));
        assertTrue(Files.readString(dir.resolve("path/index.html")).contains("½·log2 N"));
    }

    @Test
    void simulate_help_showsTheSimulatorsOwnDefaults() {
        SimulationConfig defaults = SimulationConfig.defaults();

        Run run = cli("simulate", "--help");

        assertEquals(0, run.exitCode(), run.err());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: " + defaults.nodes() + ";"), help);
        assertTrue(help.contains("(default: " + Durations.format(defaults.durationMillis()) + ";"), help);
        assertTrue(help.contains("kind (default: " + Durations.format(defaults.lookupIntervalMillis()) + ")"), help);
        assertTrue(help.contains("Default: " + defaults.latency()), help);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--duration|10x|'10x'",
        "--duration|0s|'0s'",
        "--session-time|1.5h|'1.5h'",
        "--lookup-interval|10|'10'",
        "--latency|gaussian:5|'gaussian:5'",
        "--latency|uniform:100-10|uniform:100-10",
        "--loss|1.5|1.5",
        "--kill-fraction|1|--kill-fraction",
        "--nodes|0|--nodes",
        "--nodes|many|many",
        "--scenario|pathlength|'pathlength'",
        "--max-nodes|64|--max-nodes",
        "--adversaries|0.6|'0.6'",
        "--adversaries|-0.1|'-0.1'",
        "--attack|nosuch|'nosuch'",
        "--adversary-subnets|0|--adversary-subnets",
        "--partition-at|1m|--partition-for",
        "--partition-for|0s|'0s'",
    })
    void simulate_withABadValue_isAUsageErrorNamingIt(String option, String value, String mentioned) {
        Run run = cli("simulate", option, value);

        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(mentioned), "stderr should mention " + mentioned + ": " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mass-failure|--kill-fraction|0.3|--kill-fraction does not apply to --scenario",
        "churn|--session-time|2h|--session-time does not apply to --scenario",
        "churn|--lookup-interval|1m|--lookup-interval does not apply to --scenario",
        "path-length|--nodes|100|--nodes does not apply to --scenario path-length",
        "churn|--max-nodes|64|--max-nodes applies only to --scenario path-length",
        "mass-failure|--duration|1m|at least 4 min",
        "adversarial|--attack|lie|--attack does not apply to --scenario",
        "churn|--partition-at|1m|--partition-at applies only to --scenario partition",
    })
    void simulate_scenarioWithAnOptionItSetsItself_isAUsageError(String scenario, String option, String value,
            String mentioned) {
        Run run = cli("simulate", "--scenario", scenario, option, value);

        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(mentioned), run.err());
    }

    @Test
    void simulate_withJsonIntoAMissingDirectory_failsNamingTheFile_beforeTheRun() throws Exception {
        Path json = dir.resolve("nowhere/run.json");

        Run run = cli("simulate", "--nodes", "10", "--duration", "1m", "--json", json.toString());

        assertEquals(Main.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(json.toString()) && run.err().contains("does not exist"), run.err());
        assertEquals("", run.out(), "nothing ran");
        Path file = dir.resolve("a-file");
        java.nio.file.Files.writeString(file, "x");
        Run report = cli("simulate", "--nodes", "10", "--duration", "1m", "--report", file.toString());
        assertEquals(Main.USAGE, report.exitCode(), report.err());
        assertTrue(report.err().contains("is a file; expected a directory"), report.err());
    }

    private static Object lookUp(JsonObject json, String dotted) {
        String[] parts = dotted.split("\\.");
        JsonObject at = json;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.getJsonObject(parts[i]);
            if (at == null) return null;
        }
        return at.getValue(parts[parts.length - 1]);
    }
}
