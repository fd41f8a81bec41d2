package io.kadring.overlay.wire;

import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;

/**
 * Where the decoder hands the values that name a remote node (sender and contact ids,
 * addresses, node records), and the signed records it decodes, so that equal ones may be shared: many nodes in one JVM (the
 * simulator) then hold one object per remote node instead of one per datagram. Each method
 * returns a value equal to its argument, either the argument or an equal one seen before;
 * the values are immutable, so sharing changes nothing but memory. Lookup targets and record
 * keys are not passed: they are many and seldom repeat.
 *
 * <p>A real node uses its own {@link #bounded} one: the remotes it hears from again and again
 * are then held once however often they are decoded. An interner that remembers must bound
 * itself, or be used only where the set of remotes is bounded (a simulation).
 */
public interface Interner {
    /** Shares nothing: every decoded value is the decoder's own. */
    Interner NONE = new Interner() {};

    /**
     * An interner for one node (not thread-safe) that holds at most {@code slots} addresses,
     * whatever it is handed: the latest {@link #source}s, each in the slot its hash chooses.
     * {@code slots} is a power of two.
     */
    static Interner bounded(int slots) {
        return new BoundedInterner(slots);
    }

    /**
     * The source address of a datagram, or an equal one to use instead: the node keeps these
     * (RTT and reply tables), so an interner may remember them where it would not remember every
     * decoded address. As {@link #address} unless an interner says otherwise.
     */
    default InetSocketAddress source(InetSocketAddress from) {
        return address(from);
    }

    /** {@code id}, or an equal id to use instead; {@code id} itself unless an interner says otherwise. */
    default Id id(Id id) {
        return id;
    }

    /** {@code address}, or an equal address to use instead; {@code address} unless an interner says otherwise. */
    default InetSocketAddress address(InetSocketAddress address) {
        return address;
    }

    /** {@code record}, or an equal record to use instead; {@code record} unless an interner says otherwise. */
    default NodeRecord nodeRecord(NodeRecord record) {
        return record;
    }

    /**
     * {@code record} (a signed record a STORE, VALUE or UPDATE carried), or an equal one to use
     * instead; {@code record} unless an interner says otherwise. Every holder of a key keeps a
     * copy of its record: a simulator's nodes can share one.
     */
    default SignedRecord signedRecord(SignedRecord record) {
        return record;
    }

    /**
     * The id of these four words (most significant first), as {@link #id(Id)} would give it:
     * an interner that can find it by its words need not make one first.
     */
    default Id id(long w0, long w1, long w2, long w3) {
        return id(Id.ofWords(w0, w1, w2, w3));
    }

    /**
     * The IPv4 socket address of {@code ip} (big-endian) and {@code port} (1 to 65535), as
     * {@link #address(InetSocketAddress)} would give it, for the same reason.
     */
    default InetSocketAddress ipv4(int ip, int port) {
        return address(WireAddress.ipv4(ip, port));
    }
}
