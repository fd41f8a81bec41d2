package io.kadring.overlay;

import io.kadring.crypto.Identity;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.node.AnnouncementsResult;
import io.kadring.overlay.node.GetResult;
import io.kadring.overlay.node.JoinResult;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.overlay.node.Node;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.overlay.node.PutResult;
import io.kadring.overlay.node.RecentLookup;
import io.kadring.overlay.node.ReplicaReport;
import io.kadring.overlay.vertx.BootstrapResolver;
import io.kadring.overlay.vertx.VertxEnvironment;
import io.kadring.overlay.wire.Interner;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.HeldAnnouncement;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A kadring node over real UDP, for embedding in an application:
 *
 * <pre>{@code
 * try (KadringNode node = KadringNode.builder().port(7420).bootstrap("203.0.113.5:7420").build()) {
 *     node.start().join();
 *     LookupOutcome closest = node.findClosest(Id.sha256(bytes)).join();
 * }
 * }</pre>
 *
 * <p>Every method may be called from any thread; the work runs on the node's Vert.x context
 * and the futures complete there, so do not block inside stages chained to them.
 */
public final class KadringNode implements AutoCloseable {
    /**
     * The UDP receive buffer the peer process asks for: 4 MiB, for one node per process. Many
     * nodes sharing a few event-loop threads are better off with the OS default (the builder's):
     * a deep buffer there queues requests past their senders' timeouts instead of dropping them.
     */
    public static final int RECOMMENDED_RECEIVE_BUFFER_BYTES = VertxEnvironment.DEFAULT_RECEIVE_BUFFER_BYTES;
    /**
     * Slots of the node's own {@link Interner}: the sources it heard from lately, so that each is
     * one address in its contacts, records and RTT and reply tables rather than a copy per
     * datagram (measured with 200 nodes: see the interner's notes).
     */
    private static final int INTERNED_SOURCES = 128;
    private final Settings settings;
    private VertxEnvironment env;
    private Node node;
    private CompletableFuture<VertxEnvironment> bound;
    private CompletableFuture<JoinResult> started;
    private CompletableFuture<Void> closed;

    private KadringNode(Settings settings) {
        this.settings = settings;
    }

    /** What {@link Builder#build()} was given, fixed for the node's life. */
    private record Settings(String host, int port, List<InetSocketAddress> bootstrap, InetSocketAddress advertise,
                            Identity identity, NodeConfig config, MeterRegistry registry, Vertx vertx,
                            int receiveBufferBytes) {}

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the socket, then joins through the bootstrap nodes (or starts a new network when
     * there are none). Fails with a {@link java.net.BindException} naming the address when
     * the port is taken, or a {@link io.kadring.overlay.node.JoinException} when no bootstrap
     * node answers. Calling it again returns the same future.
     */
    public synchronized CompletableFuture<JoinResult> start() {
        if (closed != null) throw new IllegalStateException("node was closed");
        if (started != null) return started;
        bound = settings.vertx() == null
                ? VertxEnvironment.bindWithOwnVertx(settings.host(), settings.port(), settings.receiveBufferBytes())
                : VertxEnvironment.bind(settings.vertx(), settings.host(), settings.port(), settings.receiveBufferBytes());
        started = bound.thenCompose(e -> {
            synchronized (this) {
                if (closed != null) {
                    throw new IllegalStateException("node was closed while starting");
                }
                env = e;
                Interner interner = Interner.bounded(INTERNED_SOURCES);
                Node n = new Node(e, settings.config(), settings.identity(),
                        settings.advertise() != null ? settings.advertise() : e.localAddress(), settings.advertise() != null,
                        NodeMetrics.of(settings.registry()), io.kadring.overlay.node.SignatureChecks.standard(),
                        interner);
                node = n;
                // every datagram's source is a fresh address, kept by the RTT and reply tables: share it
                e.setHandler((from, datagram) -> n.onDatagram(interner.source(from), datagram));
            }
            List<InetSocketAddress> given = settings.bootstrap();
            if (!BootstrapResolver.needed(given)) {
                return e.supply(() -> node.start(given)).thenCompose(Function.identity());
            }
            // names: resolved before the first round (without waiting on the event loop), again for each
            BootstrapResolver names = new BootstrapResolver(given, e::blocking);
            return names.resolve().handle((found, failure) -> null)
                    .thenCompose(x -> e.supply(() -> node.start(names::forNextRound)))
                    .thenCompose(Function.identity());
        });
        return started;
    }

    /** The k nodes closest to {@code key} by XOR, with the lookup's hops, messages and duration. */
    public CompletableFuture<LookupOutcome> findClosest(Id key) {
        return onNode(key, "key", Node::findClosest);
    }

    /** The first live node clockwise from {@code key} on the ring. */
    public CompletableFuture<LookupOutcome> findSuccessor(Id key) {
        return onNode(key, "key", Node::findSuccessor);
    }

    /** Pings {@code address}; completes with the node that answered, or fails on timeout. */
    public CompletableFuture<Contact> ping(InetSocketAddress address) {
        return onNode(address, "address", Node::ping);
    }

    /**
     * Stores a signed record at the k nodes closest to its key; the result says, per node,
     * whether it stored it, rejected it (and why), or did not answer.
     */
    public CompletableFuture<PutResult> put(SignedRecord record) {
        return onNode(record, "record", Node::put);
    }

    /** As {@link #put(SignedRecord)}, kept for {@code lifetime} (not refreshed by this node). */
    public CompletableFuture<PutResult> put(SignedRecord record, java.time.Duration lifetime) {
        Objects.requireNonNull(record, "record");
        long millis = lifetime.toMillis();
        if (millis <= 0) throw new IllegalArgumentException("lifetime must be positive, got " + lifetime);
        return onNode(n -> n.put(record, millis));
    }

    /**
     * As {@link #put(SignedRecord)} with compare-and-swap: holders store it only if the seq they
     * hold is {@code expectedSeq} (or they hold nothing); −1 for none. For a record signed
     * elsewhere (the private key stays with its owner); not refreshed by this node.
     */
    public CompletableFuture<PutResult> compareAndPut(SignedRecord record, long expectedSeq) {
        Objects.requireNonNull(record, "record");
        return onNode(n -> n.put(record, expectedSeq, false));
    }

    /**
     * Signs {@code value} with {@code publisher} under {@code salt} with the next seq, and
     * puts it; this node refreshes it every replicate interval while it runs.
     * {@code expectedSeq} ≥ 0 makes it a compare-and-swap on that seq; −1 for none.
     */
    public CompletableFuture<PutResult> publish(Identity publisher, byte[] salt, byte[] value, long expectedSeq) {
        Objects.requireNonNull(publisher, "publisher");
        byte[] s = salt == null ? new byte[0] : salt.clone();
        byte[] v = Objects.requireNonNull(value, "value").clone();
        return onNode(n -> n.publish(publisher, s, v, expectedSeq));
    }

    /**
     * Deletes the record of {@code publisher} under {@code salt} (null for none): puts a signed
     * tombstone with the next seq, which holders keep in place of the value for its lifetime and
     * refresh while this node runs; older seqs are refused there ({@code RejectReason.DELETED}).
     * A get then finds the tombstone ({@link SignedRecord#isDeleted()}).
     */
    public CompletableFuture<PutResult> delete(Identity publisher, byte[] salt) {
        Objects.requireNonNull(publisher, "publisher");
        byte[] s = salt == null ? new byte[0] : salt.clone();
        return onNode(n -> n.delete(publisher, s));
    }

    /**
     * Listens to {@code key}: {@code consumer} hears the record the network holds now, then every
     * newer seq (a tombstone included) within seconds of its put, each once and in seq order,
     * until the handle is cancelled. It runs on the node's event loop: it must not block.
     */
    public Listening listen(Id key, java.util.function.Consumer<SignedRecord> consumer) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(consumer, "consumer");
        VertxEnvironment e = running();
        Node n = node;
        CompletableFuture<io.kadring.overlay.node.ListenHandle> handle = e.supply(() -> n.listen(key, consumer));
        return () -> handle.thenAccept(h -> e.execute(h::cancel));
    }

    /** The record under {@code key} with the highest valid seq; empty when none is found. */
    public CompletableFuture<GetResult> get(Id key) {
        return onNode(key, "key", Node::get);
    }

    /**
     * A replica check: how many of the k nodes closest to {@code key} hold the newest seq of its
     * record, and which hold an older one or none ({@link ReplicaReport#meetsQuorum()} against
     * the put quorum).
     */
    public CompletableFuture<ReplicaReport> replicas(Id key) {
        return onNode(key, "key", Node::replicas);
    }

    /** Whether this node runs in client mode ({@link Builder#clientMode(boolean)}). */
    public boolean isClient() {
        return settings.config().clientMode();
    }

    /**
     * Announces a signed announcement at the k nodes closest to its topic key and announces it
     * again every 15 minutes (each keeps it 30 minutes) while this node runs, until
     * {@code lifetime} has passed; null: for as long as the node runs. The result says, per
     * holder, whether it took it (a newer seq replaces the announcer's older entry; an older one
     * is refused, SEQ_TOO_LOW).
     */
    public CompletableFuture<PutResult> announce(Announcement announcement, java.time.Duration lifetime) {
        Objects.requireNonNull(announcement, "announcement");
        long millis = lifetimeMillis(lifetime);
        return onNode(n -> n.announce(announcement, millis));
    }

    /**
     * Signs {@code payload} (at most {@value Announcement#MAX_PAYLOAD_BYTES} bytes) under
     * {@code topic} with {@code announcer} (seq: the clock in ms, past any it used here) and
     * announces it as {@link #announce(Announcement, java.time.Duration)} does.
     */
    public CompletableFuture<PutResult> announce(Identity announcer, Id topic, byte[] payload,
                                                 java.time.Duration lifetime) {
        Objects.requireNonNull(announcer, "announcer");
        Objects.requireNonNull(topic, "topic");
        byte[] p = Objects.requireNonNull(payload, "payload").clone();
        if (p.length > Announcement.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is at most " + Announcement.MAX_PAYLOAD_BYTES + " bytes, got "
                    + p.length);
        }
        long millis = lifetimeMillis(lifetime);
        return onNode(n -> n.announce(announcer, topic, p, millis));
    }

    private static long lifetimeMillis(java.time.Duration lifetime) {
        if (lifetime == null) return Long.MAX_VALUE;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, got " + lifetime);
        }
        return lifetime.compareTo(java.time.Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : lifetime.toMillis();
    }

    /**
     * Up to {@code max} (≥ 1) distinct announcers' entries under {@code topic}, merged from the
     * holders closest to it, in announcer key order.
     */
    public CompletableFuture<AnnouncementsResult> announcements(Id topic, int max) {
        Objects.requireNonNull(topic, "topic");
        if (max < 1) throw new IllegalArgumentException("max must be at least 1, got " + max);
        return onNode(n -> n.announcements(topic, max));
    }

    /** Announcements this node holds for the network under {@code topic} (a snapshot). */
    public CompletableFuture<List<HeldAnnouncement>> heldAnnouncements(Id topic) {
        Objects.requireNonNull(topic, "topic");
        return read(() -> node.heldAnnouncements(topic));
    }

    /** Records this node holds for the network (a snapshot). */
    public CompletableFuture<List<StoredRecord>> storedRecords() {
        return read(() -> node.storedRecords());
    }

    /**
     * The node's clock in milliseconds (monotonic, arbitrary origin): the clock a
     * {@link StoredRecord}'s times are read on, e.g. for {@link StoredRecord#remainingLifetime(long)}.
     */
    public long nowMillis() {
        return running().now();
    }

    /** This node's id (SHA-256 of its public key); known before {@link #start()}. */
    public Id id() {
        return Id.fromPublicKey(settings.identity().publicKey());
    }

    /** The UDP address the node is bound to. */
    public InetSocketAddress localAddress() {
        return running().localAddress();
    }

    /**
     * Datagrams the kernel dropped for this node's UDP port because its receive buffer was full
     * (Linux: /proc/net/udp; the machine's UDP RcvbufErrors where the socket is not listed);
     * empty where the OS does not say.
     */
    public java.util.OptionalLong kernelReceiveDrops() {
        return running().kernelReceiveDrops();
    }

    /** The receive buffer the OS grants the node's socket (SO_RCVBUF as read back); 0 when the OS default was kept. */
    public int receiveBufferBytes() {
        return running().receiveBufferBytes();
    }

    /** A snapshot of the routing table's contacts. */
    public CompletableFuture<List<Contact>> contacts() {
        return read(() -> new ArrayList<>(node.contacts()));
    }

    /**
     * The latest lookups the node finished (its own, for its table, ring and records, and the
     * embedder's), newest first: at most 32.
     */
    public CompletableFuture<List<RecentLookup>> recentLookups() {
        return read(() -> node.recentLookups());
    }

    /** The ring successor, if any. */
    public CompletableFuture<Optional<Contact>> successor() {
        return read(() -> node.successor());
    }

    /** The ring's successor list, closest first. */
    public CompletableFuture<List<Contact>> successors() {
        return read(() -> new ArrayList<>(node.successors()));
    }

    /**
     * The address this node's signed record advertises: the bound address, or once learned
     * from peers, the address they see it at (when bound to a wildcard address).
     */
    public CompletableFuture<InetSocketAddress> advertisedAddress() {
        return read(() -> node.selfRecord().address());
    }

    /**
     * What each bootstrap node did in the latest join round, in the order given: "no answer",
     * "answered", or "answered but refused: why". Empty for a new network.
     */
    public CompletableFuture<java.util.Map<InetSocketAddress, String>> joinOutcomes() {
        return read(() -> node.joinOutcomes());
    }

    /** The ring predecessor, if any. */
    public CompletableFuture<Optional<Contact>> predecessor() {
        return read(() -> node.predecessor());
    }

    /**
     * How many nodes the network has, as this node estimates from how close the nodes its
     * lookups found are to their targets (the median of its latest lookups and its table).
     */
    public CompletableFuture<Long> networkSizeEstimate() {
        return read(() -> node.networkSizeEstimate());
    }

    /**
     * Whether the node is isolated: it joined, yet no contact of its routing table has answered
     * it for the isolation alarm's time ({@link NodeConfig.Builder#isolationAlarm}).
     */
    public CompletableFuture<Boolean> isolated() {
        return read(() -> node.isolated());
    }

    /** Milliseconds since a contact of the routing table last answered; -1 before the node joined anyone. */
    public CompletableFuture<Long> contactSilenceMillis() {
        return read(() -> node.contactSilenceMillis());
    }

    /**
     * Stops the node's timers, closes its socket (the port is free once the future completes)
     * and, if the node created its own Vert.x, that too. Idempotent. Does not wait for a join
     * in progress: that fails with "node closed while joining".
     */
    public synchronized CompletableFuture<Void> closeAsync() {
        if (closed != null) return closed;
        if (bound == null) {
            closed = CompletableFuture.completedFuture(null);
        } else {
            closed = bound.handle((e, failure) -> e).thenCompose(e -> e == null
                    ? CompletableFuture.<Void>completedFuture(null)
                    : closeEnvironment(e));
        }
        return closed;
    }

    private CompletableFuture<Void> closeEnvironment(VertxEnvironment e) {
        Node n;
        synchronized (this) {
            n = node;
        }
        return e.supply(() -> {
            if (n != null) n.close();
            return null;
        }).handle((r, x) -> null).thenCompose(x -> e.closeAsync());
    }

    /**
     * Blocking {@link #closeAsync()}: waits for the socket to be released. Called on a Vert.x
     * thread (e.g. in a stage chained to one of this node's futures) it only starts closing,
     * since waiting there could deadlock.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (!io.vertx.core.Context.isOnVertxThread()) done.join();
    }

    private synchronized VertxEnvironment running() {
        if (env == null || closed != null) {
            throw new IllegalStateException("node is not running: call start() first (and not after close())");
        }
        return env;
    }

    private <T> CompletableFuture<T> onNode(Function<Node, CompletableFuture<T>> call) {
        VertxEnvironment e = running();
        Node n = node;
        return e.supply(() -> call.apply(n)).thenCompose(Function.identity());
    }

    /** {@code call} on the node with {@code argument}, which must not be null ({@code name} says which it is). */
    private <A, T> CompletableFuture<T> onNode(A argument, String name, BiFunction<Node, A, CompletableFuture<T>> call) {
        Objects.requireNonNull(argument, name);
        return onNode(n -> call.apply(n, argument));
    }

    private <T> CompletableFuture<T> read(Supplier<T> read) {
        return running().supply(read);
    }

    /** Settings for a {@link KadringNode}; every one has a default. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 7420;
        private List<InetSocketAddress> bootstrap = List.of();
        private InetSocketAddress advertise;
        private Identity identity;
        private NodeConfig config = NodeConfig.defaults();
        private MeterRegistry registry;
        private Vertx vertx;
        private int receiveBufferBytes = 0;
        private Boolean clientMode;

        private Builder() {}

        /**
         * The UDP receive buffer (SO_RCVBUF) to ask for; default 0, the OS default (the peer
         * process asks for {@link #RECOMMENDED_RECEIVE_BUFFER_BYTES}).
         * Linux grants at most net.core.rmem_max; a smaller grant is logged. A negative value
         * makes {@link #start()} throw.
         */
        public Builder receiveBufferBytes(int bytes) {
            this.receiveBufferBytes = bytes;
            return this;
        }

        /** Address to bind; default 0.0.0.0 (the advertised address is then learned from peers). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** UDP port; default 7420, 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address other nodes reach this one at (a public address in front of a NAT, say);
         * default none: the bound address, or when that is a wildcard, what peers report.
         */
        public Builder advertise(InetSocketAddress advertise) {
            if (advertise != null && (advertise.isUnresolved() || advertise.getAddress().isAnyLocalAddress()
                    || advertise.getPort() == 0)) {
                throw new IllegalArgumentException("the advertised address must be a specific IP address and a port, got "
                        + advertise);
            }
            this.advertise = advertise;
            return this;
        }

        /**
         * Nodes to join through; none starts a new network. An unresolved address
         * ({@link InetSocketAddress#createUnresolved}) is a name: it stands for every address it
         * resolves to, and is resolved again for each join round.
         */
        public Builder bootstrap(List<InetSocketAddress> bootstrap) {
            this.bootstrap = List.copyOf(bootstrap);
            return this;
        }

        /**
         * Nodes to join through as {@code host:port} strings; a name stands for every address it
         * resolves to, resolved for each join round (a Kubernetes headless service, seed hosts).
         */
        public Builder bootstrap(String... hostPorts) {
            List<InetSocketAddress> list = new ArrayList<>();
            for (String hp : hostPorts) list.add(HostPort.parseName(hp));
            this.bootstrap = List.copyOf(list);
            return this;
        }

        /** The node's key pair; default a new random one. */
        public Builder identity(Identity identity) {
            this.identity = Objects.requireNonNull(identity, "identity");
            return this;
        }

        /** Protocol settings; default {@link NodeConfig#defaults()}. */
        public Builder config(NodeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where to record metrics; default none. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** A shared Vert.x to run on (left open on close); default one of the node's own. */
        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /**
         * Client mode (BEP 43's read-only node): lookups, puts and gets as usual, but every
         * request says it comes from a client, so no node takes this one into its routing table
         * or ring, and it stores nothing for others. Overrides {@link NodeConfig#clientMode()}
         * of {@link #config} when called; default: the config's (false).
         */
        public Builder clientMode(boolean client) {
            this.clientMode = client;
            return this;
        }

        public KadringNode build() {
            if (identity == null) identity = Identity.generate();
            if (clientMode != null && clientMode != config.clientMode()) {
                config = config.toBuilder().clientMode(clientMode).build();
            }
            return new KadringNode(new Settings(host, port, bootstrap, advertise, identity, config, registry, vertx,
                    receiveBufferBytes));
        }
    }
}
