package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.MalformedMessageException;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who gets into the routing table and the ring: only a verified record talking from its own address. */
final class AdmissionTest {
    private static final long LATENCY = 5;

    private final TestNetwork net = new TestNetwork(11, LATENCY);
    private final TestNetwork.Member a = net.node(NodeConfig.defaults(), TestNetwork.address(1));
    private final InetSocketAddress peerAddress = TestNetwork.address(2);
    private final Identity peer = net.identity();
    private final Id peerId = Id.fromPublicKey(peer.publicKey());
    private final List<TestNetwork.Arrival> peerInbox = net.recorder(peerAddress);

    @Test
    void validRecord_fromTheAddressItNames_entersTableAndRing() {
        sendPing(peerAddress, peerId, NodeRecord.sign(peer, peerAddress, 1));

        assertEquals(List.of(peerId), ids(a.node().contacts()));
        assertEquals(Optional.of(peerId), a.node().successor().map(Contact::id));
        assertEquals(Optional.of(peerId), a.node().predecessor().map(Contact::id));
        assertEquals(peerAddress, a.node().contacts().get(0).address());
        Message.Pong pong = assertInstanceOf(Message.Pong.class, decode(peerInbox.get(0).bytes()));
        assertEquals(peerAddress, pong.observed(), "the PONG reports the address the PING came from");
    }

    @Test
    void record_whoseAddressDiffersFromTheDatagramSource_isNotAdmitted() {
        InetSocketAddress elsewhere = TestNetwork.address(3);
        net.recorder(elsewhere);
        sendPing(elsewhere, peerId, NodeRecord.sign(peer, peerAddress, 1));

        assertNotAdmitted();
        assertEquals(1, a.dropped("address_mismatch"));
    }

    @Test
    void record_withABadSignature_isDropped() {
        NodeRecord good = NodeRecord.sign(peer, peerAddress, 1);
        byte[] signature = good.signature();
        signature[17] ^= 0x01;
        sendPing(peerAddress, peerId, NodeRecord.of(good.publicKey(), peerAddress, 1, signature));

        assertNotAdmitted();
        assertEquals(1, a.dropped("bad_node_record"));
    }

    @Test
    void record_signedForAnotherAddressThanItClaims_isDropped() {
        // a valid signature over 10.0.0.2, with the address swapped for the one the datagram comes from
        InetSocketAddress elsewhere = TestNetwork.address(3);
        net.recorder(elsewhere);
        NodeRecord good = NodeRecord.sign(peer, peerAddress, 1);
        sendPing(elsewhere, peerId, NodeRecord.of(good.publicKey(), elsewhere, 1, good.signature()));

        assertNotAdmitted();
        assertEquals(1, a.dropped("bad_node_record"));
    }

    @Test
    void sender_thatDiffersFromTheRecordsId_isDropped() {
        Id someoneElse = Id.fromPublicKey(net.identity().publicKey());
        sendPing(peerAddress, someoneElse, NodeRecord.sign(peer, peerAddress, 1));

        assertNotAdmitted();
        assertTrue(a.node().contacts().stream().noneMatch(c -> c.id().equals(someoneElse)));
        assertEquals(1, a.dropped("sender_mismatch"));
    }

    @Test
    void stranger_thatSendsARequest_isAskedForItsRecord_andAdmittedOnceItVerifies() {
        net.send(peerAddress, a.address(), MessageCodec.encode(
                new Message.FindNode(42, peerId, Id.ZERO, Message.FindNode.XOR)));
        net.runFor(3 * LATENCY);
        assertTrue(peerInbox.stream().map(x -> decode(x.bytes())).noneMatch(Message.Ping.class::isInstance),
                "a requester gets a moment to send its own record before it is asked");
        net.runFor(1_000);
        assertNotAdmitted();
        Message.Ping ping = peerInbox.stream().map(x -> decode(x.bytes()))
                .filter(Message.Ping.class::isInstance).map(Message.Ping.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("the stranger was not pinged: " + peerInbox));

        net.send(peerAddress, a.address(), MessageCodec.encode(new Message.Pong(ping.txId(), peerId,
                NodeRecord.sign(peer, peerAddress, 1), a.address())));
        net.runFor(LATENCY);
        assertEquals(List.of(peerId), ids(a.node().contacts()));
    }

    private void sendPing(InetSocketAddress from, Id sender, NodeRecord record) {
        net.send(from, a.address(), MessageCodec.encode(new Message.Ping(1234, sender, record)));
        net.runFor(3 * LATENCY);
    }

    private void assertNotAdmitted() {
        assertEquals(List.of(), a.node().contacts());
        assertFalse(a.node().successor().isPresent());
        assertFalse(a.node().predecessor().isPresent());
    }

    private static List<Id> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).toList();
    }

    private static Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
