package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import io.kadring.routing.SuccessorLookup;
import io.kadring.routing.XorLookup;
import io.kadring.routing.DisjointLookup;
import io.kadring.routing.LookupResult;
import io.kadring.routing.NetworkSizeEstimator;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.function.ToLongFunction;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Makes the lookup procedures of this node: seeded from what it knows, sized by its config; with
 * the verifiedContacts defence, each asks strangers for proof ({@link ReferralProofs}).
 *
 * @param vouching who is vouched for, or null to take every answer as it comes
 * @param patience how long a live node at an address usually takes to answer (see {@link ClosestProcedure})
 * @param sizes where each converged node lookup leaves its estimate of the network's size
 */
record Lookups(LocalNode local, Supplier<Contact> selfContact, RoutingTable table, RingNeighbours ring,
               KnownContacts known, Vouching vouching, Supplier<NodeRecord> selfRecord,
               ToLongFunction<InetSocketAddress> patience, NetworkSize sizes) {
    /**
     * Contacts beyond the k closest a stalled XOR lookup asks too ({@link XorLookup}): under churn
     * its last wave of queries often holds a contact that has left, and the spare already
     * answered stands in for it without another round trip.
     */
    static final int SPARES = 2;

    /** Lookups that verify no one and wait for every answer until it times out. */
    Lookups(LocalNode local, Supplier<Contact> selfContact, RoutingTable table, RingNeighbours ring,
            KnownContacts known) {
        this(local, selfContact, table, ring, known, null, null, address -> Long.MAX_VALUE / 4, new NetworkSize());
    }

    /** The verifiedContacts defence for one lookup, or null when it is off. */
    private ReferralProofs proofs() {
        if (vouching == null || !local.config().defences().verifiedContacts()) return null;
        return new ReferralProofs(vouching, selfRecord, local);
    }

    /** The k closest to {@code target}. */
    ClosestProcedure closest(Id target) {
        return closest(target, null, List.of());
    }

    /**
     * The k closest to {@code target}; when {@code tokens} is given it collects the write token
     * each answering node handed out (for STOREs that follow); {@code extraSeeds} are asked
     * besides the closest contacts of our own table.
     */
    ClosestProcedure closest(Id target, Map<Id, byte[]> tokens, List<Contact> extraSeeds) {
        Id self = local.id();
        int k = local.config().k();
        return xor(target, LookupKind.CLOSEST, extraSeeds,
                converged -> {
                    // not the join's lookup of our own id: made while the node is new, in a network
                    // that may be growing (1000 nodes joining one after another: 928 of 1000 with it)
                    if (!target.equals(self)) {
                        sizes.sample(NetworkSizeEstimator.estimate(target, converged.closest(), k, 0), local.now());
                    }
                },
                new ClosestProcedure.Query() {
            @Override
            public LookupRequest request() {
                return LookupRequest.findNode(self, target, Message.FindNode.XOR);
            }

            @Override
            public List<Contact> closer(Contact from, Message reply, long now) {
                if (!(reply instanceof Message.Nodes nodes)) return null;
                if (tokens != null) tokens.put(from.id(), nodes.token());
                return WireContacts.reachable(nodes.contacts(), from, now);
            }
        });
    }

    /** An XOR lookup toward {@code target} with the requests and answers of {@code query}. */
    ClosestProcedure xor(Id target, LookupKind kind, List<Contact> extraSeeds, ClosestProcedure.Query query) {
        return xor(target, kind, extraSeeds, converged -> { }, query);
    }

    /** As {@link #xor(Id, LookupKind, List, ClosestProcedure.Query)}; {@code onConverged} sees the result of a lookup that ran to its end. */
    private ClosestProcedure xor(Id target, LookupKind kind, List<Contact> extraSeeds,
                                 Consumer<LookupResult> onConverged, ClosestProcedure.Query query) {
        int k = local.config().k();
        List<Contact> seeds = new ArrayList<>(known.seeds(target, k));
        // a client is not one of the answer: look for one more than k, and leave itself out
        if (local.config().clientMode()) k++;
        seeds.addAll(extraSeeds);
        table.touch(target, local.now());
        // gets follow disjoint paths: the value is found on a path the attacker does not own. Node
        // lookups do not: measured on 1000 static nodes, 2 paths cost 80% more messages and
        // lowered exactness to 99.7% (more nodes asked, more spurious timeouts, no retries)
        boolean disjoint = kind == LookupKind.VALUE && local.config().defences().disjointPaths();
        int paths = disjoint ? local.config().disjointPaths() : 1;
        // a get ends once enough holders agree, which the first answers near the key give: once
        // one holder answered, the stalled round's burst to all k closest would send most of its
        // queries for nothing (1000 nodes: 49 FIND_VALUEs and 45 proof PINGs a get, of which some
        // 10 answers counted); before, the key may be held nowhere, and the burst ends it sooner
        BooleanSupplier burst = kind == LookupKind.VALUE ? query::burstWhenStalled : () -> true;
        DisjointLookup lookup = new DisjointLookup(target, selfContact.get(), KnownContacts.dedupe(seeds), k,
                local.config().alpha(), paths, SPARES, burst);
        return new ClosestProcedure(lookup, query, kind, local, proofs(), patience, onConverged);
    }

    /** The successor of {@code key} on the ring. */
    SuccessorProcedure successor(Id key) {
        // a client is on no one's ring: never the answer itself
        SuccessorLookup lookup = new SuccessorLookup(key, selfContact.get(), ring, known.all(), local.config().k(),
                local.config().alpha(), !local.config().clientMode());
        return new SuccessorProcedure(lookup, local, proofs());
    }
}
