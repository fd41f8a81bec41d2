package io.kadring.simulator.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.run.Json;
import io.kadring.simulator.run.SimulationConfig;
import io.kadring.simulator.run.SimulationReport;
import java.io.IOException;
import java.util.List;

/**
 * The pieces every scenario's JSON shares: one object that opens with the scenario's name,
 * the seed and size of its network, its runs as {@code points}, and a run's own JSON under
 * {@code run}.
 */
final class ScenarioJson {
    private ScenarioJson() {}

    /** Writes the fields of one point of a scenario's {@code points}. */
    @FunctionalInterface
    interface PointWriter<P> {
        void write(JsonGenerator out, P point) throws IOException;
    }

    /** {@code {"scenario": scenario, ...}}, with the fields {@code fields} writes after the name. */
    static String object(String scenario, Json.Writer fields) {
        return Json.write(out -> {
            out.writeStartObject();
            out.writeStringField("scenario", scenario);
            fields.writeTo(out);
            out.writeEndObject();
        });
    }

    /**
     * {@code {"scenario": scenario, "seed": …, "nodes": …, ...}}: the name, {@code network}'s seed
     * and size, then the fields {@code fields} writes.
     */
    static String object(String scenario, SimulationConfig network, Json.Writer fields) {
        return object(scenario, out -> {
            out.writeNumberField("seed", network.seed());
            out.writeNumberField("nodes", network.nodes());
            fields.writeTo(out);
        });
    }

    /** A {@code points} array: an object per point, holding the fields {@code fields} writes. */
    static <P> void points(JsonGenerator out, List<P> points, PointWriter<P> fields) throws IOException {
        out.writeArrayFieldStart("points");
        for (P p : points) {
            out.writeStartObject();
            fields.write(out, p);
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The run's own JSON, in full, under {@code run}. */
    static void run(JsonGenerator out, SimulationReport report) throws IOException {
        out.writeFieldName("run");
        out.writeRawValue(report.toJson());
    }
}
