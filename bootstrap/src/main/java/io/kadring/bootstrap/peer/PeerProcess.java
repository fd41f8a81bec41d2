package io.kadring.bootstrap.peer;

import io.kadring.bootstrap.admin.AdminServer;
import io.kadring.bootstrap.admin.AdminSettings;
import io.kadring.bootstrap.admin.PeerFacts;
import io.kadring.bootstrap.state.ContactsFile;
import io.kadring.bootstrap.state.DataDir;
import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.bootstrap.state.SavedRecords;
import io.kadring.crypto.Identity;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.JoinResult;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running peer: a {@link KadringNode} on its UDP port, its identity, saved contacts and
 * records in the data directory (locked while it runs), the admin API, Prometheus metrics (the
 * node's {@code kadring.*} meters and the JVM's).
 *
 * <p>Durability. A record the admin API acknowledges is in the records store and forced to
 * disk first ({@link #keep}); the records held for others reach the store within
 * {@link #REPLICA_SAVE_DELAY} (every half second the held records are compared with what was
 * saved, and MVStore commits within a second more). So a peer killed at any moment finds them again:
 * read and re-validated at start (the invalid and the expired are dropped and counted), then,
 * once the node has joined, put back at the k closest nodes with what remains of their
 * lifetime, which stores them here too when this node is among those k. A peer still joining
 * after {@link #RESTORE_WITHOUT_JOIN} puts them back with what it knows by then, at least into
 * its own store. Contacts are saved when the node has joined, every save interval, and at stop.
 * The records published through the admin API are checked for replicas ({@link ReplicaWatch}).
 *
 * <p>Joining keeps trying while no bootstrap node lets it in; the peer serves meanwhile but
 * refuses writes and lookups (phase {@code joining}). It stops on {@link #close()}, or by itself
 * when its UDP port cannot be bound ({@link #terminated()} then fails with the reason).
 */
public final class PeerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProcess.class);
    /** Saved contacts tried when rejoining, freshest first: enough to find one alive. */
    private static final int REJOIN_CANDIDATES = 16;
    private static final Duration STEP_LIMIT = Duration.ofSeconds(3);
    /** How long saved records wait for the join before they are put back regardless. */
    static final Duration RESTORE_WITHOUT_JOIN = Duration.ofSeconds(5);
    /** How soon a restore that found the node not bound yet tries again. */
    private static final Duration NOT_BOUND_RETRY = Duration.ofMillis(200);
    /** The most a record stored here for another node waits to reach the disk. */
    public static final Duration REPLICA_SAVE_DELAY = Duration.ofSeconds(2);
    private static final Duration REPLICA_SCAN = Duration.ofMillis(500);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final PeerSettings settings;
    private final DataDir dataDir;
    private final ContactsFile contactsFile;
    private final SavedRecords savedRecords;
    private final ReplicaSaver replicas;
    /** The periodic replica check of the records published here. */
    private final ReplicaWatch watch;
    private final long startNanos = System.nanoTime();
    private final Vertx vertx = Vertx.vertx();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kadring-chores");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final KadringNode node;
    private volatile String phase = PeerFacts.JOINING;
    private final AtomicBoolean restoreStarted = new AtomicBoolean();
    private CompletableFuture<JoinResult> joined;
    private AdminServer admin;

    private PeerProcess(PeerSettings settings, DataDir dataDir, SavedRecords savedRecords, Identity identity,
                        List<InetSocketAddress> joinThrough) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.contactsFile = dataDir.contacts();
        this.savedRecords = savedRecords;
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.node = KadringNode.builder()
                .host(settings.host())
                .port(settings.port())
                .advertise(settings.advertise())
                .bootstrap(joinThrough)
                .identity(identity)
                .config(settings.node())
                .meterRegistry(registry)
                .vertx(vertx)
                .receiveBufferBytes(settings.receiveBufferBytes())
                .build();
        Gauge.builder("kadring.kernel.receive.drops", this::kernelReceiveDrops)
                .description("Datagrams the kernel dropped for the node's UDP port, its receive buffer being full "
                        + "(Linux /proc/net/udp; machine-wide UDP RcvbufErrors where the socket is not listed)")
                .register(registry);
        String version = PeerProcess.class.getPackage().getImplementationVersion();
        Gauge.builder("kadring.build.info", () -> 1).description("The kadring version this peer runs (value 1)")
                .tag("version", version == null ? "dev" : version).register(registry);
        for (String p : List.of(PeerFacts.JOINING, PeerFacts.JOINED, PeerFacts.ALONE)) {
            Gauge.builder("kadring.phase", () -> phase.equals(p) ? 1 : 0)
                    .description("1 for the phase the peer is in: joining, joined (a network), alone (a network of its own)")
                    .tag("phase", p).register(registry);
        }
        this.replicas = new ReplicaSaver(node, savedRecords);
        this.watch = new ReplicaWatch(node::replicas, (delay, task) -> chores.schedule(task, delay,
                TimeUnit.MILLISECONDS), System::currentTimeMillis, registry);
    }

    /**
     * Opens (and locks) the data directory, binds the admin API, then starts the node: returns
     * once the admin API is up, while the node binds and joins. Throws when the data directory,
     * the identity or the admin port is unusable (the message says which and why).
     */
    public static PeerProcess start(PeerSettings settings) throws IOException {
        return start(settings, RESTORE_WITHOUT_JOIN);
    }

    /** As {@link #start(PeerSettings)}; saved records wait {@code restoreWithoutJoin} at most for the join. */
    static PeerProcess start(PeerSettings settings, Duration restoreWithoutJoin) throws IOException {
        DataDir dataDir = DataDir.open(settings.dataDir());
        SavedRecords savedRecords = null;
        PeerProcess peer;
        RecordsFile.Loaded records;
        List<InetSocketAddress> through;
        int savedCount;
        try {
            Identity identity = dataDir.identity(settings.newIdentity());
            List<Contact> saved = dataDir.contacts().read();
            long now = System.currentTimeMillis();
            savedRecords = dataDir.records(now);
            records = savedRecords.load(now);
            if (records.records().size() + records.expired() + records.invalid() > 0) {
                LOG.info("read {} saved record{} from {}; dropped {} expired and {} invalid", records.records().size(),
                        records.records().size() == 1 ? "" : "s", savedRecords.path(), records.expired(),
                        records.invalid());
            }
            Id self = Id.fromPublicKey(identity.publicKey());
            Set<InetSocketAddress> candidates = new LinkedHashSet<>();
            saved.stream().filter(c -> !c.id().equals(self)).limit(REJOIN_CANDIDATES)
                    .forEach(c -> candidates.add(c.address()));
            savedCount = candidates.size();
            candidates.addAll(settings.bootstrap());
            through = List.copyOf(candidates);
            peer = new PeerProcess(settings, dataDir, savedRecords, identity, through);
        } catch (IOException | RuntimeException e) {
            if (savedRecords != null) savedRecords.close();
            dataDir.close();
            throw e;
        }
        try {
            peer.admin = AdminServer.start(peer.vertx,
                    AdminSettings.forHost(settings.adminHost(), settings.adminPort(), settings.adminTokenPath()),
                    peer.node, peer.registry, peer.new Facts(),
                    record -> peer.keep(record, Duration.ofMillis(settings.node().recordLifetimeMillis())));
        } catch (IOException | RuntimeException e) {
            peer.release();
            throw e;
        }
        LOG.info("node {} starting: udp {}:{}{}, admin API http://{}:{}, data in {}", peer.node.id().toHex(),
                settings.host(), settings.port(),
                settings.advertise() == null ? "" : " advertised as " + settings.advertise(),
                settings.adminHost(), peer.admin.port(), dataDir.root());
        peer.run(through, savedCount, records, restoreWithoutJoin);
        return peer;
    }

    private void run(List<InetSocketAddress> through, int savedCount, RecordsFile.Loaded records,
                     Duration restoreWithoutJoin) {
        replicas.alreadySaved(records.records());
        // a start that fails at once (the port is taken) stops the peer only once the chores
        // below are scheduled: stopping shuts their executor, which would refuse them
        CompletableFuture<Void> scheduled = new CompletableFuture<>();
        joined = node.start();
        new JoinProgress(node, through, savedCount, dataDir.hasHistory(), chores).follow(joined);
        joined.whenComplete((result, failure) -> {
            if (failure == null) {
                phase = result.newNetwork() ? PeerFacts.ALONE : PeerFacts.JOINED;
                chores.execute(this::saveContacts);
                restoreRecords(records, false);
            } else if (!closing.get()) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                LOG.error("{}; stopping", cause.getMessage());
                // not on the node's thread: closing waits for that thread's work to finish
                scheduled.whenComplete((ok, x) -> new Thread(() -> stop(cause), "kadring-stop").start());
            }
        });
        try {
            scheduleChores(records, restoreWithoutJoin);
        } finally {
            scheduled.complete(null);
        }
    }

    private void scheduleChores(RecordsFile.Loaded records, Duration restoreWithoutJoin) {
        if (!records.records().isEmpty()) {
            chores.schedule(() -> {
                if (!joined.isDone()) restoreRecords(records, true);
            }, restoreWithoutJoin.toMillis(), TimeUnit.MILLISECONDS);
        }
        long every = settings.saveInterval().toMillis();
        chores.scheduleWithFixedDelay(this::saveContacts, every, every, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(replicas::scan, REPLICA_SCAN.toMillis(), REPLICA_SCAN.toMillis(),
                TimeUnit.MILLISECONDS);
        long check = ReplicaWatch.INTERVAL.toMillis();
        chores.scheduleWithFixedDelay(watch::round, check, check, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(() -> savedRecords.purgeExpired(System.currentTimeMillis()),
                PURGE_INTERVAL.toMillis(), PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps {@code record}, acknowledged to a user, for {@code lifetime}: completes once it is
     * in the records store and forced to disk, so that it is put back after any crash.
     */
    public CompletableFuture<Void> keep(SignedRecord record, Duration lifetime) {
        long expires = System.currentTimeMillis() + lifetime.toMillis();
        watch.watch(record.key(), expires); // published here: checked for replicas from now on
        return savedRecords.saveDurably(new RecordsFile.Saved(record, expires));
    }

    /**
     * Puts the saved records back at the k closest nodes, each with what remains of its lifetime
     * (a record already held there is only refreshed, never shortened), once: when the node has
     * joined, or {@code stillJoining} after {@link #RESTORE_WITHOUT_JOIN}. Logs how it went.
     */
    private void restoreRecords(RecordsFile.Loaded records, boolean stillJoining) {
        if (records.records().isEmpty() || !restoreStarted.compareAndSet(false, true)) return;
        if (stillJoining) {
            LOG.info("still joining: putting the {} saved record{} back with the nodes known so far",
                    records.records().size(), records.records().size() == 1 ? "" : "s");
        }
        new RecordRestore(node, records.records()).run(() -> {
            // not bound yet: try again in a moment (a join that completes meanwhile restores them)
            restoreStarted.set(false);
            if (closing.get()) return;
            try {
                chores.schedule(() -> {
                    if (!joined.isDone()) restoreRecords(records, true);
                }, NOT_BOUND_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: the records stay on disk for the next start
            }
        });
    }

    /** {@link KadringNode#kernelReceiveDrops()}; NaN while it is not bound or where the OS does not say. */
    private double kernelReceiveDrops() {
        try {
            OptionalLong drops = node.kernelReceiveDrops();
            return drops.isPresent() ? drops.getAsLong() : Double.NaN;
        } catch (IllegalStateException notBound) {
            return Double.NaN;
        }
    }

    /** The node's id. */
    public Id id() {
        return node.id();
    }

    /** The UDP address the node is bound to; throws while it is not bound yet. */
    public InetSocketAddress udpAddress() {
        return node.localAddress();
    }

    /** The admin API's port. */
    public int adminPort() {
        return admin.port();
    }

    /** Completes when the node has joined (or started a network of its own). */
    public CompletableFuture<JoinResult> joined() {
        return joined.copy();
    }

    /** Completes when the peer has stopped: normally after {@link #close()}, exceptionally when it had to stop. */
    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    /** The node, for callers that run it further (e.g. lookups in tests). */
    public KadringNode node() {
        return node;
    }

    /**
     * Saves the routing table's contacts, freshest first, and returns how many. An empty table
     * leaves the file as it was: a peer that never got in must not forget whom it could rejoin
     * through. Failures are logged, never thrown.
     */
    int saveContacts() {
        try {
            List<Contact> contacts = new ArrayList<>(node.contacts().get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
            if (contacts.isEmpty()) return 0;
            contacts.sort(Comparator.comparingLong(Contact::lastSeen).reversed());
            contactsFile.write(contacts);
            LOG.debug("saved {} contacts to {}", contacts.size(), contactsFile.path());
            return contacts.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // not bound (yet, or any more): nothing to save
        } catch (Exception e) {
            LOG.warn("could not save contacts to {}: {}", contactsFile.path(), e.getMessage());
        }
        return 0;
    }

    /**
     * Stops: the admin API stops accepting requests, the contacts and the records held are saved,
     * the node closes (its UDP port is free once this returns) and so does everything else.
     * Idempotent; waits a few seconds at most per step.
     */
    @Override
    public void close() {
        stop(null);
    }

    private void stop(Throwable reason) {
        if (!closing.compareAndSet(false, true)) {
            terminated.handle((v, e) -> null).join();
            return;
        }
        LOG.info("stopping");
        await(admin.closeAsync());
        chores.shutdownNow();
        try {
            chores.awaitTermination(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int saved = saveContacts();
        replicas.scan();
        int records = savedRecords.size();
        release();
        LOG.info("stopped{}; {} record{} in {}", saved == 0 ? "" : "; saved " + saved + " contacts to "
                + contactsFile.path(), records, records == 1 ? "" : "s", savedRecords.path());
        if (reason == null) {
            terminated.complete(null);
        } else {
            terminated.completeExceptionally(reason);
        }
    }

    /** Closes the node, the records store, the metrics, Vert.x and the data directory's lock. */
    private void release() {
        await(node.closeAsync());
        savedRecords.close();
        gcMetrics.close();
        registry.close();
        chores.shutdownNow();
        await(vertx.close().toCompletionStage().toCompletableFuture());
        dataDir.close();
    }

    private static void await(CompletableFuture<?> step) {
        try {
            step.get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("a step of stopping did not finish cleanly: {}", e.getMessage());
        }
    }

    /** What the admin API shows about this process. */
    private final class Facts implements PeerFacts {
        @Override
        public String phase() {
            return phase;
        }

        @Override
        public long uptimeSeconds() {
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        }
    }
}
