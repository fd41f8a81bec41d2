package io.kadring.simulator.scenario;

import java.io.IOException;
import java.nio.file.Path;

/** What a {@link Scenario} found. */
public interface ScenarioResult {
    /** A readable table of the headline figures. */
    String summary();

    /** The figures as JSON; apart from wall time and heap, a function of the options. */
    String toJson();

    /** Writes {@code dir/index.html} (self-contained: tables and inline SVG); returns the file. */
    Path writeReport(Path dir) throws IOException;
}
