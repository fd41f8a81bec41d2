package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;

/**
 * A DHT node: Kademlia routing and a Chord ring over one id space, driven entirely by the
 * {@link Environment} it is handed. It never blocks and never reads a clock of its own, so
 * the same class runs over real UDP and inside the simulator.
 *
 * <p>Not thread-safe: every method must be called on the environment's thread. Futures
 * returned here complete on that thread.
 */
public final class Node implements DatagramHandler {
    private final Environment env;
    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final Id id;
    private final SelfRecord self;
    private final RoutingTable table;
    private final RingNeighbours ring;
    private final RpcEngine rpc;
    private final TokenIssuer tokens;
    private final Admission admission;
    private final Responder responder;
    private final Lookups lookups;
    private final Maintenance maintenance;
    private final Records records;
    private final SourceRateLimiter limiter;
    /** Sizes for the metrics gauges, which are read from other threads. */
    private volatile int contactCount;
    private volatile int ringCount;
    private boolean started;
    private boolean closed;
    private Joiner joiner;

    /**
     * @param advertised the address to put in this node's record: the bound address, or a
     *     wildcard address when unknown (then it is learned from PONGs)
     * @param checks how signatures are verified ({@link SignatureChecks#standard()}, or
     *     memoising wrappers in the simulator)
     */
    public Node(Environment env, NodeConfig config, Identity identity, InetSocketAddress advertised,
                NodeMetrics metrics, SignatureChecks checks) {
        this(env, config, identity, advertised, false, metrics, checks);
    }

    /**
     * As above; {@code fixedAddress} makes {@code advertised} final: the address the operator
     * says this node is reached at (a public address in front of a NAT), never replaced by what
     * peers report.
     */
    public Node(Environment env, NodeConfig config, Identity identity, InetSocketAddress advertised,
                boolean fixedAddress, NodeMetrics metrics, SignatureChecks checks) {
        this.env = Objects.requireNonNull(env, "env");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.self = new SelfRecord(identity, advertised, fixedAddress);
        this.id = self.record().id();
        this.table = new RoutingTable(id, config.routing());
        this.ring = new RingNeighbours(id, config.successorListSize());
        this.rpc = new RpcEngine(env, config, metrics);
        this.tokens = new TokenIssuer(env.random(), config.tokenPeriodMillis(), env.now());
        this.admission = new Admission(this, table, ring, metrics, checks.nodeRecords());
        this.records = new Records(this, new RecordValidator(config.maxValueBytes(), checks.records()));
        this.responder = new Responder(this);
        this.limiter = new SourceRateLimiter(config.requestsPerSecondPerSource(), 2 * config.requestsPerSecondPerSource());
        this.lookups = new Lookups(this);
        this.maintenance = new Maintenance(this);
        metrics.registerNode(() -> contactCount, () -> ringCount);
        metrics.registerRecords(records.store()::size, records.store()::bytes);
    }

    /** A node that verifies every signature with Ed25519. */
    public Node(Environment env, NodeConfig config, Identity identity, InetSocketAddress advertised,
                NodeMetrics metrics) {
        this(env, config, identity, advertised, metrics, SignatureChecks.standard());
    }

    // ---- life cycle ---------------------------------------------------------

    /**
     * Joins through {@code bootstrap} (or starts a new network when it is empty) and starts
     * the maintenance timers. Fails with {@link JoinException} when no bootstrap node lets it in.
     */
    public CompletableFuture<JoinResult> start(List<InetSocketAddress> bootstrap) {
        if (started) throw new IllegalStateException("node " + id.shortHex() + " was started already");
        started = true;
        maintenance.start();
        joiner = new Joiner(this, List.copyOf(bootstrap));
        return joiner.run();
    }

    /**
     * What each bootstrap node did in the latest join round: "no answer", "answered", or
     * "answered but refused: why"; empty before {@link #start} and for a new network.
     */
    public java.util.Map<InetSocketAddress, String> joinOutcomes() {
        return joiner == null ? java.util.Map.of() : joiner.outcomes();
    }

    /** Stops timers and fails outstanding requests; later datagrams are ignored. Idempotent. */
    public void close() {
        if (closed) return;
        closed = true;
        maintenance.stop();
        rpc.close();
        metrics.close();
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- operations ---------------------------------------------------------

    /** The k nodes closest to {@code key} by XOR (this node included when it is one of them). */
    public CompletableFuture<LookupOutcome> findClosest(Id key) {
        if (closed) return closedFuture();
        return lookups.closest(key);
    }

    /** The first live node clockwise from {@code key} on the ring. */
    public CompletableFuture<LookupOutcome> findSuccessor(Id key) {
        if (closed) return closedFuture();
        return lookups.successor(key);
    }

    /** Pings {@code address}; completes with the contact that answered (its record verified). */
    public CompletableFuture<Contact> ping(InetSocketAddress address) {
        if (closed) return closedFuture();
        CompletableFuture<Contact> result = new CompletableFuture<>();
        rpc.request(address, tx -> new Message.Ping(tx, id, self.record()), new RpcEngine.Callback() {
            @Override
            public void onResponse(Message response, long rtt) {
                onPong(response, address);
                if (response instanceof Message.Pong pong) {
                    result.complete(Contact.seen(pong.sender(), address, now()));
                } else {
                    result.completeExceptionally(new IllegalStateException(
                            "node at " + address + " answered the ping with an error: " + response));
                }
            }

            @Override
            public void onFailure() {
                result.completeExceptionally(new java.util.concurrent.TimeoutException(
                        "no answer to ping from " + address));
            }
        });
        return result;
    }

    /**
     * Stores {@code record} at the k nodes closest to its key for the configured record
     * lifetime, as-is (no local validation: every holder judges it and says why it refused).
     */
    public CompletableFuture<PutResult> put(SignedRecord record) {
        if (closed) return closedFuture();
        return records.put(record, config.recordLifetimeMillis(), -1, false);
    }

    /** As {@link #put(SignedRecord)}, to be kept for {@code lifetimeMillis} instead of the default. */
    public CompletableFuture<PutResult> put(SignedRecord record, long lifetimeMillis) {
        if (closed) return closedFuture();
        if (lifetimeMillis <= 0) throw new IllegalArgumentException("lifetime must be > 0 ms, got " + lifetimeMillis);
        return records.put(record, lifetimeMillis, -1, false);
    }

    /**
     * As {@link #put(SignedRecord)} with compare-and-swap: holders store it only if they hold
     * seq {@code expectedSeq}. {@code own} makes this node refresh it every replicate interval.
     */
    public CompletableFuture<PutResult> put(SignedRecord record, long expectedSeq, boolean own) {
        if (closed) return closedFuture();
        return records.put(record, config.recordLifetimeMillis(), expectedSeq, own);
    }

    /**
     * Signs {@code value} with {@code identity} under {@code salt} with the next seq and puts
     * it as its owner (refreshed while this node runs). {@code expectedSeq} ≥ 0 makes it a
     * compare-and-swap on that seq; −1 for none.
     */
    public CompletableFuture<PutResult> publish(Identity identity, byte[] salt, byte[] value, long expectedSeq) {
        if (closed) return closedFuture();
        return records.publish(identity, salt, value, expectedSeq);
    }

    /** The record under {@code key} with the highest valid seq any holder has. */
    public CompletableFuture<GetResult> get(Id key) {
        if (closed) return closedFuture();
        return records.get(key);
    }

    /** Records held here (a snapshot). */
    public List<StoredRecord> storedRecords() {
        return records.store().snapshot(now());
    }

    private <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new IllegalStateException("node " + id.shortHex() + " is closed"));
    }

    // ---- what a node looks like from outside ---------------------------------

    public Id id() {
        return id;
    }

    /** This node as a contact: its id and advertised address. */
    public Contact selfContact() {
        return Contact.seen(id, self.address(), now());
    }

    public NodeRecord selfRecord() {
        return self.record();
    }

    /** A snapshot of the routing table's contacts. */
    public List<Contact> contacts() {
        return table.contacts();
    }

    public java.util.Optional<Contact> successor() {
        return ring.successor();
    }

    public java.util.Optional<Contact> predecessor() {
        return ring.predecessor();
    }

    public List<Contact> successors() {
        return ring.successors();
    }

    public NodeConfig config() {
        return config;
    }

    // ---- receive path -------------------------------------------------------

    @Override
    public void onDatagram(InetSocketAddress from, byte[] datagram) {
        if (closed) return;
        metrics.received(datagram.length);
        Message message;
        try {
            message = MessageCodec.decode(datagram);
        } catch (MalformedMessageException e) {
            metrics.dropped(e.reason().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        try {
            metrics.receivedMessage(message.type());
            if (message.sender().equals(id)) {
                metrics.dropped("own_id");
            } else if (message.type().isResponse()) {
                if (!rpc.onResponse(from, message)) metrics.dropped("unsolicited");
            } else if (!limiter.allow(from.getAddress(), env.now())) {
                metrics.dropped("rate_limited");
            } else {
                responder.answer(from, message);
            }
        } catch (RuntimeException e) {
            // a bug of ours must not let a remote kill the receive path
            metrics.dropped("internal_error");
        }
    }

    /**
     * A PONG (or an error in its place) arrived from {@code from} to a PING of ours. Returns why
     * its sender was not admitted, or null when it was (or the answer was no PONG).
     */
    RecordRefusal onPong(Message response, InetSocketAddress from) {
        if (!(response instanceof Message.Pong pong)) return null;
        if (self.observed(pong.observed(), from)) {
            metrics.selfAddressChanged();
        }
        return admission.onRecord(pong.nodeRecord(), pong.sender(), from, true);
    }

    // ---- for the collaborators in this package ------------------------------

    /** The table or ring changed: refresh the sizes the gauges read. */
    void viewChanged() {
        contactCount = table.size();
        ringCount = ring.successors().size() + (ring.predecessor().isPresent() ? 1 : 0);
    }

    long now() {
        return env.now();
    }

    Environment env() {
        return env;
    }

    NodeMetrics metrics() {
        return metrics;
    }

    RpcEngine rpc() {
        return rpc;
    }

    RoutingTable table() {
        return table;
    }

    RingNeighbours ring() {
        return ring;
    }

    TokenIssuer tokens() {
        return tokens;
    }

    Admission admission() {
        return admission;
    }

    Responder responder() {
        return responder;
    }

    Records records() {
        return records;
    }

    Lookups lookups() {
        return lookups;
    }

    Maintenance maintenance() {
        return maintenance;
    }

    @Override
    public String toString() {
        return "Node[" + id.shortHex() + " at " + self.address() + "]";
    }
}
