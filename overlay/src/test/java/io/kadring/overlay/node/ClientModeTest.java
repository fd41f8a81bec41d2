package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Client mode in virtual time: 24 nodes and 2 clients (default settings but k = 8, so that the
 * closest are a true subset), each on a public-looking address of its own /24. Clients look up,
 * put and get exactly, and appear in no table, ring or NODES answer; they hold nothing. One
 * network for the class: each test leaves it as good as it found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ClientModeTest {
    private static final int NODES = 24;
    private static final NodeConfig CONFIG = NodeConfig.builder().k(8).build();
    private static final NodeConfig CLIENT = CONFIG.toBuilder().clientMode(true).build();

    private final TestNetwork net = new TestNetwork(20261203, 15);
    private final List<TestNetwork.Member> nodes = new ArrayList<>();
    private final List<TestNetwork.Member> clients = new ArrayList<>();
    private final Set<InetSocketAddress> clientAddresses = new HashSet<>();
    /** Every datagram a client sent carried the client sender id; every NODES answer, no client. */
    private final List<String> violations = new ArrayList<>();

    private static InetSocketAddress address(int i) {
        return TestNetwork.address("45." + (i / 200) + "." + (i % 200) + ".1", 4000);
    }

    @BeforeAll
    void network() {
        net.tap(this::inspect);
        TestNetwork.Member first = net.node(CONFIG, address(0));
        net.await(first.node().start(List.of()), 1, "the first node's start");
        nodes.add(first);
        for (int i = 1; i < NODES; i++) {
            TestNetwork.Member m = net.node(CONFIG, address(i));
            net.await(m.node().start(List.of(first.address())), 60_000, "node " + i + "'s join");
            nodes.add(m);
        }
        for (int i = 0; i < 2; i++) {
            TestNetwork.Member c = net.node(CLIENT, address(100 + i));
            clientAddresses.add(c.address());
            net.await(c.node().start(List.of(nodes.get(5 + i).address())), 60_000, "client " + i + "'s join");
            clients.add(c);
        }
        net.runFor(10 * CONFIG.stabilizeIntervalMillis());
    }

    private void inspect(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        Message m = TestNetwork.decoded(datagram);
        if (m == null) return;
        if (clientAddresses.contains(from) && !m.fromClient()) violations.add("client sent " + m.type() + " as a node");
        if (m instanceof Message.Nodes n) {
            for (WireContact c : n.contacts()) {
                if (clientAddresses.contains(c.address())) violations.add("NODES named client " + c.address());
            }
        }
        if (m instanceof Message.Neighbours n) {
            if (n.predecessor() != null && clientAddresses.contains(n.predecessor().address())) {
                violations.add("NEIGHBOURS named a client as predecessor");
            }
            for (WireContact c : n.successors()) {
                if (clientAddresses.contains(c.address())) violations.add("NEIGHBOURS named client " + c.address());
            }
        }
    }

    private List<Id> trueClosest(Id key) {
        return nodes.stream().map(m -> m.node().id()).sorted(key::compareDistance).limit(CONFIG.k()).toList();
    }

    @Test
    void clientLookups_areExact_andNeverNameTheClient() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            Id key = Id.random(random);
            for (TestNetwork.Member c : clients) {
                LookupOutcome found = net.await(c.node().findClosest(key), 60_000, "a client's lookup");
                assertEquals(trueClosest(key), found.contacts().stream().map(Contact::id).toList(),
                        "the k closest nodes, the client itself not among them");
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void clientSuccessorLookups_findTheTrueSuccessor_neverTheClient() {
        SplittableRandom random = new SplittableRandom(6);
        List<Id> ring = nodes.stream().map(m -> m.node().id()).sorted().toList();
        List<Id> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) keys.add(Id.random(random));
        for (TestNetwork.Member c : clients) {
            keys.add(c.node().id()); // the key its own ring view would answer with itself
        }
        for (Id key : keys) {
            Id truth = ring.stream().filter(id -> id.compareTo(key) >= 0).findFirst().orElse(ring.get(0));
            for (TestNetwork.Member c : clients) {
                LookupOutcome found = net.await(c.node().findSuccessor(key), 60_000, "a client's successor lookup");
                assertEquals(List.of(truth), found.contacts().stream().map(Contact::id).toList(), "successor of " + key);
            }
        }
    }

    @Test
    void clients_areInNoTableOrRing() {
        Set<Id> clientIds = new HashSet<>();
        for (TestNetwork.Member c : clients) clientIds.add(c.node().id());
        for (TestNetwork.Member m : nodes) {
            for (Contact c : m.node().contacts()) assertFalse(clientIds.contains(c.id()), "a client in a table");
            for (Contact c : m.node().successors()) assertFalse(clientIds.contains(c.id()), "a client in a ring");
            m.node().predecessor().ifPresent(p -> assertFalse(clientIds.contains(p.id()), "a client as predecessor"));
        }
        for (TestNetwork.Member c : clients) {
            assertTrue(c.node().contacts().size() >= CONFIG.k(), "the client knows the network");
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void aClientsPut_isStoredAtTheKClosestNodes_andGetsFindIt_butTheClientHoldsNothing() {
        SignedRecord record = SignedRecord.sign(net.identity(), new byte[0], 3, "v".getBytes(StandardCharsets.UTF_8));
        PutResult put = net.await(clients.get(0).node().put(record), 60_000, "the client's put");
        assertEquals(CONFIG.k(), put.stored());
        List<Id> holders = new ArrayList<>();
        for (TestNetwork.Member m : nodes) {
            for (StoredRecord s : m.node().storedRecords()) {
                if (s.key().equals(record.key())) holders.add(m.node().id());
            }
        }
        holders.sort(record.key()::compareDistance);
        assertEquals(trueClosest(record.key()), holders);
        assertEquals(List.of(), clients.get(0).node().storedRecords());

        GetResult got = net.await(clients.get(1).node().get(record.key()), 60_000, "the other client's get");
        assertEquals(record, got.record().orElseThrow());
        GetResult viaNode = net.await(nodes.get(3).node().get(record.key()), 60_000, "a node's get");
        assertEquals(record, viaNode.record().orElseThrow());

        ReplicaReport replicas = net.await(clients.get(1).node().replicas(record.key()), 60_000, "a replica check");
        assertEquals(CONFIG.k(), replicas.holdingNewest());
        assertTrue(replicas.meetsQuorum());
        assertEquals(List.of(), violations);
    }

    @Test
    void aClient_refusesStore_withItsReason_andAnswersNoOtherRequest() {
        TestNetwork.Member client = clients.get(0);
        InetSocketAddress prober = address(150);
        List<TestNetwork.Arrival> inbox = net.recorder(prober);
        SignedRecord record = SignedRecord.sign(net.identity(), new byte[0], 0, new byte[] {1});
        Id sender = Id.random(new SplittableRandom(9));
        net.send(prober, client.address(), MessageCodec.encode(new Message.Store(1, sender, new byte[0], 60_000, -1,
                record)));
        net.send(prober, client.address(), MessageCodec.encode(new Message.FindValue(2, sender, record.key(), -1)));
        net.send(prober, client.address(), MessageCodec.encode(new Message.FindNode(3, sender, record.key(),
                Message.FindNode.XOR)));
        net.runFor(1_000);

        assertEquals(1, inbox.size(), "only the STORE is answered");
        Message answer = decode(inbox.get(0).bytes());
        assertEquals(new Message.StoreResult(1, Message.CLIENT, RejectReason.CLIENT_MODE.code()), answer);
        assertEquals(List.of(), client.node().storedRecords());
        assertEquals(3, TestNetwork.dropped(client.registry(), "client_mode"), "each request counted");
    }

    @Test
    void theClientFlag_buysNoMoreThanANode_gets() {
        // a hostile source claiming to be a client is rate limited as any other source
        TestNetwork.Member target = nodes.get(2);
        InetSocketAddress hostile = address(160);
        List<TestNetwork.Arrival> inbox = net.recorder(hostile);
        int asked = 3 * CONFIG.requestsPerSecondPerSource();
        for (int i = 0; i < asked; i++) {
            net.send(hostile, target.address(), MessageCodec.encode(
                    new Message.FindNode(i + 1, Message.CLIENT, Id.ZERO, Message.FindNode.XOR)));
        }
        net.runFor(100);
        assertEquals(2 * CONFIG.requestsPerSecondPerSource(), inbox.size(), "the burst, then nothing");
        assertTrue(TestNetwork.dropped(target.registry(), "rate_limited") >= asked - inbox.size());
        // and its STOREs need a token as anyone's do
        SignedRecord record = SignedRecord.sign(net.identity(), new byte[0], 0, new byte[] {1});
        net.runFor(5_000);
        inbox.clear();
        net.send(hostile, target.address(), MessageCodec.encode(new Message.Store(99, Message.CLIENT, new byte[0],
                60_000, -1, record)));
        net.runFor(1_000);
        assertEquals(new Message.StoreResult(99, target.node().id(), RejectReason.BAD_TOKEN.code()),
                decode(inbox.get(0).bytes()));
        assertTrue(target.node().contacts().stream().noneMatch(c -> c.address().equals(hostile)));
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
