package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.Share;
import java.io.IOException;

/**
 * What the listen workload did: listeners started, and for each new seq a publisher put, the
 * listeners of its key that were up from before the put until {@link Workload#NOTIFY_WINDOW_MILLIS}
 * after it ("live listeners"), how many of them were told of that seq within the window, and how
 * long after the put started; and the feature's messages (the listeners' lookups, LISTENs and their
 * answers, and the holders' UPDATEs).
 *
 * @param listeners listens started
 * @param updates new seqs put (by publishers with at least one live listener)
 * @param expected (update, live listener) pairs
 * @param notified of {@code expected}, those notified within the window
 * @param latencyMillis from the start of a put to a listener's delivery of its seq
 * @param messages messages the feature cost, in all
 */
public record ListenStats(long listeners, long updates, long expected, long notified, Histogram latencyMillis,
                          long messages) {
    public double notifiedShare() {
        return Share.of(notified, expected);
    }

    /**
     * Writes the {@code "listen"} object: how many of the live listeners heard each update, and
     * what it cost ({@code costPerNodePerSecond}: the messages per node per second of the workload).
     */
    void writeJson(JsonGenerator out, double costPerNodePerSecond) throws IOException {
        out.writeObjectFieldStart("listen");
        out.writeNumberField("listeners", listeners);
        out.writeNumberField("updates", updates);
        out.writeNumberField("expected", expected);
        out.writeNumberField("notified", notified);
        Json.decimal(out, "notified_share", notifiedShare());
        out.writeObjectFieldStart("latency_ms");
        out.writeNumberField("p50", latencyMillis.p50());
        out.writeNumberField("p99", latencyMillis.p99());
        out.writeNumberField("max", latencyMillis.count() == 0 ? 0 : latencyMillis.max());
        out.writeEndObject();
        out.writeNumberField("messages", messages);
        Json.decimal(out, "messages_per_node_per_second", costPerNodePerSecond);
        out.writeEndObject();
    }
}
