package io.kadring.bootstrap.peer;

import io.kadring.bootstrap.admin.AdminServer;
import io.kadring.bootstrap.admin.AdminSettings;
import io.kadring.bootstrap.admin.PeerFacts;
import io.kadring.bootstrap.state.ContactsFile;
import io.kadring.bootstrap.state.DataDir;
import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.crypto.Identity;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.JoinResult;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.StoredRecord;
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
import java.util.Optional;
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
 * records in the data directory, the admin API on 127.0.0.1, Prometheus metrics (the node's
 * {@code kadring.*} meters and the JVM's), and the contacts and the records it holds saved every
 * few minutes and at {@link #close()}.
 *
 * <p>Saved records come back after a restart: read and re-validated at start (the invalid and
 * the expired are dropped and counted), then, once the node has joined, put back at the k
 * closest nodes with what remains of their lifetime, which stores them here too when this node
 * is among those k. A peer still joining after {@link #RESTORE_WITHOUT_JOIN} (every node it
 * knew is gone, say) puts them back with what it knows by then, at least into its own store,
 * and hands them on to the nodes it meets later. Until then the records file is left as it is.
 *
 * <p>Joining keeps trying while no bootstrap node answers; the peer serves meanwhile. It stops
 * on {@link #close()}, or by itself when its UDP port cannot be bound ({@link #terminated()}
 * then fails with the reason).
 */
public final class PeerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProcess.class);
    /** Saved contacts tried when rejoining, freshest first: enough to find one alive. */
    private static final int REJOIN_CANDIDATES = 16;
    private static final Duration STEP_LIMIT = Duration.ofSeconds(3);
    /** How long saved records wait for the join before they are put back regardless. */
    static final Duration RESTORE_WITHOUT_JOIN = Duration.ofSeconds(5);

    private final PeerSettings settings;
    private final ContactsFile contactsFile;
    private final RecordsFile recordsFile;
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
    /** Whether the saved records have been put back, so that saving may replace the file. */
    private volatile boolean recordsRestored;
    private final AtomicBoolean restoreStarted = new AtomicBoolean();
    private CompletableFuture<JoinResult> joined;
    private AdminServer admin;

    private PeerProcess(PeerSettings settings, DataDir dataDir, Identity identity, List<InetSocketAddress> joinThrough) {
        this.settings = settings;
        this.contactsFile = dataDir.contacts();
        this.recordsFile = dataDir.records();
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.node = KadringNode.builder()
                .host(settings.host())
                .port(settings.port())
                .bootstrap(joinThrough)
                .identity(identity)
                .config(settings.node())
                .meterRegistry(registry)
                .vertx(vertx)
                .build();
    }

    /**
     * Opens the data directory, binds the admin API, then starts the node: returns once the
     * admin API is up, while the node binds and joins. Throws when the data directory, the
     * identity or the admin port is unusable (the message says which and why).
     */
    public static PeerProcess start(PeerSettings settings) throws IOException {
        return start(settings, RESTORE_WITHOUT_JOIN);
    }

    /** As {@link #start(PeerSettings)}; saved records wait {@code restoreWithoutJoin} at most for the join. */
    static PeerProcess start(PeerSettings settings, Duration restoreWithoutJoin) throws IOException {
        DataDir dataDir = DataDir.open(settings.dataDir());
        Identity identity = dataDir.identity();
        List<Contact> saved = dataDir.contacts().read();
        RecordsFile.Loaded records = dataDir.records().read(System.currentTimeMillis());
        if (records.records().size() + records.expired() + records.invalid() > 0) {
            LOG.info("read {} saved record{} from {}; dropped {} expired and {} invalid", records.records().size(),
                    records.records().size() == 1 ? "" : "s", dataDir.records().path(), records.expired(),
                    records.invalid());
        }
        Id self = Id.fromPublicKey(identity.publicKey());
        Set<InetSocketAddress> through = new LinkedHashSet<>();
        saved.stream().filter(c -> !c.id().equals(self)).limit(REJOIN_CANDIDATES).forEach(c -> through.add(c.address()));
        int savedCount = through.size();
        through.addAll(settings.bootstrap());

        PeerProcess peer = new PeerProcess(settings, dataDir, identity, List.copyOf(through));
        try {
            peer.admin = AdminServer.start(peer.vertx, AdminSettings.forHost(settings.adminHost(), settings.adminPort(), settings.adminTokenPath()),
                    peer.node, peer.registry, peer.new Facts());
        } catch (IOException | RuntimeException e) {
            peer.release();
            throw e;
        }
        LOG.info("node {} starting: udp {}:{}, admin API http://127.0.0.1:{}, data in {}", self.toHex(),
                settings.host(), settings.port(), peer.admin.port(), dataDir.root());
        peer.run(List.copyOf(through), savedCount, records, restoreWithoutJoin);
        return peer;
    }

    private void run(List<InetSocketAddress> through, int savedCount, RecordsFile.Loaded records,
                     Duration restoreWithoutJoin) {
        joined = node.start();
        new JoinProgress(node, through, savedCount, chores).follow(joined);
        joined.whenComplete((result, failure) -> {
            if (failure == null) {
                phase = result.newNetwork() ? PeerFacts.ALONE : PeerFacts.JOINED;
                restoreRecords(records, false);
            } else if (!closing.get()) {
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                LOG.error("{}; stopping", cause.getMessage());
                // not on the node's thread: closing waits for that thread's work to finish
                Thread stop = new Thread(() -> stop(cause), "kadring-stop");
                stop.start();
            }
        });
        if (records.records().isEmpty()) {
            recordsRestored = true; // nothing to wait for: what it comes to hold may be saved
        } else {
            chores.schedule(() -> {
                if (!joined.isDone()) restoreRecords(records, true);
            }, restoreWithoutJoin.toMillis(), TimeUnit.MILLISECONDS);
        }
        long every = settings.saveInterval().toMillis();
        chores.scheduleWithFixedDelay(() -> {
            saveContacts();
            saveRecords();
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Puts the saved records back at the k closest nodes, each with what remains of its lifetime
     * (a record already held there is only refreshed, never shortened), once: when the node has
     * joined, or {@code stillJoining} after {@link #RESTORE_WITHOUT_JOIN}. Logs how it went.
     */
    private void restoreRecords(RecordsFile.Loaded records, boolean stillJoining) {
        if (!restoreStarted.compareAndSet(false, true)) return;
        if (records.records().isEmpty()) {
            recordsRestored = true;
            return;
        }
        if (stillJoining) {
            LOG.info("still joining: putting the {} saved record{} back with the nodes known so far",
                    records.records().size(), records.records().size() == 1 ? "" : "s");
        }
        long now = System.currentTimeMillis();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        int expired = 0;
        try {
            for (RecordsFile.Saved saved : records.records()) {
                long remaining = saved.remainingMillis(now);
                if (remaining <= 0) {
                    expired++;
                } else {
                    puts.add(node.put(saved.record(), Duration.ofMillis(remaining)));
                }
            }
        } catch (IllegalStateException notRunning) {
            // not bound yet (the join may still call again) or closing; the file stays as it was
            if (puts.isEmpty()) restoreStarted.set(false);
            return;
        }
        int expiredMeanwhile = expired;
        Id self = node.id();
        CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
            int here = 0;
            int elsewhere = 0;
            int failed = 0;
            for (CompletableFuture<PutResult> put : puts) {
                if (put.isCompletedExceptionally()) {
                    failed++;
                    continue;
                }
                PutResult result = put.join();
                boolean storedHere = result.outcomes().stream().anyMatch(o -> o.holder().id().equals(self)
                        && o.status() == PutResult.Status.STORED);
                if (storedHere) here++;
                if (result.stored() > (storedHere ? 1 : 0)) elsewhere++;
            }
            LOG.info("restored {} saved record{}: {} held here again, {} stored at other nodes{}{}", puts.size(),
                    puts.size() == 1 ? "" : "s", here, elsewhere,
                    expiredMeanwhile == 0 ? "" : "; " + expiredMeanwhile + " expired before they could be restored",
                    failed == 0 ? "" : "; " + failed + " could not be put back");
            recordsRestored = true;
        });
    }

    /** The node's id. */
    public Id id() {
        return node.id();
    }

    /** The UDP address the node is bound to; throws while it is not bound yet. */
    public InetSocketAddress udpAddress() {
        return node.localAddress();
    }

    /** The admin API's port on 127.0.0.1. */
    public int adminPort() {
        return admin.port();
    }

    /** Completes when the node has joined (or started a new network). */
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
            LOG.warn("could not save contacts to {}: {}", contactsFile.path(), e.toString());
        }
        return 0;
    }

    /**
     * Saves the records this node holds, each with its expiry as wall-clock time, and returns how
     * many; -1 while the saved records have not been put back yet (the file stays as it was).
     * Failures are logged, never thrown.
     */
    int saveRecords() {
        if (!recordsRestored) return -1;
        try {
            List<StoredRecord> held = node.storedRecords().get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long now = node.nowMillis();
            long wall = System.currentTimeMillis();
            List<RecordsFile.Saved> saved = new ArrayList<>(held.size());
            for (StoredRecord s : held) {
                long remaining = s.remainingLifetime(now);
                if (remaining > 0) saved.add(new RecordsFile.Saved(s.record(), wall + remaining));
            }
            recordsFile.write(saved);
            LOG.debug("saved {} records to {}", saved.size(), recordsFile.path());
            return saved.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // not bound any more: nothing to save
        } catch (Exception e) {
            LOG.warn("could not save records to {}: {}", recordsFile.path(), e.toString());
        }
        return -1;
    }

    /**
     * Stops: the admin API stops accepting requests, the contacts and records are saved, the node closes
     * (its UDP port is free once this returns) and so does everything else. Idempotent; waits a
     * few seconds at most per step.
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
        int records = saveRecords();
        release();
        LOG.info("stopped{}{}", saved == 0 ? "" : "; saved " + saved + " contacts to " + contactsFile.path(),
                records < 0 ? "" : (saved == 0 ? "; saved " : " and ") + records + " record" + (records == 1 ? "" : "s")
                        + " to " + recordsFile.path());
        if (reason == null) {
            terminated.complete(null);
        } else {
            terminated.completeExceptionally(reason);
        }
    }

    /** Closes the node, the metrics and Vert.x, waiting a bounded time for each. */
    private void release() {
        await(node.closeAsync());
        gcMetrics.close();
        registry.close();
        chores.shutdownNow();
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    private static void await(CompletableFuture<?> step) {
        try {
            step.get(STEP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("a step of stopping did not finish cleanly: {}", e.toString());
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
