package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.function.LongFunction;

/**
 * A message a {@link Procedure} wants sent: where to, whom it expects to answer, and the
 * message, built for the transaction id the RPC engine picks. A request with an expected id
 * counts as failed when someone else answers from that address. One-way messages (NOTIFY)
 * expect no answer. Compared by identity: each is one send.
 */
final class Request {
    /** The engine's default number of retries. */
    static final int DEFAULT_RETRIES = -1;

    private final InetSocketAddress to;
    private final Id expected;
    private final LongFunction<Message> message;
    private final int retries;
    private final Procedure<?> owner;
    private final boolean oneWay;

    private Request(InetSocketAddress to, Id expected, LongFunction<Message> message, int retries,
                    Procedure<?> owner, boolean oneWay) {
        this.to = to;
        this.expected = expected;
        this.message = message;
        this.retries = retries;
        this.owner = owner;
        this.oneWay = oneWay;
    }

    /** A request to a known contact, retried as the engine does by default. */
    static Request to(Contact contact, LongFunction<Message> message, Procedure<?> owner) {
        return new Request(contact.address(), contact.id(), message, DEFAULT_RETRIES, owner, false);
    }

    /** A request to a known contact, never retried: a lookup has others to ask. */
    static Request once(Contact contact, LongFunction<Message> message, Procedure<?> owner) {
        return new Request(contact.address(), contact.id(), message, 0, owner, false);
    }

    /** A request to whoever answers at {@code address} (a bootstrap node, a stranger to verify). */
    static Request toAddress(InetSocketAddress address, LongFunction<Message> message, Procedure<?> owner) {
        return new Request(address, null, message, DEFAULT_RETRIES, owner, false);
    }

    /** A message sent once that expects no answer. */
    static Request oneWay(Contact contact, LongFunction<Message> message, Procedure<?> owner) {
        return new Request(contact.address(), contact.id(), message, 0, owner, true);
    }

    InetSocketAddress to() {
        return to;
    }

    /** The id that must answer, or null when anyone at {@link #to()} may. */
    Id expected() {
        return expected;
    }

    Message message(long txId) {
        return message.apply(txId);
    }

    int retries() {
        return retries;
    }

    /** The procedure (or the part of one) that made this request and hears its outcome. */
    Procedure<?> owner() {
        return owner;
    }

    boolean isOneWay() {
        return oneWay;
    }

    @Override
    public String toString() {
        return "Request[to " + to + (expected == null ? "" : " (" + expected.shortHex() + ")") + "]";
    }
}
