package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Referral poisoning, as found by probing the real node: 3 Sybils with real key pairs, ground to
 * share 12 leading bits with a key K, and 20 made-up ids (no key pair) sharing 200 bits with it,
 * all 23 on ports of one host, answer every FIND_NODE with the 20 made-up ids and every STORE
 * with "stored". Thirty honest nodes, each in its own public /24, run in virtual time. Without
 * verifiedContacts a lookup for K returns the 20 made-up ids and a put "stores" at them alone;
 * with it, the made-up ids never prove themselves and the lookup and the put reach honest nodes.
 */
final class ReferralPoisoningTest {
    private static final int HONEST = 30;
    private static final int SYBILS = 3;
    private static final int FAKES = 20;
    private static final long LIMIT = 60_000;

    private final TestNetwork net = new TestNetwork(20261202, 10);
    private final List<TestNetwork.Member> honest = new ArrayList<>();
    private final List<InetSocketAddress> attackerPorts = new ArrayList<>();
    private final List<Identity> sybils = new ArrayList<>();
    private final List<Id> fakes = new ArrayList<>();
    private final SignedRecord record = SignedRecord.immutable(new byte[] {1, 2, 3});
    private final Id key = record.key();

    private static NodeConfig config(boolean verified) {
        Defences all = Defences.ALL;
        return NodeConfig.builder()
                .defences(new Defences(verified, all.disjointPaths(), all.ringDiversity(), all.responseLiveness(),
                        all.addressQuorum(), all.antiAmplification(), all.boundedSignatures(), all.sourceQuotas()))
                .build();
    }

    private void build(boolean verified) {
        NodeConfig config = config(verified);
        for (int i = 0; i < HONEST; i++) {
            TestNetwork.Member m = net.node(config, TestNetwork.address("44." + (i + 1) + ".0.1", 4000));
            List<InetSocketAddress> boot = honest.isEmpty() ? List.of() : List.of(honest.get(0).address());
            net.await(m.node().start(boot), LIMIT, "honest node " + i + "'s join");
            honest.add(m);
        }
        net.runFor(30_000);
        // the attacker: one host, 23 ports
        while (sybils.size() < SYBILS) {
            Identity candidate = net.identity();
            if (Id.fromPublicKey(candidate.publicKey()).commonPrefixLength(key) >= 12) sybils.add(candidate);
        }
        for (int j = 0; j < FAKES; j++) fakes.add(key.flipBit(200 + j));
        for (int p = 0; p < SYBILS + FAKES; p++) {
            InetSocketAddress port = TestNetwork.address("66.6.6.6", 5000 + p);
            attackerPorts.add(port);
            int at = p;
            net.attach(port, (from, datagram) -> answer(at, from, datagram));
        }
        // the real-key Sybils introduce themselves to every honest node (their PINGs carry valid records)
        for (int s = 0; s < SYBILS; s++) {
            for (TestNetwork.Member m : honest) {
                net.send(attackerPorts.get(s), m.address(),
                        MessageCodec.encode(new Message.Ping(1, idAt(s), recordAt(s))));
            }
        }
        net.runFor(5_000);
        assertTrue(victim().node().contacts().stream().anyMatch(c -> c.address().equals(attackerPorts.get(0))),
                "the Sybils got into the victim's table");
    }

    private Id idAt(int port) {
        return port < SYBILS ? Id.fromPublicKey(sybils.get(port).publicKey()) : fakes.get(port - SYBILS);
    }

    /** A real Sybil's record; a made-up id can only show one of those, which names another id. */
    private NodeRecord recordAt(int port) {
        return NodeRecord.sign(sybils.get(port < SYBILS ? port : 0), attackerPorts.get(port < SYBILS ? port : 0), 1);
    }

    private void answer(int port, InetSocketAddress from, byte[] datagram) {
        Message m = TestNetwork.decoded(datagram);
        if (m == null) return;
        Id me = idAt(port);
        List<WireContact> poison = new ArrayList<>();
        for (int j = 0; j < FAKES; j++) poison.add(new WireContact(fakes.get(j), attackerPorts.get(SYBILS + j)));
        Message reply = null;
        if (m instanceof Message.Ping p) {
            reply = new Message.Pong(p.txId(), me, recordAt(port), from);
        } else if (m instanceof Message.FindNode f) {
            reply = new Message.Nodes(f.txId(), me, new byte[8], false, poison);
        } else if (m instanceof Message.FindValue f) {
            reply = new Message.Value(f.txId(), me, new byte[8], null, 0, poison);
        } else if (m instanceof Message.Store s) {
            reply = new Message.StoreResult(s.txId(), me, Message.StoreResult.STORED);
        }
        if (reply != null) net.send(attackerPorts.get(port), from, MessageCodec.encode(reply));
    }

    private TestNetwork.Member victim() {
        return honest.get(HONEST - 1);
    }

    private Set<Id> fakeIds() {
        return new HashSet<>(fakes);
    }

    /** The honest ids closest to the key, {@code n} of them. */
    private List<Id> closestHonest(int n) {
        return honest.stream().map(m -> m.node().id()).sorted(Comparator.comparing(id -> id, key::compareDistance))
                .limit(n).toList();
    }

    private int honestHolders() {
        int n = 0;
        for (TestNetwork.Member m : honest) {
            if (m.node().storedRecords().stream().anyMatch(s -> s.record().key().equals(key))) n++;
        }
        return n;
    }

    @Test
    void madeUpReferrals_eclipseTheKey_withoutVerifiedContacts() {
        build(false);

        LookupOutcome found = net.await(victim().node().findClosest(key), LIMIT, "findClosest");
        long poisoned = found.contacts().stream().filter(c -> fakeIds().contains(c.id())).count();
        assertEquals(20, poisoned, "findClosest returns the made-up ids: " + found.contacts());

        PutResult put = net.await(victim().node().put(record), LIMIT, "put");
        assertEquals(20, put.stored(), "the put reports every STORE stored");
        assertEquals(0, honestHolders(), "yet no honest node holds the record");
    }

    @Test
    void madeUpReferrals_proveNothing_withVerifiedContacts() {
        build(true);

        LookupOutcome found = net.await(victim().node().findClosest(key), LIMIT, "findClosest");
        List<Id> ids = found.contacts().stream().map(Contact::id).toList();
        assertTrue(ids.stream().noneMatch(fakeIds()::contains), "no made-up id is among the closest: " + ids);
        assertEquals(20, ids.size());
        // the real Sybils are real nodes close to the key; every other place goes to the closest honest nodes
        Set<Id> honestFound = new HashSet<>(ids);
        for (Id id : closestHonest(20 - SYBILS)) assertTrue(honestFound.contains(id), id + " is found");

        PutResult put = net.await(victim().node().put(record), LIMIT, "put");
        assertTrue(put.succeeded(), put.toString());
        assertTrue(put.outcomes().stream().noneMatch(o -> fakeIds().contains(o.holder().id())),
                "no STORE goes to a made-up id");
        assertTrue(honestHolders() >= 20 - SYBILS, honestHolders() + " honest holders");

        GetResult got = net.await(honest.get(1).node().get(key), LIMIT, "get");
        assertEquals(record, got.record().orElseThrow());
    }
}
