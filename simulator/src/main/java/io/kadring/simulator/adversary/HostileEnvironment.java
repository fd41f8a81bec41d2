package io.kadring.simulator.adversary;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The environment of an adversary's real node: as the one it wraps, except that every
 * datagram the node sends is decoded, put to the {@link Policy} and, unless dropped,
 * encoded again. The requests it receives ({@link #inbound}) are remembered for a while, so
 * the policy sees what each response answers. Counts what the policy did.
 */
public final class HostileEnvironment implements Environment {
    /** Requests remembered, the oldest forgotten first. */
    private static final int REMEMBERED = 1024;

    private final Environment delegate;
    private final Policy policy;
    private final Map<Long, Message> requests = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Message> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long responsesDropped;
    private long responsesRewritten;
    private long responsesPassed;
    private long requestsHeld;

    public HostileEnvironment(Environment delegate, Policy policy) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** {@code node}'s handler, behind one that remembers the requests it is sent. */
    public DatagramHandler inbound(DatagramHandler node) {
        return (from, datagram) -> {
            try {
                Message m = MessageCodec.decode(datagram);
                if (!m.type().isResponse()) requests.put(m.txId(), m);
            } catch (MalformedMessageException e) {
                // the node counts it as it would any malformed datagram
            }
            node.onDatagram(from, datagram);
        };
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        Message m;
        try {
            m = MessageCodec.decode(datagram);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("the node sent a datagram it cannot decode", e);
        }
        if (!m.type().isResponse()) {
            if (policy.maySend(m)) {
                delegate.send(to, datagram);
            } else {
                requestsHeld++;
            }
            return;
        }
        Message out = policy.answer(requests.get(m.txId()), m);
        if (out == null) {
            responsesDropped++;
        } else if (out == m) {
            responsesPassed++;
            delegate.send(to, datagram);
        } else {
            byte[] encoded;
            try {
                encoded = MessageCodec.encode(out);
            } catch (IllegalArgumentException tooLarge) {
                responsesDropped++;
                return;
            }
            responsesRewritten++;
            delegate.send(to, encoded);
        }
    }

    @Override
    public long now() {
        return delegate.now();
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        return delegate.schedule(delayMillis, task);
    }

    @Override
    public RandomGenerator random() {
        return delegate.random();
    }

    /** What the policy did so far. */
    public Counts counts() {
        return new Counts(responsesDropped, responsesRewritten, responsesPassed, requestsHeld);
    }

    /** Responses the policy dropped, rewrote and passed, and requests of the node's own it held back. */
    public record Counts(long responsesDropped, long responsesRewritten, long responsesPassed, long requestsHeld) {
        /** No counts: where a sum starts. */
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        /** These counts and {@code other}'s, added up. */
        public Counts plus(Counts other) {
            return new Counts(responsesDropped + other.responsesDropped, responsesRewritten + other.responsesRewritten,
                    responsesPassed + other.responsesPassed, requestsHeld + other.requestsHeld);
        }
    }
}
