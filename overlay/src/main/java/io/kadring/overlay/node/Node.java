package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.DropReason;
import io.kadring.overlay.wire.Interner;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.NetworkSizeEstimator;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementLimits;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.HeldAnnouncement;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A DHT node: Kademlia routing and a Chord ring over one id space, driven entirely by the
 * {@link Environment} it is handed. It never blocks and never reads a clock of its own, so
 * the same class runs over real UDP and inside the simulator.
 *
 * <p>Here the parts are wired together: requests from others go to one {@link RequestHandler}
 * per message type; what this node does itself (join, lookups, put, get, stabilize, republish,
 * hand-off) are {@link Procedure}s that {@link Procedures} runs; admission's events are
 * dispatched to whoever acts on them.
 *
 * <p>Not thread-safe: every method must be called on the environment's thread. Futures
 * returned here complete on that thread.
 */
public final class Node implements DatagramHandler {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());
    /**
     * Every {@code reason} of {@code kadring.datagrams.dropped}, declared at start: the codec's,
     * admission's, and the node's own (a test checks that none other is ever counted).
     */
    static final List<String> DROP_REASONS;
    /** Every {@code reason} of {@code kadring.records.rejected}: the store's, and a STORE that did not decode. */
    static final List<String> REJECT_REASONS;

    static {
        List<String> drops = new java.util.ArrayList<>();
        for (DropReason r : DropReason.values()) drops.add(NodeMetrics.tagValue(r));
        for (RecordRefusal r : RecordRefusal.values()) drops.add(r.metricReason());
        drops.addAll(List.of("own_id", "unsolicited", "rate_limited", "internal_error", "reply_budget", "amplification",
                "invalid_record", "client_mode", "invalid_announcement", "announcements_out_of_order",
                "listen_quota", "listen_budget", "listen_bad_token", "listen_refused", "unsolicited_update"));
        DROP_REASONS = drops.stream().distinct().toList();
        List<String> rejects = new java.util.ArrayList<>();
        for (RejectReason r : RejectReason.values()) rejects.add(NodeMetrics.tagValue(r));
        rejects.add("malformed");
        REJECT_REASONS = List.copyOf(rejects);
    }
    /** Contacts asked in each stabilize round who follows us: what merges two rings (a healed partition). */
    private static final int RING_PROBES = 2;
    private final Environment env;
    private final NodeConfig config;
    private final NodeMetrics metrics;
    private final Id id;
    private final LocalNode local;
    private final SelfRecord self;
    private final RoutingTable table;
    private final RingNeighbours ring;
    private final RpcEngine rpc;
    private final Admission admission;
    private final Procedures procedures;
    private final RecordValidator validator;
    private final RecordStore store;
    private final Lookups lookups;
    private final BackgroundWork background;
    private final Republisher republisher;
    private final AnnouncementStore announcements;
    private final Announcer announcer;
    private final Predicate<Announcement> announcementSignatures;
    private final Maintenance maintenance;
    private final SourceRateLimiter limiter;
    private final ReplyLimit replyLimit;
    private final Interner interner;
    private final ListenerTable listeners;
    private final Subscriptions subscriptions = new Subscriptions();
    private final NetworkSize sizes = new NetworkSize();
    private final IsolationWatch isolation;
    /** The request being answered: its source, sender and size, for {@link #reply}. */
    private InetSocketAddress answering;
    private Id answeringSender;
    private int answeringBytes;
    private final Map<Message.Type, RequestHandler> handlers = new EnumMap<>(Message.Type.class);
    /** Sizes for the metrics gauges, which are read from other threads. */
    private volatile int contactCount;
    private volatile int ringCount;
    private volatile long sizeEstimate = 1;
    private boolean started;
    private boolean closed;
    private JoinProcedure join;
    private StabilizeProcedure stabilizing;

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
        this(env, config, identity, advertised, fixedAddress, metrics, checks, Interner.NONE);
    }

    /**
     * As above; {@code interner} shares the ids, addresses and node records this node decodes
     * with whatever else uses it (the simulator's nodes share one, {@link Interner#NONE} otherwise).
     */
    public Node(Environment env, NodeConfig config, Identity identity, InetSocketAddress advertised,
                boolean fixedAddress, NodeMetrics metrics, SignatureChecks checks, Interner interner) {
        this.interner = Objects.requireNonNull(interner, "interner");
        this.env = Objects.requireNonNull(env, "env");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.self = new SelfRecord(identity, advertised, fixedAddress, config.defences().addressQuorum(),
                config.exemptPrivate(), Math.max(1, env.epochMillis()));
        this.id = self.record().id();
        this.table = new RoutingTable(id, config.routing());
        this.ring = config.defences().ringDiversity()
                ? new RingNeighbours(id, config.routing())
                : new RingNeighbours(id, config.successorListSize());
        this.local = new LocalNode(id, config, metrics, env::now, env::schedule, env.random());
        TokenIssuer tokens = new TokenIssuer(env.random(), config.tokenPeriodMillis(), env.now());
        this.admission = new Admission(local, self, table, ring, checks.nodeRecords(), new AdmissionEvents());
        this.rpc = new RpcEngine(env, config, metrics);
        this.procedures = new Procedures(rpc, admission, local);
        this.validator = new RecordValidator(config.maxValueBytes(), checks.records());
        this.store = new RecordStore(config.store().withSourceQuotas(config.defences().sourceQuotas()), local.clock(),
                validator, stored -> onNewVersion(stored.record()));
        KnownContacts known = new KnownContacts(table, ring, local.clock());
        this.limiter = new SourceRateLimiter(config.requestsPerSecondPerSource(),
                2 * config.requestsPerSecondPerSource(), config.exemptLoopback(), id.hashCode());
        this.lookups = new Lookups(local, this::selfContact, table, ring, known, admission, self::record, rpc::patience,
                sizes);
        this.isolation = new IsolationWatch(config.isolationAlarmMillis());
        this.background = new BackgroundWork(procedures, local);
        this.republisher = new Republisher(local, store, table, background, new RecordWork());
        this.maintenance = new Maintenance(local, table, new Rounds());
        this.announcementSignatures = checks.announcements();
        this.announcements = new AnnouncementStore(AnnouncementLimits.defaults(), announcementSignatures);
        this.announcer = new Announcer(local, background, this::newAnnounce);
        this.replyLimit = new ReplyLimit(config.unverifiedRepliesPerSecond(), env.now());
        Outbox outbox = this::reply;
        this.listeners = new ListenerTable(local, rpc::send);
        handlers.put(Message.Type.PING, new PingHandler(id, self::record, outbox, admission,
                config.defences().boundedSignatures()));
        handlers.put(Message.Type.FIND_NODE,
                new FindNodeHandler(local, this::selfContact, self::record, outbox, tokens, known, table, ring,
                        admission));
        handlers.put(Message.Type.GET_NEIGHBOURS, new NeighboursHandler(id, outbox, ring));
        handlers.put(Message.Type.NOTIFY, new NotifyHandler(ring, admission, local.clock()));
        handlers.put(Message.Type.FIND_VALUE, new FindValueHandler(local, outbox, tokens, store, known));
        handlers.put(Message.Type.STORE, new StoreHandler(local, outbox, tokens, store));
        handlers.put(Message.Type.ANNOUNCE, new AnnounceHandler(local, outbox, tokens, announcements));
        handlers.put(Message.Type.GET_ANNOUNCEMENTS, new GetAnnouncementsHandler(local, outbox, announcements));
        handlers.put(Message.Type.LISTEN, new ListenHandler(local, outbox, tokens, listeners, store));
        handlers.put(Message.Type.UPDATE, new UpdateHandler(local, subscriptions));
        metrics.declare(List.of(Message.Type.values()),
                java.util.Arrays.stream(Message.Type.values()).filter(t -> t.answeredBy() != null).toList(),
                DROP_REASONS, REJECT_REASONS, List.of(LookupKind.values()), List.of(Operation.values()));
        metrics.registerNode(() -> contactCount, () -> ringCount);
        metrics.registerRecords(store::size, store::bytes);
        metrics.registerHealth(() -> isolation.alarmed() ? 1 : 0, () -> sizeEstimate);
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
        if (bootstrap.isEmpty()) {
            return CompletableFuture.completedFuture(new JoinResult(true, 0, ring.successor()));
        }
        List<InetSocketAddress> given = List.copyOf(bootstrap);
        return join(() -> given);
    }

    /**
     * Joins through the addresses {@code bootstrap} gives at the start of each join round (bootstrap
     * names resolved anew each time: {@code overlay.vertx.BootstrapResolver}); never a new network.
     * It is called on the node's thread and must not block.
     */
    public CompletableFuture<JoinResult> start(Supplier<List<InetSocketAddress>> bootstrap) {
        if (started) throw new IllegalStateException("node " + id.shortHex() + " was started already");
        started = true;
        maintenance.start();
        return join(bootstrap);
    }

    private CompletableFuture<JoinResult> join(Supplier<List<InetSocketAddress>> bootstrap) {
        join = new JoinProcedure(() -> {
            List<InetSocketAddress> round = bootstrap.get();
            self.trust(round); // the PONG of a bootstrap we chose tells us our address
            return round;
        }, local, self::record, lookups, table);
        return procedures.run(join).thenApply(rounds -> {
            isolation.joined(now());
            stabilize(); // so that the ring takes us in
            viewChanged();
            return new JoinResult(false, table.size(), ring.successor());
        });
    }

    /**
     * What each bootstrap node did in the latest join round: "no answer", "answered", or
     * "answered but refused: why"; empty before {@link #start} and for a new network.
     */
    public Map<InetSocketAddress, String> joinOutcomes() {
        return join == null ? Map.of() : join.outcomes();
    }

    /** Stops timers and fails outstanding requests; later datagrams are ignored. Idempotent. */
    public void close() {
        if (closed) return;
        closed = true;
        maintenance.stop();
        announcer.stop();
        background.stop();
        procedures.close();
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
        return Operation.LOOKUP.counted(metrics, procedures.run(lookups.closest(key)), Node::lookupOutcome);
    }

    /** The first live node clockwise from {@code key} on the ring. */
    public CompletableFuture<LookupOutcome> findSuccessor(Id key) {
        if (closed) return closedFuture();
        return Operation.SUCCESSOR.counted(metrics, procedures.run(lookups.successor(key)), Node::lookupOutcome);
    }

    /** Pings {@code address}; completes with the contact that answered (its record verified). */
    public CompletableFuture<Contact> ping(InetSocketAddress address) {
        if (closed) return closedFuture();
        return procedures.run(PingProcedure.address(address, id, self::record)).thenCompose(reply -> {
            if (reply instanceof Message.Pong pong) {
                return CompletableFuture.completedFuture(Contact.seen(pong.sender(), address, now()));
            }
            return CompletableFuture.failedFuture(reply == null
                    ? new TimeoutException("no answer to ping from " + address)
                    : new IllegalStateException("node at " + address + " answered the ping with an error: " + reply));
        });
    }

    /**
     * Stores {@code record} at the k nodes closest to its key for the configured record
     * lifetime, as-is (no local validation: every holder judges it and says why it refused).
     */
    public CompletableFuture<PutResult> put(SignedRecord record) {
        if (closed) return closedFuture();
        return put(record, config.recordLifetimeMillis(), -1, false);
    }

    /** As {@link #put(SignedRecord)}, to be kept for {@code lifetimeMillis} instead of the default. */
    public CompletableFuture<PutResult> put(SignedRecord record, long lifetimeMillis) {
        if (closed) return closedFuture();
        if (lifetimeMillis <= 0) throw new IllegalArgumentException("lifetime must be > 0 ms, got " + lifetimeMillis);
        return put(record, lifetimeMillis, -1, false);
    }

    /**
     * As {@link #put(SignedRecord)} with compare-and-swap: holders store it only if they hold
     * seq {@code expectedSeq}. {@code own} makes this node refresh it every replicate interval.
     */
    public CompletableFuture<PutResult> put(SignedRecord record, long expectedSeq, boolean own) {
        if (closed) return closedFuture();
        return put(record, config.recordLifetimeMillis(), expectedSeq, own);
    }

    private CompletableFuture<PutResult> put(SignedRecord record, long lifetime, long expectedSeq, boolean own) {
        return Operation.PUT.counted(metrics, procedures.run(newPut(record, lifetime, expectedSeq)).thenApply(result -> {
            if (own && result.stored() > 0) republisher.own(record, lifetime);
            return result;
        }), Node::putOutcome);
    }

    private static NodeMetrics.Outcome lookupOutcome(LookupOutcome o) {
        return o.contacts().isEmpty() ? NodeMetrics.Outcome.FAILED : NodeMetrics.Outcome.SUCCESS;
    }

    private static NodeMetrics.Outcome putOutcome(PutResult r) {
        return r.succeeded() ? NodeMetrics.Outcome.SUCCESS : NodeMetrics.Outcome.FAILED;
    }

    /**
     * Signs {@code value} with {@code identity} under {@code salt} with the next seq and puts
     * it as its owner (refreshed while this node runs). {@code expectedSeq} ≥ 0 makes it a
     * compare-and-swap on that seq; −1 for none.
     */
    public CompletableFuture<PutResult> publish(Identity identity, byte[] salt, byte[] value, long expectedSeq) {
        if (closed) return closedFuture();
        Id key = SignedRecord.mutableKey(identity.publicKey(), salt);
        long lifetime = config.recordLifetimeMillis();
        PublishProcedure publish = new PublishProcedure(identity, salt, value, expectedSeq,
                republisher.nextOwnSeq(key), expectedSeq >= 0 ? null : newGet(key),
                record -> newPut(record, lifetime, expectedSeq));
        return Operation.PUT.counted(metrics, procedures.run(publish).thenApply(result -> {
            if (result.stored() > 0) republisher.own(publish.signed(), lifetime);
            return result;
        }), Node::putOutcome);
    }

    /**
     * Deletes the record of {@code identity} under {@code salt}: puts a tombstone with the next
     * seq as its owner (refreshed while this node runs, in place of the value), so holders drop
     * the value and refuse older seqs ({@code RejectReason.DELETED}) while they keep it.
     */
    public CompletableFuture<PutResult> delete(Identity identity, byte[] salt) {
        if (closed) return closedFuture();
        Id key = SignedRecord.mutableKey(identity.publicKey(), salt);
        long lifetime = config.recordLifetimeMillis();
        PublishProcedure delete = PublishProcedure.delete(identity, salt, republisher.nextOwnSeq(key), newGet(key),
                record -> newPut(record, lifetime, -1));
        return procedures.run(delete).thenApply(result -> {
            if (result.stored() > 0) republisher.own(delete.signed(), lifetime);
            return result;
        });
    }

    /** The record under {@code key} with the highest valid seq any holder has. */
    public CompletableFuture<GetResult> get(Id key) {
        if (closed) return closedFuture();
        return Operation.GET.counted(metrics, procedures.run(newGet(key)),
                r -> r.record().isPresent() ? NodeMetrics.Outcome.SUCCESS : NodeMetrics.Outcome.NOT_FOUND);
    }

    /**
     * A replica check: which of the k nodes closest to {@code key} hold which seq of its record,
     * asked with a lookup and then one FIND_VALUE each.
     */
    public CompletableFuture<ReplicaReport> replicas(Id key) {
        if (closed) return closedFuture();
        return procedures.run(new ReplicaProcedure(local, store, validator, lookups.closest(key)));
    }

    /** Whether this node is in client mode ({@link NodeConfig#clientMode()}). */
    public boolean isClient() {
        return config.clientMode();
    }

    /**
     * Listens to {@code key} until cancelled: {@code consumer} hears, on this node's thread, the
     * record the holders have now and then every newer seq (a tombstone included), each once and
     * in increasing seq order. The holders are the k closest, found again every few minutes.
     */
    public ListenHandle listen(Id key, Consumer<SignedRecord> consumer) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(consumer, "consumer");
        if (closed) throw new IllegalStateException("node " + id.shortHex() + " is closed");
        ListenProcedure listen = new ListenProcedure(key, local, validator,
                (k, tokens) -> lookups.closest(k, tokens, List.of()), consumer);
        subscriptions.add(listen);
        store.get(key, now()).ifPresent(s -> listen.offerLocal(s.record()));
        procedures.run(listen).whenComplete((done, failure) -> subscriptions.remove(listen));
        return new ListenHandle(listen, subscriptions);
    }

    /** A put stored a new version here: its listeners, remote and local, hear of it. */
    private void onNewVersion(SignedRecord record) {
        listeners.onNewVersion(record, now());
        subscriptions.onLocal(record);
    }

    /** Records held here (a snapshot). */
    public List<StoredRecord> storedRecords() {
        return store.snapshot(now());
    }

    /**
     * Announces {@code announcement} (signed by its announcer) at the k nodes closest to its topic
     * key, and announces it again every 15 minutes while this node runs, until {@code lifetimeMillis}
     * from now have passed (Long.MAX_VALUE: for as long as it runs). Each announce asks the holders
     * to keep it 30 minutes, or what is left of the lifetime when less.
     */
    public CompletableFuture<PutResult> announce(Announcement announcement, long lifetimeMillis) {
        if (closed) return closedFuture();
        if (lifetimeMillis <= 0) throw new IllegalArgumentException("lifetime must be > 0 ms, got " + lifetimeMillis);
        long now = now();
        long until = now + Math.min(lifetimeMillis, Long.MAX_VALUE - now);
        return procedures.run(newAnnounce(announcement, Announcer.firstLifetime(until, now))).thenApply(result -> {
            if (result.stored() > 0) announcer.own(announcement, until);
            return result;
        });
    }

    /** Signs {@code payload} under {@code topic} with {@code announcer} and the next seq, and announces it. */
    public CompletableFuture<PutResult> announce(Identity announcer, Id topic, byte[] payload, long lifetimeMillis) {
        if (closed) return closedFuture();
        long seq = this.announcer.nextSeq(topic, announcer.publicKey(), env.epochMillis());
        return announce(Announcement.sign(announcer, topic, seq, payload), lifetimeMillis);
    }

    /** Up to {@code max} distinct announcers' entries under {@code topic}, from the holders closest to it. */
    public CompletableFuture<AnnouncementsResult> announcements(Id topic, int max) {
        if (closed) return closedFuture();
        return procedures.run(new AnnouncementsProcedure(topic, max, local, announcements, announcementSignatures,
                lookups::closest));
    }

    /** Announcements held here under {@code topic} (a snapshot). */
    public List<HeldAnnouncement> heldAnnouncements(Id topic) {
        return announcements.all(topic, now());
    }

    private AnnounceProcedure newAnnounce(Announcement announcement, long lifetime) {
        return new AnnounceProcedure(announcement, lifetime, local, announcements,
                (key, tokens) -> lookups.closest(key, tokens, List.of()));
    }

    private <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new IllegalStateException("node " + id.shortHex() + " is closed"));
    }

    private PutProcedure newPut(SignedRecord record, long lifetime, long expectedSeq) {
        return PutProcedure.put(record, lifetime, expectedSeq, local, store,
                (key, tokens) -> lookups.closest(key, tokens, List.of()));
    }

    private GetProcedure newGet(Id key) {
        return new GetProcedure(key, store.get(key, now()), validator, local,
                query -> lookups.xor(key, LookupKind.VALUE, List.of(), query));
    }

    /** PINGs {@code contact}: a failure, an error or another node at its address makes it pay. */
    private void checkAlive(Contact contact) {
        procedures.run(PingProcedure.contact(contact, id, self::record, admission));
    }

    /** Chord's stabilize round, unless one is running. */
    private void stabilize() {
        // a client is on no one's ring: its NOTIFYs would be ignored
        if (closed || config.clientMode() || (stabilizing != null && !stabilizing.isDone())) return;
        stabilizing = new StabilizeProcedure(id, ring, table::contacts, admission, ringProbes());
        procedures.run(stabilizing);
    }

    /** Two distinct contacts of the table at random, asked in each stabilize round who follows us. */
    private List<Contact> ringProbes() {
        List<Contact> contacts = table.contacts();
        if (contacts.size() <= RING_PROBES) return contacts;
        int first = env.random().nextInt(contacts.size());
        int second = (first + 1 + env.random().nextInt(contacts.size() - 1)) % contacts.size();
        return List.of(contacts.get(first), contacts.get(second));
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

    /** The latest lookups this node finished (at most {@link NodeConfig#recentLookups()}), newest first. */
    public List<RecentLookup> recentLookups() {
        return local.lookups().newestFirst();
    }

    public Optional<Contact> successor() {
        return ring.successor();
    }

    public Optional<Contact> predecessor() {
        return ring.predecessor();
    }

    public List<Contact> successors() {
        return ring.successors();
    }

    /**
     * How many nodes this node thinks the network has: the median of what its latest node lookups
     * and its own table say ({@link NetworkSize}).
     */
    public long networkSizeEstimate() {
        int k = config.k();
        return sizes.estimate(NetworkSizeEstimator.estimate(id, table.closest(id, k), k, 1), now());
    }

    /**
     * Whether the node is isolated: it believes it is in a network, yet no contact of its
     * routing table has answered it for {@link NodeConfig#isolationAlarmMillis()}.
     */
    public boolean isolated() {
        return isolation.isolated(now());
    }

    /** Milliseconds since a contact of the routing table last answered; -1 before the node joined anyone. */
    public long contactSilenceMillis() {
        return isolation.silenceMillis(now());
    }

    public NodeConfig config() {
        return config;
    }

    /** Requests waiting for an answer (for tests). */
    int outstandingRequests() {
        return rpc.outstanding();
    }

    // ---- receive path -------------------------------------------------------

    @Override
    public void onDatagram(InetSocketAddress from, byte[] datagram) {
        if (closed) return;
        Message message;
        try {
            message = MessageCodec.decode(datagram, interner);
        } catch (MalformedMessageException e) {
            metrics.received(null, datagram.length);
            metrics.dropped(e.reason());
            MessageCodec.Header header = MessageCodec.header(datagram);
            if (header != null && header.type() == Message.Type.STORE && limiter.allow(from.getAddress(), env.now())) {
                refuseStore(from, header.txId(), Message.StoreResult.MALFORMED, "malformed");
            }
            return;
        }
        try {
            metrics.received(message.type(), datagram.length);
            metrics.receivedMessage(message.type());
            if (message.sender().equals(id)) {
                metrics.dropped("own_id");
                refuseStore(from, message, RejectReason.UNAVAILABLE);
            } else if (message.type().isResponse()) {
                if (rpc.onResponse(from, message)) {
                    replyLimit.answeredFrom(from, env.now());
                    if (table.contains(message.sender())) isolation.answered(env.now());
                } else {
                    metrics.dropped("unsolicited");
                }
            } else if (!limiter.allow(from.getAddress(), env.now())) {
                metrics.dropped("rate_limited");
                refuseStore(from, message, RejectReason.UNAVAILABLE);
            } else {
                answer(from, message, datagram.length);
            }
        } catch (RuntimeException e) {
            // a bug of ours must not let a remote kill the receive path
            metrics.dropped("internal_error");
            refuseStore(from, message, RejectReason.UNAVAILABLE);
        }
    }

    /** Every STORE that reached the parser is answered: a dropped one with why. */
    private void refuseStore(InetSocketAddress from, Message message, RejectReason reason) {
        if (message instanceof Message.Store) {
            refuseStore(from, message.txId(), reason.code(), NodeMetrics.tagValue(reason));
        }
    }

    private void refuseStore(InetSocketAddress from, long txId, int status, String reason) {
        metrics.recordRejected(reason);
        rpc.send(from, new Message.StoreResult(txId, id, status));
    }

    private void answer(InetSocketAddress from, Message request, int bytes) {
        if (config.clientMode()) {
            // a client answers no one: nobody should ask it (it is in no table); a STORE hears why
            metrics.dropped("client_mode");
            refuseStore(from, request, RejectReason.CLIENT_MODE);
            return;
        }
        // a PING brings its sender's record: its handler gives it to admission; a client is
        // answered like anyone but never admitted
        if (!(request instanceof Message.Ping) && !request.fromClient()) {
            admission.requestFrom(request.sender(), from);
        }
        answering = from;
        answeringSender = request.sender();
        answeringBytes = bytes;
        try {
            handlers.get(request.type()).answer(from, request);
        } finally {
            answering = null;
        }
    }

    /**
     * A handler's answer to the request being answered. With {@link Defences#antiAmplification()}
     * an unverified source gets at most {@link ReplyLimit#FACTOR}× its request's bytes, within a
     * budget shared by all such sources.
     */
    private void reply(InetSocketAddress to, Message message) {
        if (!config.defences().antiAmplification() || !to.equals(answering)
                || admission.isVouchedFor(answeringSender, to) || replyLimit.answeredLately(to, now())) {
            rpc.send(to, message);
        } else if (message instanceof Message.StoreResult || message instanceof Message.Listening) {
            // a few bytes answering a STORE of hundreds; a LISTENING that carries a record only
            // answers a valid token, which proved the address: no budget needed
            rpc.send(to, message);
        } else if (!replyLimit.takeBudget(now())) {
            metrics.dropped("reply_budget");
        } else {
            Message fitted = ReplyLimit.fit(message, ReplyLimit.FACTOR * answeringBytes);
            if (fitted == null) {
                metrics.dropped("amplification");
            } else {
                rpc.send(to, fitted);
            }
        }
    }

    // ---- dispatch ------------------------------------------------------------

    /** The table or ring changed: refresh the sizes the gauges read. */
    private void viewChanged() {
        contactCount = table.size();
        ringCount = ring.successors().size() + (ring.predecessor().isPresent() ? 1 : 0);
    }

    /** Raises or lowers the isolation alarm, with a log line when it changes. */
    private void checkIsolation() {
        long now = now();
        switch (isolation.check(now)) {
            case ISOLATED -> LOG.log(System.Logger.Level.WARNING, "node " + id.shortHex()
                    + " is isolated: no contact of its routing table has answered for "
                    + isolation.silenceMillis(now) / 1000 + " s (" + table.size() + " contacts in the table)");
            case RECOVERED -> LOG.log(System.Logger.Level.INFO, "node " + id.shortHex()
                    + " hears from its contacts again");
            case NONE -> { }
        }
    }

    private long now() {
        return env.now();
    }

    /** Admission's events, to whoever acts on them. */
    private final class AdmissionEvents implements Admission.Events {
        @Override
        public void verify(InetSocketAddress address) {
            procedures.run(PingProcedure.address(address, id, self::record))
                    .whenComplete((reply, error) -> admission.verified(address));
        }

        @Override
        public void checkAlive(Contact contact) {
            Node.this.checkAlive(contact);
        }

        @Override
        public void newContact(Contact contact) {
            // it may now be among the k closest to some of the records held here
            republisher.onNewContact(contact);
        }

        @Override
        public void viewChanged() {
            Node.this.viewChanged();
        }
    }

    /** The periodic rounds of {@link Maintenance}. */
    private final class Rounds implements Maintenance.Rounds {
        @Override
        public void stabilize() {
            Node.this.stabilize();
        }

        @Override
        public void checkPredecessor() {
            ring.predecessor().ifPresent(this::checkAlive);
        }

        @Override
        public void checkAlive(Contact contact) {
            Node.this.checkAlive(contact);
        }

        @Override
        public void refresh(int bucket) {
            procedures.run(lookups.closest(id.randomInBucket(bucket, env.random())));
        }

        @Override
        public void republish() {
            republisher.republish();
        }

        @Override
        public void tidy() {
            store.cleanUp(); // expire records exactly on time, between puts too
            announcements.cleanUp(now());
            listeners.expireAll(now());
            viewChanged();
            sizeEstimate = networkSizeEstimate();
            checkIsolation();
        }
    }

    /** The procedures of keeping records alive. */
    private final class RecordWork implements Republisher.Work {
        @Override
        public PutProcedure put(SignedRecord record, long lifetime) {
            return newPut(record, lifetime, -1);
        }

        @Override
        public PutProcedure replicate(Id key) {
            return PutProcedure.replicate(key, local, store, (k, tokens) -> lookups.closest(k, tokens, List.of()));
        }

        @Override
        public HandOffProcedure handOff(Contact to, Id key) {
            return new HandOffProcedure(to, key, id, store);
        }
    }

    @Override
    public String toString() {
        return "Node[" + id.shortHex() + " at " + self.address() + "]";
    }
}
