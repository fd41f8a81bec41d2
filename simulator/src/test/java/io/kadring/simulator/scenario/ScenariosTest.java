package io.kadring.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.simulator.run.SimulationConfig;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each scenario in miniature: small networks, a few simulated minutes. */
final class ScenariosTest {
    @TempDir
    Path dir;

    @Test
    void pathLength_measuresHopsAtEachPowerOfTwo_andReportsThemAgainstChord() throws Exception {
        StringWriter progress = new StringWriter();
        PathLengthScenario scenario = new PathLengthScenario(SimulationConfig.builder().durationMillis(60_000).build(), 40, 200);

        PathLengthScenario.Result result = scenario.run(progress);

        assertEquals(List.of(8, 16, 32), result.points().stream().map(PathLengthScenario.Point::nodes).toList());
        for (PathLengthScenario.Point p : result.points()) {
            assertTrue(p.closest().count() > 100, () -> p.nodes() + ": " + p.closest().count() + " lookups");
            assertEquals(1.0, p.closest().successRate(), result::summary);
            assertEquals(1.0, p.successor().successRate(), result::summary);
            // a node that is itself the answer takes 0 hops; small networks know everyone, so 1 hop otherwise
            assertTrue(p.closest().hops().mean() > 0.5 && p.closest().hops().mean() < 3, result::summary);
        }
        assertEquals(2.5, result.points().get(2).chordHops(), 1e-9);
        assertTrue(progress.toString().contains("N = 32 (3 of 3)"), progress.toString());
        assertTrue(result.summary().contains("½log2N"), result.summary());
        assertTrue(result.toJson().startsWith("{\"scenario\":\"path-length\",\"seed\":1,\"points\":[{\"nodes\":8,"),
                result.toJson());

        String html = Files.readString(result.writeReport(dir));
        assertTrue(html.contains("Path length against network size") && html.contains("Chord ½·log2 N"), html);
        assertFalse(html.contains("<script"));
    }

    @Test
    void massFailure_measuresFailureRatesBeforeRightAfterAndAfterStabilization() throws Exception {
        SimulationConfig base = SimulationConfig.builder().nodes(60).durationMillis(4 * 60_000)
                .lookupIntervalMillis(10_000).publishFraction(0.5).getIntervalMillis(60_000).build();
        MassFailureScenario scenario = new MassFailureScenario(base, 0.2, 0.4);

        MassFailureScenario.Result result = scenario.run(null);

        assertEquals(2, result.points().size());
        for (MassFailureScenario.Point p : result.points()) {
            Window right = p.rightAfter(p.report().lookups());
            assertEquals(2, right.fromMinute());
            assertEquals(3, right.toMinute());
            assertTrue(right.lookups() > 100, () -> right + "");
            assertTrue(p.stabilized(p.report().lookups()).lookups() > 100);
            assertTrue(p.before(p.report().successorLookups()).lookups() > 100);
            assertTrue(p.report().records().published() > 10, result::summary);
            assertTrue(p.retrievable() >= 0.9, result::summary);
        }
        assertTrue(result.summary().contains("0.40 |"), result.summary());
        assertTrue(result.toJson().contains("\"right_after\":{\"from_minute\":2,\"to_minute\":3,"), result.toJson());

        String html = Files.readString(result.writeReport(dir));
        assertTrue(html.contains("Failure rate after a mass failure") && html.contains("findSuccessor success over time"));
    }

    @Test
    void churn_writesTheGenericReportUnderItsOwnHeadline() throws Exception {
        ChurnScenario scenario = new ChurnScenario(SimulationConfig.builder().nodes(50).durationMillis(3 * 60_000)
                .sessionMeanMillis(10 * 60_000).lookupIntervalMillis(20_000).publishFraction(0).build());

        ChurnScenario.Result result = scenario.run(null);

        assertTrue(result.report().lookups().successRate() > 0.9, result::summary);
        assertTrue(result.bytesPerNodePerSecond() > 0);
        assertTrue(result.summary().startsWith("churn: 50 nodes"), result.summary());
        assertTrue(result.toJson().contains("\"seed\":1,\"nodes\":50,\"config\":{\"nodes\":50,"), result.toJson());
        String html = Files.readString(result.writeReport(dir));
        assertTrue(html.contains("Li et al.") && html.contains("Live nodes"), html);
    }

    @Test
    void adversarial_runsEachAttackAndShare_withAndWithoutDefences_andPlotsThem() throws Exception {
        AdversarialScenario scenario = new AdversarialScenario(SimulationConfig.builder().nodes(50)
                .durationMillis(2 * 60_000).lookupIntervalMillis(30_000).getIntervalMillis(30_000).build(),
                List.of(io.kadring.simulator.adversary.Attack.WITHHOLD), 0.2);

        AdversarialScenario.Result result = scenario.run(null);
        System.out.println(result.summary());

        assertEquals(2, result.points().size());
        String json = result.toJson();
        assertTrue(json.contains("\"attack\":\"withhold\",\"fraction\":0.2,\"defences\":true"), json);
        assertTrue(json.contains("\"defences\":false"), json);
        String html = Files.readString(result.writeReport(dir));
        assertTrue(html.contains("withhold: success against the share of adversaries") && html.contains("<svg"), html);
    }

    @Test
    void partition_reportsRoundsToOneRing_andExactLookupsAfterTheHeal() throws Exception {
        PartitionScenario scenario = new PartitionScenario(SimulationConfig.builder().nodes(50)
                .durationMillis(5 * 60_000).lookupIntervalMillis(60_000).partition(30_000, 30_000).build());

        PartitionScenario.Result result = scenario.run(null);
        System.out.println(result.summary());

        String json = result.toJson();
        assertTrue(json.startsWith("{\"scenario\":\"partition\",\"seed\":1,\"nodes\":50,\"partition\":"
                + "{\"rounds_to_single_ring\":" + result.partition().roundsToSingleRing() + ",\"exact_after_heal\":"), json);
        assertTrue(Files.readString(result.writeReport(dir)).contains("a partition that heals"));
    }

    @Test
    void scenarios_areFoundByName_andAnUnknownNameIsNamedBack() {
        assertEquals(List.of("path-length", "mass-failure", "churn", "adversarial", "partition"), Scenarios.names());
        assertInstanceOf(AdversarialScenario.class, Scenarios.create("adversarial", ScenarioOptions.defaults()));
        assertInstanceOf(PartitionScenario.class, Scenarios.create("partition", ScenarioOptions.defaults()));
        assertInstanceOf(PathLengthScenario.class, Scenarios.create("path-length", ScenarioOptions.defaults()));
        assertInstanceOf(MassFailureScenario.class, Scenarios.create("mass-failure", ScenarioOptions.defaults()));
        assertInstanceOf(ChurnScenario.class, Scenarios.create("churn", ScenarioOptions.defaults()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.create("pathlength", ScenarioOptions.defaults()));
        assertTrue(e.getMessage().contains("'pathlength'") && e.getMessage().contains("path-length"), e.getMessage());
    }
}
