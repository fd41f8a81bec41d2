package io.kadring.overlay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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
    private static final double[] HOP_BUCKETS = {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 32};

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
    private final Counter bytesIn;
    private final Counter bytesOut;
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
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry)));
        lookupHops = new Tagged<>(kind -> keep(DistributionSummary.builder("kadring.lookup.hops")
                .description("Length of the referral chain that reached a lookup's answer")
                .tags(common).tag("kind", kind)
                .serviceLevelObjectives(HOP_BUCKETS)
                .register(registry)));
        bytesIn = counter("kadring.bytes.in", "Bytes of datagrams received");
        bytesOut = counter("kadring.bytes.out", "Bytes of datagrams sent");
        republishRounds = counter("kadring.republish.rounds", "Republish rounds run");
        addressChanges = counter("kadring.self.address.changes", "Changes of the address others see for this node");
    }

    @Override
    public void sent(Enum<?> type, int bytes) {
        rpcSent.get(type).increment();
        bytesOut.increment(bytes);
    }

    @Override
    public void received(int bytes) {
        bytesIn.increment(bytes);
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
