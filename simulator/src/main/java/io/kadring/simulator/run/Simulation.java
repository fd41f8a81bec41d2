package io.kadring.simulator.run;

import io.kadring.crypto.Identity;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.overlay.node.Node;
import io.kadring.overlay.node.NodeConfig;
import io.kadring.overlay.node.SignatureChecks;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.simulator.EventLoop;
import io.kadring.simulator.Seeds;
import io.kadring.simulator.SimEnvironment;
import io.kadring.simulator.SimNetwork;
import io.kadring.simulator.Traffic;
import io.kadring.simulator.churn.ChurnDriver;
import io.kadring.simulator.churn.MassFailure;
import io.kadring.simulator.churn.SessionTime;
import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.TimeSeries;
import io.kadring.storage.Announcement;
import io.kadring.storage.SignedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Runs the production node code over the simulated network in virtual time: builds the
 * network (nodes join through a random node already in, one after another, then in waves
 * that grow with the network), then runs the
 * workload (lookups of both kinds, puts and gets of signed records) for the configured
 * duration, with churn and a mass failure if asked, and checks every lookup against the
 * ground truth. Same seed, same report (wall time and heap aside).
 */
public final class Simulation {
    private static final long PROGRESS_AFTER_SECONDS = 3;
    private static final long SLICE_MILLIS = 10_000;
    /**
     * A stop is looked for this often within a slice: a simulated second of 100,000 nodes takes
     * about 25 s of wall time, a slice minutes, and a Ctrl-C waits at most a minute for the outputs.
     */
    private static final long STOP_CHECK_MILLIS = 1_000;
    /** Beyond this many nodes started, the build starts one per this many in each join spacing. */
    static final int JOIN_WAVE_NODES = 1_000;
    /** After the workload: the final gets' time to finish. */
    private static final long DRAIN_MILLIS = 120_000;

    private final SimulationConfig config;
    private final EventLoop loop = new EventLoop();
    private final Seeds seeds;
    private final SimNetwork network;
    private final SignatureChecks checks;
    /** What every node decodes about a remote node, shared between them. */
    private final Flyweights flyweights;
    /** The honest nodes up and joined: what lookups are judged against. */
    private final GroundTruth truth = new GroundTruth();
    /** Every node up and joined, adversaries too: the ring as it should be. */
    private final GroundTruth everyone = new GroundTruth();
    private Hostiles hostiles;
    private int hostileJoined;
    private long healAt = -1;
    private int roundsToSingleRing = -1;
    /** Honest nodes whose successor was not their true one at the last ring check. */
    private int wrongSuccessors;
    private final LookupStats afterHeal = new LookupStats();
    private final MessageCounts counts = new MessageCounts();
    private ChurnDriver<SimPeer> churn;
    private final List<SimPeer> live = new ArrayList<>();
    private final RandomGenerator choices;
    private final Workload workload;
    /** What client-mode nodes run with (the nodes' config in client mode). */
    private final NodeConfig clientConfig;
    /** What the other nodes run with: the nodes' config. */
    private final NodeConfig nodeConfig;
    /** Ids of every client-mode node started, for the checks that none is taken in. */
    private final java.util.Set<Id> clientIds = new java.util.HashSet<>();
    private int clients;
    private long answersNamingClients;
    private final TimeSeries liveNodes = new TimeSeries();
    private final TimeSeries messagesSent = new TimeSeries();
    private final TimeSeries joins = new TimeSeries();
    private final TimeSeries leaves = new TimeSeries();
    private final Appendable progress;
    private double lastProgress;
    /** Set by {@link #stop()} (another thread: a Ctrl-C): the run ends at the next slice. */
    private volatile boolean stopRequested;
    /** The wall time the workload started at, for the progress line's estimate of what is left. */
    private double wallAtWorkload = -1;
    private int spawned;
    private long workloadStart;
    private long end;

    public Simulation(SimulationConfig config) {
        this(config, null);
    }

    /**
     * @param progress where a progress line goes every few seconds for runs longer than a few
     *     seconds (a {@code PrintStream} such as {@code System.err}, or a {@code Writer}); null for none
     */
    public Simulation(SimulationConfig config, Appendable progress) {
        this.config = config;
        this.progress = progress;
        this.seeds = new Seeds(config.seed());
        this.network = new SimNetwork(loop, Latencies.parse(config.latency()).get(), seeds.random("network"));
        network.setLossRate(config.loss());
        this.choices = seeds.random("choices");
        this.checks = memoised();
        this.flyweights = new Flyweights();
        this.workload = new Workload(this);
        this.nodeConfig = simulated(config.node());
        this.clientConfig = nodeConfig.toBuilder().clientMode(true).build();
    }

    /** Signature checks are pure functions of the bytes: each distinct one is verified once. */
    private static SignatureChecks memoised() {
        Map<NodeRecord, Boolean> nodeRecords = new HashMap<>();
        Map<SignedRecord, Boolean> records = new HashMap<>();
        Map<Announcement, Boolean> announcements = new HashMap<>();
        return new SignatureChecks(
                r -> nodeRecords.computeIfAbsent(r, NodeRecord::verify),
                r -> records.computeIfAbsent(r, SignedRecord::verifySignature),
                a -> announcements.computeIfAbsent(a, Announcement::verifySignature));
    }

    /** {@code c} for a simulated node: no log of recent lookups, which nothing reads here (~1–4 KB a node). */
    static NodeConfig simulated(NodeConfig c) {
        return c.recentLookups() == 0 ? c : c.toBuilder().recentLookups(0).build();
    }

    /**
     * Ends the run early, from any thread (a Ctrl-C): the loop stops at the end of its current
     * slice of simulated time and {@link #run()} returns the report of what ran, marked
     * interrupted (the final drain and record check are left out).
     */
    public void stop() {
        stopRequested = true;
    }

    /** Builds the network, runs the workload, and reports. */
    public SimulationReport run() {
        WallClock wall = new WallClock();
        long heapBefore = usedHeap();
        hostiles = new Hostiles(config, seeds, network, honestIds(),
                config.adversaries().any() ? workload.plannedKeys(honestCount()) : List.of());
        build(wall);
        long heapAfterBuild = perNode(usedHeap() - heapBefore);

        workloadStart = loop.now() + 2 * config.node().stabilizeIntervalMillis();
        end = workloadStart + config.durationMillis();
        loop.scheduleAt(workloadStart, this::startWorkload);
        sample(workloadStart);
        wallAtWorkload = wall.seconds();
        runUntil(end, wall);
        long interruptedAt = stopRequested ? loop.now() : -1;
        workload.stop();
        if (churn != null) churn.stop(); // the final check reads from nodes that stay up
        NetworkSizeFigures networkSize = networkSize();
        if (interruptedAt < 0) {
            workload.checkRecordsAtEnd(loop.now());
            runUntil(loop.now() + DRAIN_MILLIS, wall); // let the final gets finish; unanswered ones count as not found
        }
        long heapAtEnd = perNode(usedHeap() - heapBefore);
        ClientFigures clientFigures = config.clients()
                ? new ClientFigures(clients, workload.clientLookups(), entriesNamingClients(), answersNamingClients)
                : null;

        Traffic traffic = network.traffic();
        return new SimulationReport(config, loop.now() / 1000.0, wall.seconds(), loop.eventsExecuted(),
                heapAtEnd, heapAfterBuild, workload.lookups(), workload.successorLookups(), workload.records(),
                traffic.messagesSent(), traffic.bytesSent(), liveNodes, messagesSent,
                config.sessionMeanMillis() > 0, counts.sent(), counts.timeouts(), counts.dropped(),
                hostiles.figures(), networkSize, config.partitioned()
                        ? new PartitionFigures(config.partitionAtMillis(), config.partitionForMillis(),
                                network.dropped(io.kadring.simulator.DropCause.PARTITION), roundsToSingleRing, wrongSuccessors, afterHeal)
                        : null, clientFigures, config.replicaCheckIntervalMillis() > 0
                        ? workload.replicaFigures(config.nodes(), config.durationMillis()) : null,
                workload.announcements(), activity(),
                config.listen().any() ? workload.listens(counts.sent().getOrDefault("update", 0L)) : null,
                interruptedAt);
    }

    /** What the live honest nodes think the network's size is, against the nodes up. */
    private NetworkSizeFigures networkSize() {
        long[] estimates = new long[live.size()];
        for (int i = 0; i < estimates.length; i++) estimates[i] = live.get(i).node.networkSizeEstimate();
        int clientsUp = 0;
        for (SimPeer p : live) if (p.client()) clientsUp++;
        // clients are in no table: the network the estimates see is the other nodes
        return NetworkSizeFigures.of(estimates, live.size() - clientsUp + hostiles.count());
    }

    /** Nodes that are not adversaries. */
    private int honestCount() {
        return config.nodes() - config.adversaries().count(config.nodes());
    }

    /** The ids the honest nodes of the build will have (needed only when adversaries sit next to them). */
    private List<Id> honestIds() {
        if (!config.adversaries().any()) return List.of();
        List<Id> ids = new ArrayList<>();
        for (int i = 0; i < honestCount(); i++) ids.add(Id.fromPublicKey(identity(i).publicKey()));
        return ids;
    }

    private Identity identity(int index) {
        byte[] seed = new byte[Identity.SEED_BYTES];
        seeds.random("identity", index).nextBytes(seed);
        return Identity.fromSeed(seed);
    }

    /**
     * Node 0 starts the network; the others join through a random honest node already in,
     * the adversaries spread evenly among them: one every join spacing while fewer than
     * {@link #JOIN_WAVE_NODES} have started, then one per {@link #JOIN_WAVE_NODES} started in
     * each spacing, so that a large network grows by a constant share per spacing (1,000 nodes
     * build in 20 s simulated, 100,000 in about two minutes, not in 2,000 s of ever more nodes).
     */
    private void build(WallClock wall) {
        spawn().node.start(List.of()).thenRun(() -> joined(live.get(0)));
        int n = config.nodes();
        int hostile = hostiles.count();
        int i = 1;
        while (i < n && !stopRequested) {
            loop.runUntil(loop.now() + config.joinSpacingMillis());
            progress(wall, "joining", n);
            for (int wave = joinsPerSpacing(i); wave > 0 && i < n; wave--, i++) {
                boolean isHostile = (long) (i + 1) * hostile / n > (long) i * hostile / n;
                startJoining(isHostile);
            }
        }
        long deadline = loop.now() + 600_000;
        while ((truth.size() + joinedClients() < live.size() || hostileJoined < hostile) && loop.now() < deadline
                && !stopRequested) {
            loop.runUntil(loop.now() + 1_000);
        }
    }

    /** How many nodes start joining in the next join spacing of the build, {@code started} having started. */
    static int joinsPerSpacing(int started) {
        return Math.max(1, started / JOIN_WAVE_NODES);
    }

    /** Spawns the next node of the build and starts its join through a random node that is in. */
    private void startJoining(boolean isHostile) {
        SimPeer via = randomJoined();
        SimPeer peer = isHostile ? hostiles.spawn(hostiles.peers().size(), new MessageCounts(), checks, flyweights) : spawn();
        peer.node.start(List.of(via.env.address())).whenComplete((r, e) -> {
            if (e != null) return;
            if (isHostile) {
                hostileJoined++;
                everyone.add(peer.node.id());
                hostiles.announce(peer);
            } else {
                joined(peer);
            }
        });
    }

    private void startWorkload() {
        if (config.sessionMeanMillis() > 0) {
            churn = new ChurnDriver<>(loop, seeds.random("churn"), honestCount(),
                    SessionTime.exponential(config.sessionMeanMillis()), new ChurnDriver.Population<>() {
                        @Override
                        public SimPeer spawn() {
                            return arrive();
                        }

                        @Override
                        public void kill(SimPeer peer) {
                            crash(peer);
                        }
                    });
            for (SimPeer p : List.copyOf(live)) churn.adopt(p);
            churn.start();
            if (config.killFraction() > 0) {
                churn.schedule(new MassFailure(workloadStart + config.durationMillis() / 2, config.killFraction()));
            }
        } else if (config.killFraction() > 0) {
            loop.scheduleAt(workloadStart + config.durationMillis() / 2, () -> {
                MassFailure failure = new MassFailure(loop.now(), config.killFraction());
                for (SimPeer p : failure.choose(List.copyOf(live), choices)) crash(p);
            });
        }
        for (SimPeer p : List.copyOf(live)) workload.start(p);
        if (config.partitioned()) loop.scheduleAt(workloadStart + config.partitionAtMillis(), this::split);
    }

    /**
     * Splits the nodes up (adversaries too) into two random halves that cannot reach each
     * other until the partition heals; from the heal on, checks the ring every stabilize
     * interval until it is one again.
     */
    private void split() {
        List<SimPeer> all = new ArrayList<>(live);
        all.addAll(hostiles.peers());
        RandomGenerator random = seeds.random("partition");
        for (int i = all.size() - 1; i > 0; i--) java.util.Collections.swap(all, i, random.nextInt(i + 1));
        java.util.Set<java.net.InetSocketAddress> side = new java.util.HashSet<>();
        for (SimPeer p : all.subList(0, all.size() / 2)) side.add(p.env.address());
        healAt = loop.now() + config.partitionForMillis();
        network.partition(side, loop.now(), healAt);
        loop.scheduleAt(healAt, () -> checkRing(0));
    }

    /** Whether every honest live node's successor is its true live successor; if not, again in a stabilize interval. */
    private void checkRing(int round) {
        int wrong = 0;
        for (SimPeer p : live) {
            if (!p.joined) continue;
            java.util.Optional<Contact> s = p.node.successor();
            if (s.isEmpty() || !s.get().id().equals(everyone.after(p.node.id()))) wrong++;
        }
        wrongSuccessors = wrong;
        if (wrong == 0) {
            roundsToSingleRing = round;
        } else if (loop.now() < end) {
            loop.schedule(config.node().stabilizeIntervalMillis(), () -> checkRing(round + 1));
        }
    }

    /** A node arriving under churn: joins through a random node that is in. */
    private SimPeer arrive() {
        SimPeer via = randomJoined();
        SimPeer peer = spawn();
        if (inWorkload()) joins.add(elapsed(), 1);
        peer.node.start(via == null ? List.of() : List.of(via.env.address())).whenComplete((r, e) -> {
            if (e == null && peer.alive()) {
                joined(peer);
                workload.start(peer);
            }
        });
        return peer;
    }

    private SimPeer spawn() {
        int index = spawned++;
        Identity identity = identity(index);
        SimEnvironment env = new SimEnvironment(network, network.newAddress(), seeds.random("node", index));
        // node 0 starts the network, so it is never a client; the draw is the node's own
        boolean client = index > 0 && config.clients() && seeds.random("client", index).nextDouble() < config.clientFraction();
        Node node = new Node(env, client ? clientConfig : nodeConfig, identity, env.address(), false, counts,
                checks, flyweights);
        env.attach(node);
        SimPeer peer = new SimPeer(index, node, env, seeds.random("workload", index));
        if (client) {
            clients++;
            clientIds.add(node.id());
        }
        live.add(peer);
        return peer;
    }

    private void joined(SimPeer peer) {
        if (!peer.alive()) return;
        peer.joined = true;
        if (peer.client()) return; // no one's contact: not among the nodes a lookup should find
        truth.add(peer.node.id());
        everyone.add(peer.node.id());
    }

    void crash(SimPeer peer) {
        if (!peer.alive()) return;
        if (inWorkload()) leaves.add(elapsed(), 1);
        peer.diedAt = loop.now();
        peer.env.crash();
        peer.node.close();
        live.remove(peer);
        truth.remove(peer.node.id());
        everyone.remove(peer.node.id());
        workload.died(peer);
        peer.release();
    }

    /**
     * A random node that has joined and is no client (a client answers no one, so nobody joins
     * through it), or the oldest node up, if few have; null if none is up.
     */
    SimPeer randomJoined() {
        if (live.isEmpty()) return null;
        for (int tries = 0; tries < 64; tries++) {
            SimPeer p = live.get(choices.nextInt(live.size()));
            if (p.joined && !p.client()) return p;
        }
        return live.get(0);
    }

    /** Client-mode nodes up and joined (they are not in the ground truth). */
    private int joinedClients() {
        if (clients == 0) return 0;
        int n = 0;
        for (SimPeer p : live) if (p.client() && p.joined) n++;
        return n;
    }

    /** Table, successor-list and predecessor entries of the live non-client nodes that name a client. */
    private long entriesNamingClients() {
        long n = 0;
        for (SimPeer p : live) {
            if (p.client()) continue;
            for (Contact c : p.node.contacts()) if (clientIds.contains(c.id())) n++;
            for (Contact c : p.node.successors()) if (clientIds.contains(c.id())) n++;
            if (p.node.predecessor().map(c -> clientIds.contains(c.id())).orElse(false)) n++;
        }
        return n;
    }

    long now() {
        return loop.now();
    }

    long elapsed() {
        return Math.max(0, loop.now() - workloadStart);
    }

    long end() {
        return end;
    }

    SimulationConfig config() {
        return config;
    }

    Seeds seeds() {
        return seeds;
    }

    /** The ids lookups are judged against now: the honest nodes up and joined. */
    List<Id> honestTruth() {
        return truth.ids();
    }

    /** The ids of every node up and joined, adversaries too. */
    List<Id> everyoneTruth() {
        return everyone.ids();
    }

    /** The adversaries' nodes. */
    List<SimPeer> adversaries() {
        return hostiles.peers();
    }

    /** Runs the loop to {@code until}, sampling the time series every simulated minute. */
    private void runUntil(long until, WallClock wall) {
        while (loop.now() < until && !stopRequested) {
            long next = Math.min(until, loop.now() + SLICE_MILLIS);
            while (loop.now() < next && !stopRequested) loop.runUntil(Math.min(next, loop.now() + STOP_CHECK_MILLIS));
            if (loop.now() < next) break; // stopped within the slice: its part-minute is left unsampled
            sample(next);
            progress(wall, "of " + clock(until) + ",", -1);
        }
    }

    /** Every two seconds once a run has taken a few: simulated time, nodes, events per second. */
    private void progress(WallClock wall, String stage, int target) {
        double w = wall.seconds();
        if (progress == null || w <= PROGRESS_AFTER_SECONDS || w - lastProgress < 2) return;
        lastProgress = w;
        String nodes = target < 0 ? live.size() + " nodes up" : live.size() + " of " + target + " nodes started";
        try {
            progress.append(String.format(java.util.Locale.ROOT, "  simulated %s %s %s, %.0f events/s%s%n",
                    clock(loop.now()), stage, nodes, loop.eventsExecuted() / w, left(w)));
            if (progress instanceof java.io.Flushable f) f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ", 42% of the workload, about 1m10s left" once the workload runs; "" before. */
    private String left(double wallNow) {
        if (wallAtWorkload < 0 || workloadStart == 0) return "";
        double total = end + DRAIN_MILLIS - workloadStart;
        double done = Math.max(0, loop.now() - workloadStart);
        if (done <= 0) return "";
        double share = Math.min(1, done / total);
        double remaining = (wallNow - wallAtWorkload) / done * (total - done);
        return String.format(java.util.Locale.ROOT, ", %.0f%% of the workload, about %s left", 100 * share,
                Durations.format(1000 * Math.max(1, Math.round(remaining))));
    }

    private boolean inWorkload() {
        return workloadStart > 0 && loop.now() >= workloadStart && loop.now() < end;
    }

    /** Joins and leaves per minute; datagrams per second over each node's life, for the nodes up now. */
    private PeerActivity activity() {
        Histogram load = new Histogram();
        for (SimPeer p : live) {
            long life = loop.now() - p.env.createdAt();
            if (life >= PeerActivity.MIN_LIFE_MILLIS) load.record(Math.round(1e6 * p.env.datagrams() / life));
        }
        return new PeerActivity(joins, leaves, load);
    }

    private long lastMessages;

    /**
     * At the end of each slice of the workload: the nodes up, and the messages sent during the
     * slice, both in the minute the slice ends in. Building, settling and draining are left out.
     */
    private void sample(long at) {
        long sent = network.traffic().messagesSent();
        long slice = sent - lastMessages;
        lastMessages = sent;
        if (loop.now() < workloadStart || at > end) return;
        long t = Math.max(0, at - workloadStart - 1);
        liveNodes.add(t, live.size());
        if (at > workloadStart) messagesSent.add(t, slice);
    }

    static String clock(long millis) {
        long s = millis / 1000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    /** Heap bytes (live, after a full GC) shared out among the nodes up now. */
    private long perNode(long heapBytes) {
        return Math.max(0, heapBytes / Math.max(1, live.size()));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Checks a finished findClosest against the honest truth now: success when the first
     * honest contact of the answer is the true closest honest node; exact when the answer is
     * full (k contacts, or every node there is) and its honest part is the true honest
     * closest, in order, none skipped. With no adversaries: the first contact is the true
     * closest, and the answer is the true k closest.
     */
    void checkClosest(LookupStats stats, Id key, LookupOutcome outcome) {
        checkClosest(stats, key, outcome, true);
    }

    /** As above; {@code overall} says it is a lookup of the run's own (also judged after a heal). */
    void checkClosest(LookupStats stats, Id key, LookupOutcome outcome, boolean overall) {
        if (!clientIds.isEmpty() && overall) {
            for (Contact c : outcome.contacts()) {
                if (clientIds.contains(c.id())) {
                    answersNamingClients++;
                    break;
                }
            }
        }
        List<Id> honest = honest(outcome.contacts());
        List<Id> expected = truth.closest(key, Math.min(config.node().k(), Math.max(1, honest.size())));
        boolean success = !honest.isEmpty() && !expected.isEmpty() && honest.get(0).equals(expected.get(0));
        boolean exact = !honest.isEmpty()
                && outcome.contacts().size() == Math.min(config.node().k(), everyone.size())
                && honest.equals(expected);
        stats.record(elapsed(), success, exact, outcome.hops(), outcome.durationMillis());
        if (overall && healAt >= 0 && loop.now() >= healAt) {
            afterHeal.record(elapsed(), success, exact, outcome.hops(), outcome.durationMillis());
        }
    }

    /**
     * Success (and exact) when the answer is the key's true successor among the live nodes,
     * whoever runs it (an adversary's node that truly follows the key is a real node), or the
     * true honest successor (then only adversaries lie between the key and it: skipping them,
     * e.g. when they answer nothing, is right too). A made-up id, or any other node, fails.
     */
    void checkSuccessor(LookupStats stats, Id key, LookupOutcome outcome) {
        List<Contact> answer = outcome.contacts();
        Id got = answer.isEmpty() ? null : answer.get(0).id();
        boolean success = got != null && everyone.size() > 0
                && (got.equals(everyone.successor(key)) || (truth.size() > 0 && got.equals(truth.successor(key))));
        stats.record(elapsed(), success, success, outcome.hops(), outcome.durationMillis());
    }

    /** The ids of {@code contacts} that are not adversaries', in order. */
    private List<Id> honest(List<Contact> contacts) {
        List<Id> out = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            if (!hostiles.isHostile(c.id())) out.add(c.id());
        }
        return out;
    }

    void schedule(SimPeer peer, long delay, Runnable task) {
        if (peer.alive()) peer.env.schedule(delay, task);
    }

    /** Runs {@code task} after {@code delay} whatever becomes of any node (a check of the workload's). */
    void later(long delay, Runnable task) {
        loop.schedule(delay, task);
    }
}
