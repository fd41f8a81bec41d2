package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.Mutations;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Nothing a remote sends can throw out of {@link Node#onDatagram}, nor trip the node's own
 * "internal_error" guard: random bytes, well-formed messages of every type with hostile
 * contents (responses to nobody, records that do not verify, contacts at odd addresses),
 * and valid frames with flipped bytes, cut short or with bytes appended. Afterwards the
 * node still serves its network.
 */
final class NodeDatagramFuzzTest {
    private static final int DATAGRAMS = 40_000;

    private final TestNetwork net = new TestNetwork(404, 5);
    private final SplittableRandom random = new SplittableRandom(4242);
    private final List<TestNetwork.Member> members = new ArrayList<>();
    private final List<NodeRecord> validRecords = new ArrayList<>();

    @Test
    void noDatagram_throwsOutOfOnDatagram_orTripsTheInternalErrorGuard() {
        TestNetwork.Member target = net.node(NodeConfig.defaults(), TestNetwork.address(0));
        net.await(target.node().start(List.of()), 1, "the target's start");
        members.add(target);
        for (int i = 1; i < 6; i++) {
            TestNetwork.Member m = net.node(NodeConfig.defaults(), TestNetwork.address(i));
            net.await(m.node().start(List.of(target.address())), 60_000, "a join");
            members.add(m);
        }
        for (int i = 0; i < 8; i++) {
            Identity id = net.identity();
            validRecords.add(NodeRecord.sign(id, source(), 1));
        }

        for (int i = 0; i < DATAGRAMS; i++) {
            byte[] datagram = datagram();
            InetSocketAddress from = random.nextInt(4) == 0
                    ? members.get(1 + random.nextInt(members.size() - 1)).address() : source();
            assertDoesNotThrow(() -> target.node().onDatagram(from, datagram),
                    () -> "datagram " + Arrays.toString(datagram));
            if (i % 200 == 0) net.runFor(50); // let the node's own requests and timers run too
        }
        net.runFor(10 * NodeConfig.defaults().stabilizeIntervalMillis());

        assertEquals(0, target.dropped("internal_error"), "a remote's datagram hit a bug in the node");
        double dropped = TestNetwork.droppedTotal(target.registry());
        System.out.printf("[node fuzz] %d datagrams, %.0f dropped, none thrown%n", DATAGRAMS, dropped);
        assertTrue(dropped > DATAGRAMS / 4.0, "most garbage is counted as dropped: " + dropped);
        // the node still answers, and its lookups still reach every member
        net.await(members.get(1).node().ping(target.address()), 10_000, "a ping after the fuzzing");
        LookupOutcome all = net.await(target.node().findClosest(Id.ZERO), 120_000, "a lookup after the fuzzing");
        assertEquals(members.size(), all.contacts().stream().filter(c -> members.stream()
                .anyMatch(m -> m.node().id().equals(c.id()))).count());
    }

    private byte[] datagram() {
        return switch (random.nextInt(6)) {
            case 0 -> bytes(random.nextInt(0, 1500));
            case 1, 2 -> MessageCodec.encode(message());
            default -> Mutations.mutate(random, MessageCodec.encode(message()));
        };
    }

    private Message message() {
        long tx = random.nextInt(8) == 0 ? 0 : random.nextLong();
        Id sender = random.nextInt(3) == 0 ? members.get(random.nextInt(members.size())).node().id() : Id.random(random);
        Id target = Id.random(random);
        return switch (random.nextInt(12)) {
            case 0 -> new Message.Ping(tx, sender, record());
            case 1 -> new Message.Pong(tx, sender, record(), source());
            case 2 -> new Message.FindNode(tx, sender, target, random.nextBoolean() ? Message.FindNode.XOR
                    : Message.FindNode.RING);
            case 3 -> new Message.Nodes(tx, sender, bytes(random.nextInt(33)), random.nextBoolean(),
                    contacts(random.nextInt(21)));
            case 4 -> new Message.FindValue(tx, sender, target, random.nextLong(-1, 100));
            case 5 -> random.nextBoolean()
                    ? new Message.Value(tx, sender, bytes(random.nextInt(33)), null, 0, contacts(random.nextInt(21)))
                    : new Message.Value(tx, sender, bytes(random.nextInt(33)),
                            SignedRecord.immutable(bytes(random.nextInt(200))), random.nextLong(0, Long.MAX_VALUE),
                            contacts(random.nextInt(8)));
            case 6 -> new Message.Store(tx, sender, bytes(random.nextInt(33)), random.nextLong(1, Long.MAX_VALUE),
                    random.nextLong(-1, 10), SignedRecord.immutable(bytes(random.nextInt(200))));
            case 7 -> new Message.StoreResult(tx, sender, random.nextInt(256));
            case 8 -> new Message.GetNeighbours(tx, sender);
            case 9 -> new Message.Neighbours(tx, sender, random.nextBoolean() ? contact() : null,
                    contacts(random.nextInt(17)));
            case 10 -> new Message.Notify(tx, sender);
            default -> new Message.Error(tx, sender, random.nextInt(256), "e" + random.nextInt());
        };
    }

    /** A verifying record of someone else, or one with random key and signature. */
    private NodeRecord record() {
        if (random.nextBoolean()) return validRecords.get(random.nextInt(validRecords.size()));
        return NodeRecord.of(bytes(32), random.nextBoolean() ? source() : TestNetwork.address("0.0.0.0", 1 + random.nextInt(65535)),
                random.nextLong(), bytes(64));
    }

    private List<WireContact> contacts(int n) {
        List<WireContact> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(contact());
        return list;
    }

    /** Contacts at member, random, wildcard, loopback, multicast and IPv6 addresses. */
    private WireContact contact() {
        InetSocketAddress address = switch (random.nextInt(6)) {
            case 0 -> members.get(random.nextInt(members.size())).address();
            case 1 -> TestNetwork.address("0.0.0.0", 1 + random.nextInt(65535));
            case 2 -> TestNetwork.address("224.0.0.1", 1 + random.nextInt(65535));
            case 3 -> TestNetwork.address("2001:db8::" + Integer.toHexString(random.nextInt(65536)), 4000);
            default -> source();
        };
        Id id = random.nextInt(4) == 0 ? members.get(random.nextInt(members.size())).node().id() : Id.random(random);
        return new WireContact(id, address);
    }

    /** One of a few hundred addresses nobody listens at (replies to them are lost). */
    private InetSocketAddress source() {
        return TestNetwork.address("10.9." + random.nextInt(2) + "." + (1 + random.nextInt(200)), 1 + random.nextInt(3));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
