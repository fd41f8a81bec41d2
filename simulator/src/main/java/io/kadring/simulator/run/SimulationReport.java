package io.kadring.simulator.run;

import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.TimeSeries;
import java.util.Locale;

/**
 * The outcome of one run: the figures of the JSON summary and the time series of the HTML
 * report. Everything but {@code wallSeconds} and {@code heapBytesPerNode} is a function of
 * the configuration and seed.
 */
public record SimulationReport(SimulationConfig config, double simulatedSeconds, double wallSeconds, long events,
                               long heapBytesPerNode, LookupStats lookups, LookupStats successorLookups,
                               RecordStats records, long messagesSent, long bytesSent,
                               TimeSeries liveNodes, TimeSeries messagesPerMinute, boolean churn,
                               java.util.Map<String, Long> messagesByType, java.util.Map<String, Long> timeoutsByType,
                               java.util.Map<String, Long> droppedByReason) {

    /** The JSON summary, keys as the simulator issue lists them. */
    public String toJson() {
        Json j = new Json().begin()
                .number("seed", config.seed())
                .number("nodes", config.nodes())
                .number("simulated_seconds", simulatedSeconds)
                .number("wall_seconds", wallSeconds)
                .number("events", events)
                .number("heap_bytes_per_node", heapBytesPerNode);
        lookupJson(j, "lookups", lookups);
        lookupJson(j, "successor_lookups", successorLookups);
        j.object("puts").number("count", records.puts()).number("success_rate", records.putSuccessRate()).end();
        j.object("gets").number("count", records.gets()).number("success_rate", records.getSuccessRate()).end();
        j.object("records").number("published", records.published())
                .number("retrievable_at_end", records.retrievableAtEnd()).end();
        j.object("messages").number("sent", messagesSent).number("bytes_sent", bytesSent);
        j.object("by_type");
        messagesByType.forEach(j::number);
        j.end();
        j.object("timeouts_by_type");
        timeoutsByType.forEach(j::number);
        j.end();
        j.object("dropped_by_reason");
        droppedByReason.forEach(j::number);
        j.end().end();
        return j.end().toString();
    }

    private static void lookupJson(Json j, String name, LookupStats s) {
        Histogram hops = s.hops();
        j.object(name).number("count", s.count()).number("success_rate", s.successRate())
                .number("exact_rate", s.exactRate());
        j.object("hops").number("mean", hops.mean()).number("p50", hops.p50()).number("p99", hops.p99())
                .number("max", hops.max()).end();
        j.object("latency_ms").number("p50", s.latencyMillis().p50()).number("p99", s.latencyMillis().p99()).end();
        j.end();
    }

    /** Messages each live node sent per second, per simulated minute. */
    public double[] messagesPerNodePerSecond() {
        int n = Math.min(messagesPerMinute.size(), liveNodes.size());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double nodes = liveNodes.mean(i);
            double seconds = messagesPerMinute.bucketMillis() / 1000.0;
            out[i] = nodes == 0 ? 0 : messagesPerMinute.sum(i) / nodes / seconds;
        }
        return out;
    }

    /** A readable table of the main figures. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "kadring simulation: %d nodes, seed %d, %s simulated in %.1f s (%d events)%n",
                config.nodes(), config.seed(), Simulation.clock((long) (simulatedSeconds * 1000)), wallSeconds, events));
        b.append(String.format(Locale.ROOT, "%-18s %8s %9s %8s %10s %9s %9s %13s %13s%n",
                "", "count", "success", "exact", "hops mean", "hops p50", "hops p99", "latency p50", "latency p99"));
        row(b, "findClosest", lookups);
        row(b, "findSuccessor", successorLookups);
        b.append(String.format(Locale.ROOT, "%-18s %8d %8.2f%%%n", "puts", records.puts(), 100 * records.putSuccessRate()));
        b.append(String.format(Locale.ROOT, "%-18s %8d %8.2f%%%n", "gets", records.gets(), 100 * records.getSuccessRate()));
        b.append(String.format(Locale.ROOT, "%-18s %d of %d retrievable at the end%n", "records",
                records.retrievableAtEnd(), records.published()));
        b.append(String.format(Locale.ROOT, "%-18s %d messages, %.1f MB, %d heap bytes per node%n", "traffic",
                messagesSent, bytesSent / 1e6, heapBytesPerNode));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, LookupStats s) {
        b.append(String.format(Locale.ROOT, "%-18s %8d %8.2f%% %7.2f%% %10.2f %9d %9d %10d ms %10d ms%n", name,
                s.count(), 100 * s.successRate(), 100 * s.exactRate(), s.hops().mean(), s.hops().p50(),
                s.hops().p99(), s.latencyMillis().p50(), s.latencyMillis().p99()));
    }
}
