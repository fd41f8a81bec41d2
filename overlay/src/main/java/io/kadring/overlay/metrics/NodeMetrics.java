package io.kadring.overlay.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * What a node reports about itself, as Micrometer meters named {@code kadring.*} (docs/design.md,
 * "Metrics"). The node calls these from its own thread; nothing here reads a clock, durations
 * come in from the caller.
 *
 * <p>Tag values ({@code type}, {@code reason}, {@code kind}) come from small fixed sets: an
 * enum becomes its lower-case name ({@code FIND_NODE} → {@code find_node}), a string is used
 * as is. Each tagged counter is created once and cached.
 *
 * <p>Several nodes may share one registry; give each its own common tag (e.g.
 * {@code node=<short id>}) or their counters add up and only the first node's gauges show.
 */
public interface NodeMetrics {
    // Every method does nothing by default, so an implementation records just what it needs;
    // only the enum overloads of dropped and recordRejected pass the tag value on to the String ones.

    /** Meters in {@code registry}, or {@link #noop()} when it is null. */
    static NodeMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /** Meters in {@code registry} carrying {@code commonTags}, or {@link #noop()} when it is null. */
    static NodeMetrics of(MeterRegistry registry, Iterable<Tag> commonTags) {
        return registry == null ? noop() : new MicrometerNodeMetrics(registry, Tags.of(commonTags));
    }

    /** Records nothing, at no cost. */
    static NodeMetrics noop() {
        return NoopNodeMetrics.INSTANCE;
    }

    /** The tag value {@code e} stands for: its lower-case name ({@code FIND_NODE} → {@code find_node}). */
    static String tagValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Outcomes of what an embedder asks for: the {@code outcome} tag of {@code kadring.operations}. */
    enum Outcome { SUCCESS, NOT_FOUND, TIMEOUT, FAILED }

    /**
     * Every labelled series at zero before anything happens (so that {@code rate()} and absence
     * alerts see them): the message types (timeouts: of the request types), the drop and reject
     * reasons, the lookup kinds and the operations that can ever be counted.
     */
    default void declare(List<? extends Enum<?>> messageTypes, List<? extends Enum<?>> requestTypes,
                         Collection<String> dropReasons, Collection<String> rejectReasons,
                         List<? extends Enum<?>> lookupKinds, List<? extends Enum<?>> operations) {
    }

    /** One message of {@code type} sent, {@code bytes} long: {@code kadring.rpc.sent}, {@code kadring.sent} (bytes, by type). */
    default void sent(Enum<?> type, int bytes) {
    }

    /**
     * One datagram received, {@code bytes} long, of {@code type}, or null when it did not
     * decode: {@code kadring.received} (bytes, by type; {@code malformed} for those).
     */
    default void received(Enum<?> type, int bytes) {
    }

    /** A STORE from another node was taken into the store: {@code kadring.records.stored}. */
    default void recordStored() {
    }

    /** A request was answered {@code millis} after it was sent (first attempts only): {@code kadring.rpc.rtt}. */
    default void roundTrip(long millis) {
    }

    /** An embedder's {@code operation} (lookup, successor, put, get) ended with {@code outcome}: {@code kadring.operations}. */
    default void operation(Enum<?> operation, Outcome outcome) {
    }

    /** One well-formed message of {@code type} received: {@code kadring.rpc.received}. */
    default void receivedMessage(Enum<?> type) {
    }

    /** A request of {@code type} got no answer in time: {@code kadring.rpc.timeouts}. */
    default void timeout(Enum<?> type) {
    }

    /**
     * A received datagram was dropped: {@code kadring.datagrams.dropped}. By default
     * {@link #dropped(String)} of the reason's {@link #tagValue tag value}.
     */
    default void dropped(Enum<?> reason) {
        dropped(tagValue(reason));
    }

    /** As {@link #dropped(Enum)}, for a reason that is not an enum constant. */
    default void dropped(String reason) {
    }

    /**
     * A lookup of {@code kind} finished after {@code durationMillis} (measured by the caller on
     * its clock) and {@code hops} hops: {@code kadring.lookup.duration}, {@code kadring.lookup.hops}.
     */
    default void lookupFinished(Enum<?> kind, long durationMillis, int hops) {
    }

    /**
     * A record offered to this node was refused: {@code kadring.records.rejected}. By default
     * {@link #recordRejected(String)} of the reason's {@link #tagValue tag value}.
     */
    default void recordRejected(Enum<?> reason) {
        recordRejected(tagValue(reason));
    }

    /** As {@link #recordRejected(Enum)}, for a reason that is not an enum constant. */
    default void recordRejected(String reason) {
    }

    /**
     * An announcement offered to this node was refused: {@code kadring.announcements.rejected}. By
     * default {@link #announcementRejected(String)} of the reason's {@link #tagValue tag value}.
     */
    default void announcementRejected(Enum<?> reason) {
        announcementRejected(tagValue(reason));
    }

    /** As {@link #announcementRejected(Enum)}, for a reason that is not an enum constant. */
    default void announcementRejected(String reason) {
    }

    /** One republish round ran: {@code kadring.republish.rounds}. */
    default void republishRound() {
    }

    /** The address others see for this node changed: {@code kadring.self.address.changes}. */
    default void selfAddressChanged() {
    }

    /**
     * Gauges {@code kadring.routing.contacts} and {@code kadring.ring.neighbours}. The suppliers are
     * called on the registry's thread, not the node's: they must only read values that are safe
     * to read there (a size field, a volatile), never walk a structure the node is changing.
     */
    default void registerNode(DoubleSupplier routingContacts, DoubleSupplier ringNeighbours) {
    }

    /** Gauges {@code kadring.records.held} and {@code kadring.records.bytes}; same caveat as {@link #registerNode}. */
    default void registerRecords(DoubleSupplier recordsHeld, DoubleSupplier recordsBytes) {
    }

    /**
     * Gauges {@code kadring.isolated} (1 while no contact has answered for the isolation alarm's
     * time, else 0) and {@code kadring.network.size.estimate}; same caveat as {@link #registerNode}.
     */
    default void registerHealth(DoubleSupplier isolated, DoubleSupplier networkSizeEstimate) {
    }

    /**
     * Removes the meters this instance registered (a node that is gone stops showing), including
     * any it shares with another instance of the same common tags.
     */
    default void close() {
    }
}
