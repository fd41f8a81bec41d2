package io.kadring.overlay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/** {@link NodeMetrics} over a Micrometer registry; tagged meters are created on first use and cached. */
final class MicrometerNodeMetrics implements NodeMetrics {
    /** Bucket bounds for hop counts: fine where lookups end (a few hops), coarse beyond. */
    private static final double[] HOP_BUCKETS = {1, 2, 3, 4, 5, 6, 8, 12, 20};
    /** Bucket bounds of the lookup durations: a small fixed set, from loopback to a slow internet path. */
    private static final Duration[] LOOKUP_BUCKETS = millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);
    /** Bucket bounds of the RPC round trips. */
    private static final Duration[] RTT_BUCKETS = millis(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500);
    /** The type tag of received datagrams that did not decode. */
    static final String MALFORMED = "malformed";

    private final MeterRegistry registry;
    private final Tags common;
    private final Queue<Meter> created = new ConcurrentLinkedQueue<>();

    private final Tagged<Counter> rpcSent;
    private final Tagged<Counter> rpcReceived;
    private final Tagged<Counter> rpcTimeouts;
    private final Tagged<Counter> dropped;
    private final Tagged<Counter> rejected;
    private final Tagged<Counter> announcementsRejected;
    private final Tagged<Timer> lookupDuration;
    private final Tagged<DistributionSummary> lookupHops;
    private final Tagged<Counter> bytesIn;
    private final Tagged<Counter> bytesOut;
    private final Timer roundTrips;
    private final Counter stored;
    private final Map<Enum<?>, Tagged<Counter>> operations = new ConcurrentHashMap<>();
    private final Counter republishRounds;
    private final Counter addressChanges;

    MicrometerNodeMetrics(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
        rpcSent = counters("kadring.rpc.sent", "type", "Messages sent, by type");
        rpcReceived = counters("kadring.rpc.received", "type", "Well-formed messages received, by type");
        rpcTimeouts = counters("kadring.rpc.timeouts", "type", "Requests that got no answer in time, by type");
        dropped = counters("kadring.datagrams.dropped", "reason", "Received datagrams dropped, by reason");
        rejected = counters("kadring.records.rejected", "reason", "Records refused, by reason");
        announcementsRejected = counters("kadring.announcements.rejected", "reason", "Announcements refused, by reason");
        lookupDuration = new Tagged<>(kind -> keep(Timer.builder("kadring.lookup.duration")
                .description("Time from the start of a lookup to its answer")
                .tags(common).tag("kind", kind)
                .serviceLevelObjectives(LOOKUP_BUCKETS)
                .register(registry)));
        lookupHops = new Tagged<>(kind -> keep(DistributionSummary.builder("kadring.lookup.hops")
                .description("Length of the referral chain that reached a lookup's answer")
                .tags(common).tag("kind", kind)
                .serviceLevelObjectives(HOP_BUCKETS)
                .register(registry)));
        bytesIn = new Tagged<>(type -> keep(Counter.builder("kadring.received").baseUnit("bytes")
                .description("Bytes of datagrams received, by message type (malformed: did not decode)")
                .tags(common).tag("type", type).register(registry)));
        bytesOut = new Tagged<>(type -> keep(Counter.builder("kadring.sent").baseUnit("bytes")
                .description("Bytes of datagrams sent, by message type")
                .tags(common).tag("type", type).register(registry)));
        stored = counter("kadring.records.stored", "STOREs from other nodes taken into the store");
        roundTrips = keep(Timer.builder("kadring.rpc.rtt")
                .description("Time from a request's first sending to its answer")
                .tags(common).serviceLevelObjectives(RTT_BUCKETS).register(registry));
        republishRounds = counter("kadring.republish.rounds", "Republish rounds run");
        addressChanges = counter("kadring.self.address.changes", "Changes of the address others see for this node");
    }

    private static Duration[] millis(long... bounds) {
        Duration[] out = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) out[i] = Duration.ofMillis(bounds[i]);
        return out;
    }

    @Override
    public void declare(List<? extends Enum<?>> messageTypes, List<? extends Enum<?>> requestTypes,
                        Collection<String> dropReasons, Collection<String> rejectReasons,
                        List<? extends Enum<?>> lookupKinds, List<? extends Enum<?>> operationKinds) {
        for (Enum<?> type : messageTypes) {
            rpcSent.get(type);
            rpcReceived.get(type);
            bytesIn.get(type);
            bytesOut.get(type);
        }
        requestTypes.forEach(rpcTimeouts::get);
        bytesIn.get(MALFORMED);
        dropReasons.forEach(dropped::get);
        for (String reason : rejectReasons) { // announcements are refused for the records' reasons
            rejected.get(reason);
            announcementsRejected.get(reason);
        }
        for (Enum<?> kind : lookupKinds) {
            lookupDuration.get(kind);
            lookupHops.get(kind);
        }
        for (Enum<?> operation : operationKinds) {
            for (Outcome outcome : Outcome.values()) operation(operation).get(outcome);
        }
    }

    @Override
    public void sent(Enum<?> type, int bytes) {
        rpcSent.get(type).increment();
        bytesOut.get(type).increment(bytes);
    }

    @Override
    public void received(Enum<?> type, int bytes) {
        bytesIn.get(type == null ? MALFORMED : type).increment(bytes);
    }

    @Override
    public void recordStored() {
        stored.increment();
    }

    @Override
    public void roundTrip(long millis) {
        roundTrips.record(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void operation(Enum<?> operation, Outcome outcome) {
        operation(operation).get(outcome).increment();
    }

    private Tagged<Counter> operation(Enum<?> operation) {
        return operations.computeIfAbsent(operation, op -> new Tagged<>(outcome -> keep(Counter.builder("kadring.operations")
                .description("What embedders and the admin API asked for, by operation and outcome")
                .tags(common).tag("operation", NodeMetrics.tagValue(op)).tag("outcome", outcome)
                .register(registry))));
    }

    @Override
    public void receivedMessage(Enum<?> type) {
        rpcReceived.get(type).increment();
    }

    @Override
    public void timeout(Enum<?> type) {
        rpcTimeouts.get(type).increment();
    }

    @Override
    public void dropped(String reason) {
        dropped.get(reason).increment();
    }

    @Override
    public void lookupFinished(Enum<?> kind, long durationMillis, int hops) {
        lookupDuration.get(kind).record(durationMillis, TimeUnit.MILLISECONDS);
        lookupHops.get(kind).record(hops);
    }

    @Override
    public void recordRejected(String reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void announcementRejected(String reason) {
        announcementsRejected.get(reason).increment();
    }

    @Override
    public void republishRound() {
        republishRounds.increment();
    }

    @Override
    public void selfAddressChanged() {
        addressChanges.increment();
    }

    @Override
    public void registerNode(DoubleSupplier routingContacts, DoubleSupplier ringNeighbours) {
        gauge("kadring.routing.contacts", "Contacts in the routing table", routingContacts);
        gauge("kadring.ring.neighbours", "Ring neighbours known: predecessor and successors", ringNeighbours);
    }

    @Override
    public void registerRecords(DoubleSupplier recordsHeld, DoubleSupplier recordsBytes) {
        gauge("kadring.records.held", "Records held in the local store", recordsHeld);
        keep(Gauge.builder("kadring.records.bytes", recordsBytes, DoubleSupplier::getAsDouble)
                .description("Bytes of records held in the local store")
                .baseUnit("bytes").tags(common).strongReference(true).register(registry));
    }

    @Override
    public void registerHealth(DoubleSupplier isolated, DoubleSupplier networkSizeEstimate) {
        gauge("kadring.isolated", "1 while no contact of the routing table has answered for the isolation alarm's time",
                isolated);
        gauge("kadring.network.size.estimate", "Nodes in the network, as this node estimates", networkSizeEstimate);
    }

    @Override
    public void close() {
        for (Meter meter; (meter = created.poll()) != null; ) {
            registry.remove(meter);
        }
    }

    private void gauge(String name, String description, DoubleSupplier value) {
        keep(Gauge.builder(name, value, DoubleSupplier::getAsDouble)
                .description(description).tags(common).strongReference(true).register(registry));
    }

    private Counter counter(String name, String description) {
        return keep(Counter.builder(name).description(description).tags(common).register(registry));
    }

    private Tagged<Counter> counters(String name, String tagKey, String description) {
        return new Tagged<>(value -> keep(Counter.builder(name).description(description)
                .tags(common).tag(tagKey, value).register(registry)));
    }

    private <M extends Meter> M keep(M meter) {
        created.add(meter);
        return meter;
    }

    /** One meter per tag value, made on first use; an enum key stands for its lower-case name. */
    private static final class Tagged<M> {
        private final Map<Object, M> byKey = new ConcurrentHashMap<>();
        private final Function<String, M> create;

        Tagged(Function<String, M> create) {
            this.create = create;
        }

        M get(Object key) {
            M meter = byKey.get(key);
            return meter != null ? meter : byKey.computeIfAbsent(key, k -> create.apply(tagValue(k)));
        }

        private static String tagValue(Object key) {
            return key instanceof Enum<?> e ? NodeMetrics.tagValue(e) : key.toString();
        }
    }
}
