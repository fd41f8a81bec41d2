package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.TimeSeries;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one run: the figures of the JSON summary and the time series of the HTML
 * report. Everything but {@code wallSeconds} and the heap figures is a function of the
 * configuration and seed.
 *
 * <p>Heap per node: the live heap (after a full GC) the simulation added since it started,
 * divided by the nodes up at that moment; {@code heapBytesPerNode} at the end of the run (all
 * the nodes' state after the workload: what a node costs), {@code heapBytesPerNodeAfterBuild}
 * once every node has joined, before the workload.
 */
public record SimulationReport(SimulationConfig config, double simulatedSeconds, double wallSeconds, long events,
                               long heapBytesPerNode, long heapBytesPerNodeAfterBuild, LookupStats lookups, LookupStats successorLookups,
                               RecordStats records, long messagesSent, long bytesSent,
                               TimeSeries liveNodes, TimeSeries messagesPerMinute, boolean churn,
                               Map<String, Long> messagesByType, Map<String, Long> timeoutsByType,
                               Map<String, Long> droppedByReason, AdversaryFigures adversaries,
                               NetworkSizeFigures networkSize, PartitionFigures partition, ClientFigures clients,
                               ReplicaFigures replicaChecks, AnnouncementStats announcements, PeerActivity activity,
                               ListenStats listens,
                               long interruptedAtMillis) {
    /** The kadring version that ran (the jar's), or "dev" from a build tree. */
    static final String VERSION = java.util.Objects.requireNonNullElse(
            SimulationReport.class.getPackage().getImplementationVersion(), "dev");

    /** Whether the run was stopped early (Ctrl-C): the figures are of the part that ran. */
    public boolean interrupted() {
        return interruptedAtMillis >= 0;
    }

    /** The JSON summary, keys as the simulator issue lists them. */
    public String toJson() {
        return Json.write(this::writeJson);
    }

    private void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("version", VERSION);
        out.writeNumberField("seed", config.seed());
        out.writeNumberField("nodes", config.nodes());
        if (interrupted()) Json.decimal(out, "interrupted_at_seconds", interruptedAtMillis / 1000.0);
        writeConfig(out);
        Json.decimal(out, "simulated_seconds", simulatedSeconds);
        Json.decimal(out, "wall_seconds", wallSeconds);
        out.writeNumberField("events", events);
        out.writeNumberField("heap_bytes_per_node", heapBytesPerNode);
        out.writeNumberField("heap_bytes_per_node_after_build", heapBytesPerNodeAfterBuild);
        adversaries.writeJson(out);
        out.writeBooleanField("defences", config.defences());
        writeLookups(out, "lookups", lookups);
        writeLookups(out, "successor_lookups", successorLookups);
        if (partition != null) partition.writeJson(out);
        networkSize.writeJson(out);
        if (clients != null) clients.writeJson(out);
        if (replicaChecks != null) replicaChecks.writeJson(out);
        if (listens != null) listens.writeJson(out, listenCostPerNodePerSecond());
        writeRate(out, "puts", records.puts(), records.putSuccessRate());
        writeRate(out, "gets", records.gets(), records.getSuccessRate());
        out.writeObjectFieldStart("records");
        out.writeNumberField("published", records.published());
        out.writeNumberField("retrievable_at_end", records.retrievableAtEnd());
        out.writeEndObject();
        out.writeObjectFieldStart("announcements");
        out.writeNumberField("announcers", announcements.announcers());
        writeRate(out, "announces", announcements.announces(), announcements.announceSuccessRate());
        out.writeNumberField("lookups", announcements.lookups());
        out.writeNumberField("live_announcers_expected", announcements.expected());
        out.writeNumberField("live_announcers_returned", announcements.found());
        Json.decimal(out, "live_announcers_share", announcements.liveAnnouncersShare());
        Json.decimal(out, "complete_lookups_share", announcements.completeLookupShare());
        Json.decimal(out, "messages_per_node_per_second", announcements.messagesPerNodePerSecond());
        out.writeEndObject();
        writeSeries(out);
        writeLoad(out);
        out.writeObjectFieldStart("messages");
        out.writeNumberField("sent", messagesSent);
        out.writeNumberField("bytes_sent", bytesSent);
        writeCounts(out, "by_type", messagesByType);
        writeCounts(out, "timeouts_by_type", timeoutsByType);
        writeCounts(out, "dropped_by_reason", droppedByReason);
        out.writeEndObject();
        out.writeEndObject();
    }

    /** The listen feature's messages per node per second of the workload (nodes as configured). */
    public double listenCostPerNodePerSecond() {
        double seconds = config.durationMillis() / 1000.0;
        return listens == null ? 0 : listens.messages() / (config.nodes() * seconds);
    }

    /**
     * {@code "per_minute": {minute: [...], live_nodes: [...], messages_per_node_per_second: [...], joins,
     * leaves, and per lookup kind success_rate, exact_rate, latency_p50_ms, latency_p99_ms}}: per
     * simulated minute of the workload, enough to plot the run again (null: no lookup ended in that minute).
     */
    private void writeSeries(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("per_minute");
        out.writeArrayFieldStart("minute");
        for (int i = 0; i < liveNodes.size(); i++) out.writeNumber(i);
        out.writeEndArray();
        out.writeArrayFieldStart("live_nodes");
        for (int i = 0; i < liveNodes.size(); i++) out.writeNumber(Math.round(liveNodes.mean(i) * 10) / 10.0);
        out.writeEndArray();
        out.writeArrayFieldStart("messages_per_node_per_second");
        for (double rate : messagesPerNodePerSecond()) out.writeNumber(Math.round(rate * 1000) / 1000.0);
        out.writeEndArray();
        int minutes = liveNodes.size();
        counts(out, "joins", activity.joins(), minutes);
        counts(out, "leaves", activity.leaves(), minutes);
        writeLookupSeries(out, "find_closest", lookups, minutes);
        writeLookupSeries(out, "find_successor", successorLookups, minutes);
        out.writeEndObject();
    }

    private static void counts(JsonGenerator out, String name, TimeSeries series, int minutes) throws IOException {
        out.writeArrayFieldStart(name);
        for (int i = 0; i < minutes; i++) out.writeNumber(Math.round(series.sum(i)));
        out.writeEndArray();
    }

    private static void writeLookupSeries(JsonGenerator out, String name, LookupStats s, int minutes) throws IOException {
        out.writeObjectFieldStart(name);
        rates(out, "success_rate", s.successOverTime(), minutes);
        rates(out, "exact_rate", s.exactOverTime(), minutes);
        quantiles(out, "latency_p50_ms", s, 0.5, minutes);
        quantiles(out, "latency_p99_ms", s, 0.99, minutes);
        out.writeEndObject();
    }

    private static void rates(JsonGenerator out, String name, TimeSeries series, int minutes) throws IOException {
        out.writeArrayFieldStart(name);
        for (int i = 0; i < minutes; i++) {
            double rate = series.mean(i);
            if (Double.isNaN(rate)) out.writeNull(); else out.writeNumber(Math.round(rate * 1e4) / 1e4);
        }
        out.writeEndArray();
    }

    private static void quantiles(JsonGenerator out, String name, LookupStats s, double q, int minutes) throws IOException {
        out.writeArrayFieldStart(name);
        for (int i = 0; i < minutes; i++) {
            double v = s.latencyOverTime().quantile(i, q);
            if (Double.isNaN(v)) out.writeNull(); else out.writeNumber((long) v);
        }
        out.writeEndArray();
    }

    /**
     * {@code "load_per_node": {nodes, datagrams_per_second: {p50, p99, max}}}: datagrams sent and
     * received per second over each node's life, of the nodes up at the end (see {@link PeerActivity}).
     */
    private void writeLoad(JsonGenerator out) throws IOException {
        Histogram load = activity.loadMilliPerSecond();
        out.writeObjectFieldStart("load_per_node");
        out.writeNumberField("nodes", load.count());
        out.writeObjectFieldStart("datagrams_per_second");
        Json.decimal(out, "p50", load.p50() / 1000.0);
        Json.decimal(out, "p99", load.p99() / 1000.0);
        Json.decimal(out, "max", load.count() == 0 ? 0 : load.max() / 1000.0);
        out.writeEndObject();
        out.writeEndObject();
    }

    /** Every setting of the run, enough to run it again: {@code "config": {...}}. */
    private void writeConfig(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("config");
        out.writeNumberField("nodes", config.nodes());
        out.writeNumberField("seed", config.seed());
        out.writeNumberField("duration_ms", config.durationMillis());
        out.writeStringField("latency", config.latency());
        Json.decimal(out, "loss", config.loss());
        out.writeNumberField("session_mean_ms", config.sessionMeanMillis());
        Json.decimal(out, "kill_fraction", config.killFraction());
        out.writeNumberField("lookup_interval_ms", config.lookupIntervalMillis());
        Json.decimal(out, "publish_fraction", config.publishFraction());
        out.writeNumberField("get_interval_ms", config.getIntervalMillis());
        out.writeNumberField("join_spacing_ms", config.joinSpacingMillis());
        Json.decimal(out, "adversary_fraction", config.adversaries().fraction());
        out.writeStringField("attack", config.adversaries().attack().label());
        out.writeNumberField("adversary_subnets", config.adversaries().subnets());
        out.writeBooleanField("defences", config.defences());
        out.writeNumberField("partition_at_ms", config.partitionAtMillis());
        out.writeNumberField("partition_for_ms", config.partitionForMillis());
        Json.decimal(out, "client_fraction", config.clientFraction());
        out.writeNumberField("replica_check_interval_ms", config.replicaCheckIntervalMillis());
        Json.decimal(out, "listen_fraction", config.listen().fraction());
        out.writeNumberField("update_interval_ms", config.listen().updateIntervalMillis());
        out.writeStringField("node", config.node().toString());
        out.writeEndObject();
    }

    private static void writeLookups(JsonGenerator out, String name, LookupStats s) throws IOException {
        out.writeObjectFieldStart(name);
        s.writeFields(out, false);
        out.writeObjectFieldStart("latency_ms");
        out.writeNumberField("p50", s.latencyMillis().p50());
        out.writeNumberField("p99", s.latencyMillis().p99());
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void writeRate(JsonGenerator out, String name, long count, double successRate) throws IOException {
        out.writeObjectFieldStart(name);
        out.writeNumberField("count", count);
        Json.decimal(out, "success_rate", successRate);
        out.writeEndObject();
    }

    private static void writeCounts(JsonGenerator out, String name, Map<String, Long> counts) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) out.writeNumberField(e.getKey(), e.getValue());
        out.writeEndObject();
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
        if (interrupted()) {
            b.append(String.format(Locale.ROOT, "INTERRUPTED at simulated %s: the figures are of the part that ran "
                    + "(no final record check)%n", Simulation.clock(interruptedAtMillis)));
        }
        if (adversaries.count() > 0) {
            b.append(String.format(Locale.ROOT, "adversaries: %d (%s, %d subnets), defences %s; responses dropped %d, "
                    + "rewritten %d, passed %d; %d key pairs ground in %.2f s%n", adversaries.count(),
                    adversaries.setup().attack().label(), adversaries.setup().subnets(), config.defences() ? "on" : "off",
                    adversaries.responsesDropped(), adversaries.responsesRewritten(), adversaries.responsesPassed(),
                    adversaries.keyPairsGround(), adversaries.grindWallSeconds()));
        } else if (!config.defences()) {
            b.append("defences off\n");
        }
        b.append(String.format(Locale.ROOT, "%-18s %8s %9s %8s %10s %9s %9s %13s %13s%n",
                "", "count", "success", "exact", "hops mean", "hops p50", "hops p99", "latency p50", "latency p99"));
        row(b, "findClosest", lookups);
        row(b, "findSuccessor", successorLookups);
        b.append(String.format(Locale.ROOT, "%-18s %8d %9s%n", "puts", records.puts(), percent(records.puts(), records.putSuccessRate())));
        b.append(String.format(Locale.ROOT, "%-18s %8d %9s%n", "gets", records.gets(), percent(records.gets(), records.getSuccessRate())));
        b.append(String.format(Locale.ROOT, "%-18s %d of %d retrievable at the end%n", "records",
                records.retrievableAtEnd(), records.published()));
        b.append(String.format(Locale.ROOT, "%-18s median estimate %d of %d nodes up (p10 %d, p90 %d)%n", "network size",
                networkSize.estimateP50(), networkSize.truth(), networkSize.estimateP10(), networkSize.estimateP90()));
        b.append(String.format(Locale.ROOT, "%-18s %d lookups, %.2f%% of live announcers returned, %.3f msg/node/s%n",
                "announcements", announcements.lookups(), 100 * announcements.liveAnnouncersShare(),
                announcements.messagesPerNodePerSecond()));
        if (listens != null) {
            b.append(String.format(Locale.ROOT, "%-18s %d listeners; %.3f%% of %d (update, live listener) pairs "
                    + "notified within %d s, p50 %d ms, p99 %d ms; %.4f messages per node per second%n", "listen",
                    listens.listeners(), 100 * listens.notifiedShare(), listens.expected(),
                    Workload.NOTIFY_WINDOW_MILLIS / 1000, listens.latencyMillis().p50(), listens.latencyMillis().p99(),
                    listenCostPerNodePerSecond()));
        }
        b.append(String.format(Locale.ROOT, "%-18s %d messages, %.1f MB%n", "traffic", messagesSent, bytesSent / 1e6));
        Histogram load = activity.loadMilliPerSecond();
        if (load.count() > 0) {
            b.append(String.format(Locale.ROOT, "%-18s datagrams sent and received per second: p50 %.2f, p99 %.2f, "
                    + "max %.2f (%d nodes up at the end for a minute or more)%n", "load per node", load.p50() / 1000.0, load.p99() / 1000.0,
                    load.max() / 1000.0, load.count()));
        }
        b.append(String.format(Locale.ROOT, "%-18s %d bytes per node at the end, %d after the build%n", "heap",
                heapBytesPerNode, heapBytesPerNodeAfterBuild));
        if (clients != null) {
            b.append(String.format(Locale.ROOT, "%-18s %d in client mode; their findClosest %.2f%% exact of %d; "
                    + "%d table or ring entries and %d lookup answers named a client%n", "clients", clients.clients(),
                    100 * clients.lookups().exactRate(), clients.lookups().count(), clients.entriesNamingClients(),
                    clients.answersNamingClients()));
        }
        if (replicaChecks != null) {
            b.append(String.format(Locale.ROOT, "%-18s %d, %.2f%% found a quorum; %d messages, %.4f per node per "
                    + "second%n", "replica checks", replicaChecks.checks(), 100 * replicaChecks.quorumRate(),
                    replicaChecks.messages(), replicaChecks.messagesPerNodePerSecond()));
        }
        if (partition != null) {
            b.append(String.format(Locale.ROOT, "%-18s split at %s for %s, %d datagrams cut; one ring %s; "
                    + "%.2f%% of %d findClosest exact after the heal%n", "partition",
                    Durations.format(partition.atMillis()), Durations.format(partition.forMillis()),
                    partition.datagramsCut(), partition.roundsToSingleRing() < 0
                            ? "not within the run (" + partition.wrongSuccessorsAtLastCheck() + " wrong successors at the end)"
                            : partition.roundsToSingleRing() + " stabilize rounds after the heal",
                    100 * partition.afterHeal().exactRate(), partition.afterHeal().count()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, LookupStats s) {
        if (s.count() == 0) {
            b.append(String.format(Locale.ROOT, "%-18s %8d %9s %8s %10s %9s %9s %13s %13s%n", name, 0,
                    "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"));
            return;
        }
        b.append(String.format(Locale.ROOT, "%-18s %8d %8.2f%% %7.2f%% %10.2f %9d %9d %10d ms %10d ms%n", name,
                s.count(), 100 * s.successRate(), 100 * s.exactRate(), s.hops().mean(), s.hops().p50(),
                s.hops().p99(), s.latencyMillis().p50(), s.latencyMillis().p99()));
    }

    /** "99.50%", or "n/a" when nothing was counted (a rate of nothing is no 100%). */
    private static String percent(long count, double rate) {
        return count == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }
}
