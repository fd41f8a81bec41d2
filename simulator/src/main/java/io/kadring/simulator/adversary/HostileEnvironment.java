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
    private final Counts counts = new Counts();

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
                counts.requestsHeld++;
            }
            return;
        }
        Message out = policy.answer(requests.get(m.txId()), m);
        if (out == null) {
            counts.responsesDropped++;
        } else if (out == m) {
            counts.responsesPassed++;
            delegate.send(to, datagram);
        } else {
            byte[] encoded;
            try {
                encoded = MessageCodec.encode(out);
            } catch (IllegalArgumentException tooLarge) {
                counts.responsesDropped++;
                return;
            }
            counts.responsesRewritten++;
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
        return counts;
    }

    /** Responses the policy dropped, rewrote and passed, and requests of the node's own it held back. */
    public static final class Counts {
        long responsesDropped;
        long responsesRewritten;
        long responsesPassed;
        long requestsHeld;

        public long responsesDropped() {
            return responsesDropped;
        }

        public long responsesRewritten() {
            return responsesRewritten;
        }

        public long responsesPassed() {
            return responsesPassed;
        }

        public long requestsHeld() {
            return requestsHeld;
        }

        /** Adds {@code other}'s counts to these. */
        public void add(Counts other) {
            responsesDropped += other.responsesDropped;
            responsesRewritten += other.responsesRewritten;
            responsesPassed += other.responsesPassed;
            requestsHeld += other.requestsHeld;
        }
    }
}
