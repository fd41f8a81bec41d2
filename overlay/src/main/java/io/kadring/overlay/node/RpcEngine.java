package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests and their responses. Each request gets a random 64-bit transaction id; a
 * response is accepted only with that id, from the address the request went to, and of
 * the type that answers the request. A request that is not answered in time is sent
 * again (the same bytes) up to {@code retries} times with a doubled timeout, then
 * reported as failed. Timeouts adapt per address ({@link RttEstimator}).
 */
final class RpcEngine {

    /** Hears what became of every request: exactly one of the two per request, once. */
    interface Listener {
        void onReply(Request request, Object context, Message reply);

        void onFailure(Request request, Object context);
    }

    private final Environment env;
    private final NodeMetrics metrics;
    private final NodeConfig config;
    private final RttEstimator rtt;
    private final boolean pad;
    /** {@link NodeConfig#clientMode()}: every datagram says so ({@link Message#CLIENT} as its sender). */
    private final boolean client;
    /** Made anew when it empties after a burst: a HashMap keeps the table of its busiest moment. */
    private Map<Long, Pending> pending = new HashMap<>();
    /** Most requests outstanding since {@link #pending} was made. */
    private int peak;
    private Listener listener;
    private boolean closed;

    /**
     * With {@link Defences#antiAmplification} the requests whose answers are large are padded:
     * the node asked may not have verified our address, and would then cut its answer to 3× the
     * request's bytes. Whether it has cannot be known here (knowing it is not knowing them), and
     * padding only requests to strangers left answers cut (lookups 98.9% exact against 100%).
     */
    RpcEngine(Environment env, NodeConfig config, NodeMetrics metrics) {
        this.env = env;
        this.metrics = metrics;
        this.config = config;
        this.pad = config.defences().antiAmplification();
        this.client = config.clientMode();
        this.rtt = new RttEstimator(config.rpcTimeoutMinMillis(), config.rpcTimeoutMaxMillis(),
                config.rpcTimeoutInitialMillis());
    }

    /** Who hears the outcomes; set once, before the first request. */
    void listen(Listener listener) {
        this.listener = listener;
    }

    /**
     * Sends {@code request} with a fresh transaction id, retried as it says; its outcome goes
     * to the listener with {@code context}. On a closed engine it fails at once.
     */
    void request(Request request, Object context) {
        if (closed) {
            failSafely(request, context); // a closed node sends nothing; whoever waits hears at once
            return;
        }
        long txId = freshTxId();
        Message message = request.message(txId);
        byte[] bytes = pad && MessageCodec.isPaddable(message.type())
                ? MessageCodec.encodePadded(message) : MessageCodec.encode(message);
        if (client) MessageCodec.asClient(bytes);
        int tries = request.retries() == Request.DEFAULT_RETRIES ? config.rpcRetries() : request.retries();
        Pending p = new Pending(txId, message, request, context, bytes, env.now(), tries);
        pending.put(txId, p);
        peak = Math.max(peak, pending.size());
        transmit(p, rtt.timeout(request.to()));
    }

    /** Sends a one-way request (NOTIFY) with a fresh transaction id; nothing waits for an answer. */
    void sendOneWay(Request request) {
        if (!closed) send(request.to(), request.message(freshTxId()));
    }

    /** Sends a message that expects no answer (a response, or NOTIFY). */
    void send(InetSocketAddress to, Message message) {
        if (closed) return;
        byte[] bytes = MessageCodec.encode(message);
        if (client) MessageCodec.asClient(bytes);
        metrics.sent(message.type(), bytes.length);
        env.send(to, bytes);
    }

    /**
     * Offers a decoded response. Returns false when it answers no outstanding request of
     * ours from that address (late, duplicated or spoofed): the caller counts and drops it.
     */
    boolean onResponse(InetSocketAddress from, Message response) {
        Pending p = pending.get(response.txId());
        if (p == null || !p.request.to().equals(from) || !answers(p.message, response)) {
            return false;
        }
        forget(p);
        p.timer.cancel();
        long elapsed = env.now() - p.sentAt;
        if (p.attempts == 1) {
            rtt.sample(from, elapsed); // Karn: only unambiguous samples
            metrics.roundTrip(elapsed);
        }
        try {
            listener.onReply(p.request, p.context, response);
        } catch (RuntimeException e) {
            metrics.dropped("internal_error");
        }
        return true;
    }

    /** How long a live node at {@code address} usually takes to answer ({@link RttEstimator#patience}). */
    long patience(InetSocketAddress address) {
        return rtt.patience(address);
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
                failSafely(p.request, p.context);
            }
        }
    }

    private void failSafely(Request request, Object context) {
        try {
            listener.onFailure(request, context);
        } catch (RuntimeException e) {
            metrics.dropped("internal_error");
        }
    }

    private void transmit(Pending p, long timeout) {
        p.attempts++;
        metrics.sent(p.message.type(), p.bytes.length);
        env.send(p.request.to(), p.bytes);
        p.timer = env.schedule(timeout, () -> onTimeout(p, timeout));
    }

    private void onTimeout(Pending p, long lastTimeout) {
        if (pending.get(p.txId) != p) return;
        metrics.timeout(p.message.type());
        if (p.attempts <= p.retries) {
            transmit(p, Math.min(2 * lastTimeout, config.rpcTimeoutMaxMillis()));
            return;
        }
        forget(p);
        failSafely(p.request, p.context);
    }

    /** {@code p} is over: no longer outstanding. */
    private void forget(Pending p) {
        pending.remove(p.txId);
        if (pending.isEmpty() && peak > IdleSet.FRESH_ROOM) {
            pending = new HashMap<>();
            peak = 0;
        }
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
        return response instanceof Message.Error || response.type() == request.type().answeredBy();
    }

    private static final class Pending {
        final long txId;
        final Message message;
        final Request request;
        final Object context;
        final byte[] bytes;
        final long sentAt;
        final int retries;
        int attempts;
        Cancellable timer = () -> {};

        Pending(long txId, Message message, Request request, Object context, byte[] bytes, long sentAt,
                int retries) {
            this.txId = txId;
            this.message = message;
            this.request = request;
            this.context = context;
            this.bytes = bytes;
            this.sentAt = sentAt;
            this.retries = retries;
        }
    }
}
