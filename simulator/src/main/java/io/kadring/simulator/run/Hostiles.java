package io.kadring.simulator.run;

import io.kadring.crypto.Identity;
import io.kadring.overlay.node.Node;
import io.kadring.overlay.node.SignatureChecks;
import io.kadring.overlay.wire.Interner;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import io.kadring.simulator.Seeds;
import io.kadring.simulator.SimEnvironment;
import io.kadring.simulator.SimNetwork;
import io.kadring.simulator.adversary.Adversaries;
import io.kadring.simulator.adversary.Attack;
import io.kadring.simulator.adversary.HostileEnvironment;
import io.kadring.simulator.adversary.IdGrinder;
import io.kadring.simulator.adversary.Policy;
import io.kadring.simulator.adversary.Sybils;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adversaries of a run, made before the network is built: their identities (ground
 * next to the workload's record keys for eclipse, just after honest ids for sybil-ring,
 * plain otherwise), their addresses (several to a /24, over the configured subnets) and the
 * colluding groups; then each adversary's real node behind its {@link HostileEnvironment}.
 */
final class Hostiles {
    /** Bits beyond log2(N / k) an eclipse id shares with its key: enough to sit among its k closest. */
    static final int EXTRA_ECLIPSE_BITS = 3;

    private final SimulationConfig config;
    private final Seeds seeds;
    private final SimNetwork network;
    private final List<Planned> planned = new ArrayList<>();
    private final Map<Attack, Sybils> groups = new EnumMap<>(Attack.class);
    private final Set<Id> ids = new HashSet<>();
    private final List<HostileEnvironment> environments = new ArrayList<>();
    private final List<SimPeer> peers = new ArrayList<>();
    private final IdGrinder grinder;
    private final List<SimNetwork.Subnet> subnets;
    private final double grindSeconds;
    private final int eclipseBits;

    /** One adversary to be: what it does, who it is, where it listens. */
    private static final int ANNOUNCED_BUCKETS = 12;

    private record Planned(Attack kind, Identity identity, InetSocketAddress address) {
    }

    /**
     * @param honestIds the ids the honest nodes of the build will have, in spawn order
     * @param recordKeys the keys the honest publishers will publish under, the eclipse targets
     */
    Hostiles(SimulationConfig config, Seeds seeds, SimNetwork network, List<Id> honestIds, List<Id> recordKeys) {
        this.config = config;
        this.seeds = seeds;
        this.network = network;
        this.grinder = new IdGrinder(seeds.random("grinding"));
        Adversaries a = config.adversaries();
        int count = a.count(config.nodes());
        int honest = config.nodes() - count;
        eclipseBits = log2Ceil(Math.max(1, config.nodes() / config.node().k())) + EXTRA_ECLIPSE_BITS;
        List<SimNetwork.Subnet> subnets = new ArrayList<>();
        for (int s = 0; s < (count == 0 ? 0 : a.subnets()); s++) subnets.add(network.newSubnet());
        List<Id> sortedHonest = new ArrayList<>(honestIds);
        Collections.sort(sortedHonest);
        List<Id> targets = recordKeys.isEmpty() ? randomKeys(Math.max(1, count)) : recordKeys;

        WallClock wall = new WallClock();
        Map<Attack, Integer> seen = new EnumMap<>(Attack.class);
        Map<Attack, Integer> total = new EnumMap<>(Attack.class);
        for (int j = 0; j < count; j++) total.merge(a.attack().forAdversary(j), 1, Integer::sum);
        for (int j = 0; j < count; j++) {
            Attack kind = a.attack().forAdversary(j);
            int g = seen.merge(kind, 1, Integer::sum) - 1;
            Identity identity = switch (kind) {
                case ECLIPSE -> grinder.near(targets.get(g % targets.size()), eclipseBits);
                case SYBIL_RING -> {
                    int at = (int) ((long) g * sortedHonest.size() / total.get(kind));
                    Id after = sortedHonest.get(at);
                    Id before = sortedHonest.get((at + 1) % sortedHonest.size());
                    yield grinder.between(after, before, 50 * Math.max(1, honest));
                }
                default -> grinder.grind(id -> true, 1);
            };
            InetSocketAddress address = subnets.get(j % subnets.size()).address(1 + j / subnets.size());
            planned.add(new Planned(kind, identity, address));
            Id id = Id.fromPublicKey(identity.publicKey());
            ids.add(id);
            groups.computeIfAbsent(kind, k -> new Sybils()).add(new WireContact(id, address));
        }
        grindSeconds = wall.seconds();
        this.subnets = List.copyOf(subnets);
    }

    private List<Id> randomKeys(int n) {
        List<Id> keys = new ArrayList<>();
        var random = seeds.random("eclipse-targets");
        for (int i = 0; i < n; i++) keys.add(Id.random(random));
        return keys;
    }

    private static int log2Ceil(int n) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, n) - 1);
    }

    int count() {
        return planned.size();
    }

    /** Whether {@code id} is an adversary's. */
    boolean isHostile(Id id) {
        return ids.contains(id);
    }

    /**
     * What an adversary does once it has joined to get known: a lookup of a random id in each
     * of the {@value #ANNOUNCED_BUCKETS} farthest buckets, as Kademlia's join does (an honest
     * join no longer does). Every node it asks may take it in, so far more honest tables hold it
     * than its own lookup of its id would reach: an attacker makes itself as visible as it can.
     */
    void announce(SimPeer adversary) {
        for (int bucket = 0; bucket < ANNOUNCED_BUCKETS; bucket++) {
            adversary.node.findClosest(adversary.node.id().randomInBucket(bucket, adversary.workload));
        }
    }

    /** The {@code j}th adversary's real node, on its hostile environment, attached but not started. */
    SimPeer spawn(int j, MessageCounts metrics, SignatureChecks checks, Interner interner) {
        Planned p = planned.get(j);
        SimEnvironment env = new SimEnvironment(network, p.address(), seeds.random("adversary-node", j));
        Policy policy = Policy.of(p.kind(), groups.get(p.kind()), subnets, seeds.random("adversary-policy", j));
        HostileEnvironment hostile = new HostileEnvironment(env, policy);
        Node node = new Node(hostile, Simulation.simulated(config.node()), p.identity(), p.address(), false, metrics, checks, interner);
        env.attach(hostile.inbound(node));
        SimPeer peer = new SimPeer(-1 - j, node, env, seeds.random("adversary-workload", j));
        environments.add(hostile);
        peers.add(peer);
        return peer;
    }

    /** The adversaries spawned so far. */
    List<SimPeer> peers() {
        return peers;
    }

    /** The colluding group of {@code kind}, empty if none. */
    Sybils group(Attack kind) {
        return groups.getOrDefault(kind, new Sybils());
    }

    /** The leading bits an eclipse id was ground to share with its key. */
    int eclipseBits() {
        return eclipseBits;
    }

    /** What the adversaries did, for the report. */
    AdversaryFigures figures() {
        HostileEnvironment.Counts sum = HostileEnvironment.Counts.NONE;
        for (HostileEnvironment e : environments) sum = sum.plus(e.counts());
        return new AdversaryFigures(config.adversaries(), count(), sum.responsesDropped(), sum.responsesRewritten(),
                sum.responsesPassed(), sum.requestsHeld(), grinder.keyPairs(), grindSeconds);
    }
}
