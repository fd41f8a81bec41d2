package io.kadring.simulator.scenario;

import io.kadring.simulator.report.HtmlPage;
import io.kadring.simulator.report.HtmlReport;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.PartitionFigures;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The network split in two random halves for a while, then healed: how many stabilize
 * intervals until the ring is one again, and how exact the lookups are after the heal.
 */
public final class PartitionScenario extends ScenarioBase {
    public static final String NAME = "partition";
    static final int NODES = 300;
    static final long DURATION_MILLIS = 10 * 60_000;
    static final long AT_MILLIS = 3 * 60_000;
    static final long FOR_MILLIS = 2 * 60_000;
    /** A lookup of each kind per node every minute on average, for many lookups after the heal. */
    static final long LOOKUP_INTERVAL_MILLIS = 60_000;

    private final SimulationConfig config;

    /** @param config the run, with its partition set */
    public PartitionScenario(SimulationConfig config) {
        super(NAME);
        if (!config.partitioned()) throw new IllegalArgumentException("the partition scenario needs a partition");
        this.config = config;
    }

    static PartitionScenario standard(SimulationConfig base, ScenarioOptions options) {
        long at = options.partitionAtMillis() > 0 ? options.partitionAtMillis() : AT_MILLIS;
        long length = options.partitionForMillis() > 0 ? options.partitionForMillis() : FOR_MILLIS;
        return new PartitionScenario(base.toBuilder().nodes(options.nodesOr(NODES))
                .durationMillis(options.durationOr(DURATION_MILLIS)).lookupIntervalMillis(LOOKUP_INTERVAL_MILLIS)
                .partition(at, length).build());
    }

    @Override
    public Result run(Appendable progress) {
        return new Result(simulate(progress, config, "%s: %d nodes split in two halves at %d s for %d s", NAME,
                config.nodes(), config.partitionAtMillis() / 1000, config.partitionForMillis() / 1000));
    }

    /** The one run, with its partition figures. */
    public record Result(SimulationReport report) implements ScenarioResult {
        public PartitionFigures partition() {
            return report.partition();
        }

        @Override
        public String summary() {
            return report.summary();
        }

        @Override
        public String toJson() {
            return ScenarioJson.object(NAME, report.config(), out -> {
                out.writeObjectFieldStart("partition");
                out.writeNumberField("rounds_to_single_ring", partition().roundsToSingleRing());
                Json.decimal(out, "exact_after_heal", partition().afterHeal().exactRate());
                out.writeEndObject();
                ScenarioJson.run(out, report);
            });
        }

        @Override
        public Path writeReport(Path dir) throws IOException {
            PartitionFigures p = partition();
            HtmlPage page = new HtmlPage("kadring: a partition that heals");
            page.paragraph(String.format(Locale.ROOT, "%d nodes split into two random halves %d s into the workload "
                    + "for %d s (%d datagrams across the cut dropped). After the heal the ring was one again "
                    + "%s; %.2f%% of the %d findClosest lookups that finished after the heal were exact.",
                    report.config().nodes(), p.atMillis() / 1000, p.forMillis() / 1000, p.datagramsCut(),
                    p.roundsToSingleRing() < 0 ? "not within the run"
                            : "after " + p.roundsToSingleRing() + " stabilize intervals",
                    100 * p.afterHeal().exactRate(), p.afterHeal().count()));
            HtmlReport.addTo(page, report);
            return page.write(dir);
        }
    }
}
