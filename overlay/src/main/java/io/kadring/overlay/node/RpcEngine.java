package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Requests and their responses. Each request gets a random 64-bit transaction id; a
 * response is accepted only with that id, from the address the request went to, and of
 * the type that answers the request. A request that is not answered in time is sent
 * again (the same bytes) up to {@code retries} times with a doubled timeout, then
 * reported as failed. Timeouts adapt per address ({@link RttEstimator}).
 */
final class RpcEngine {

    /** What the caller hears about one request: exactly one of the two, once. */
    interface Callback {
        void onResponse(Message response, long rttMillis);

        void onFailure();
    }

    private final Environment env;
    private final NodeMetrics metrics;
    private final RttEstimator rtt;
    private final int retries;
    private final long maxTimeout;
    private final Map<Long, Pending> pending = new HashMap<>();
    private boolean closed;

    RpcEngine(Environment env, NodeConfig config, NodeMetrics metrics) {
        this.env = env;
        this.metrics = metrics;
        this.rtt = new RttEstimator(config.rpcTimeoutMinMillis(), config.rpcTimeoutMaxMillis(),
                config.rpcTimeoutInitialMillis());
        this.retries = config.rpcRetries();
        this.maxTimeout = config.rpcTimeoutMaxMillis();
    }

    /** Sends the request {@code build} makes for a fresh transaction id to {@code to}. */
    void request(InetSocketAddress to, LongFunction<Message> build, Callback callback) {
        request(to, build, callback, retries);
    }

    /**
     * As {@link #request(InetSocketAddress, LongFunction, Callback)} with its own number of
     * retries: a lookup asks without retrying, since it has k other nodes to ask and a
     * retry to a node that has gone only delays it.
     */
    void request(InetSocketAddress to, LongFunction<Message> build, Callback callback, int retries) {
        if (closed) {
            failSafely(callback); // a closed node sends nothing; whoever waits hears at once
            return;
        }
        long txId = freshTxId();
        Message request = build.apply(txId);
        byte[] bytes = MessageCodec.encode(request);
        Pending p = new Pending(txId, request, to, bytes, callback, env.now(), retries);
        pending.put(txId, p);
        transmit(p, rtt.timeout(to));
    }

    /** Sends a message that expects no answer (a response, or NOTIFY). */
    void send(InetSocketAddress to, Message message) {
        if (closed) return;
        byte[] bytes = MessageCodec.encode(message);
        metrics.sent(message.type(), bytes.length);
        env.send(to, bytes);
    }

    /**
     * Offers a decoded response. Returns false when it answers no outstanding request of
     * ours from that address (late, duplicated or spoofed): the caller counts and drops it.
     */
    boolean onResponse(InetSocketAddress from, Message response) {
        Pending p = pending.get(response.txId());
        if (p == null || !p.to.equals(from) || !answers(p.request, response)) {
            return false;
        }
        pending.remove(p.txId);
        p.timer.cancel();
        long elapsed = env.now() - p.sentAt;
        if (p.attempts == 1) {
            rtt.sample(from, elapsed); // Karn: only unambiguous samples
        }
        try {
            p.callback.onResponse(response, elapsed);
        } catch (RuntimeException e) {
            metrics.dropped("internal_error");
        }
        return true;
    }

    /** Requests waiting for an answer. */
    int outstanding() {
        return pending.size();
    }

    /**
     * The node is closing: fails every outstanding request, and every one made from now on
     * (callbacks of failed requests may try to send more).
     */
    void close() {
        closed = true;
        while (!pending.isEmpty()) {
            var all = pending.values().toArray(new Pending[0]);
            pending.clear();
            for (Pending p : all) {
                p.timer.cancel();
                failSafely(p.callback);
            }
        }
    }

    private void failSafely(Callback callback) {
        try {
            callback.onFailure();
        } catch (RuntimeException e) {
            metrics.dropped("internal_error");
        }
    }

    private void transmit(Pending p, long timeout) {
        p.attempts++;
        metrics.sent(p.request.type(), p.bytes.length);
        env.send(p.to, p.bytes);
        p.timer = env.schedule(timeout, () -> onTimeout(p, timeout));
    }

    private void onTimeout(Pending p, long lastTimeout) {
        if (pending.get(p.txId) != p) return;
        metrics.timeout(p.request.type());
        if (p.attempts <= p.retries) {
            transmit(p, Math.min(2 * lastTimeout, maxTimeout));
            return;
        }
        pending.remove(p.txId);
        failSafely(p.callback);
    }

    private long freshTxId() {
        long id;
        do {
            id = env.random().nextLong();
        } while (id == 0 || pending.containsKey(id));
        return id;
    }

    /** Whether {@code response} is the kind of message that answers {@code request}. */
    static boolean answers(Message request, Message response) {
        if (response instanceof Message.Error) return true;
        return switch (request.type()) {
            case PING -> response instanceof Message.Pong;
            case FIND_NODE -> response instanceof Message.Nodes;
            case FIND_VALUE -> response instanceof Message.Value;
            case STORE -> response instanceof Message.StoreResult;
            case GET_NEIGHBOURS -> response instanceof Message.Neighbours;
            default -> false;
        };
    }

    private static final class Pending {
        final long txId;
        final Message request;
        final InetSocketAddress to;
        final byte[] bytes;
        final Callback callback;
        final long sentAt;
        final int retries;
        int attempts;
        Cancellable timer = () -> {};

        Pending(long txId, Message request, InetSocketAddress to, byte[] bytes, Callback callback, long sentAt,
                int retries) {
            this.txId = txId;
            this.request = request;
            this.to = to;
            this.bytes = bytes;
            this.callback = callback;
            this.sentAt = sentAt;
            this.retries = retries;
        }
    }
}
