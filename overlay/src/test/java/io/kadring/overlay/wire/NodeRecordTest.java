package io.kadring.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class NodeRecordTest {
    private static final Identity ALICE = Identity.fromSeed(MessageCodecTest.filled(32, 1));
    private static final Identity BOB = Identity.fromSeed(MessageCodecTest.filled(32, 2));

    private static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void signedRecord_verifies_andItsIdIsTheHashOfThePublicKey() throws Exception {
        for (InetSocketAddress a : new InetSocketAddress[] {address("192.0.2.1", 4000), address("2001:db8::1", 4000)}) {
            NodeRecord r = NodeRecord.sign(ALICE, a, 3);
            assertTrue(r.verify());
            assertEquals(Id.fromPublicKey(ALICE.publicKey()), r.id());
            assertSame(r.id(), r.id());
            assertEquals(a, r.address());
            assertEquals(3, r.seq());
        }
    }

    @Test
    void changedAddressPortSeqKeyOrSignature_doesNotVerify() throws Exception {
        NodeRecord r = NodeRecord.sign(ALICE, address("192.0.2.1", 4000), 3);
        byte[] pk = r.publicKey();
        byte[] sig = r.signature();
        assertFalse(NodeRecord.of(pk, address("192.0.2.2", 4000), 3, sig).verify());
        assertFalse(NodeRecord.of(pk, address("192.0.2.1", 4001), 3, sig).verify());
        assertFalse(NodeRecord.of(pk, address("2001:db8::1", 4000), 3, sig).verify());
        assertFalse(NodeRecord.of(pk, r.address(), 4, sig).verify());
        assertFalse(NodeRecord.of(BOB.publicKey(), r.address(), 3, sig).verify());
        byte[] flipped = sig.clone();
        flipped[10] ^= 1;
        assertFalse(NodeRecord.of(pk, r.address(), 3, flipped).verify());
        assertTrue(NodeRecord.of(pk, r.address(), 3, sig).verify());
    }

    @Test
    void garbageKeysAndSignatures_verifyFalse_neverThrow() throws Exception {
        InetSocketAddress a = address("192.0.2.1", 4000);
        assertFalse(NodeRecord.of(new byte[32], a, 0, new byte[64]).verify());
        byte[] ones = MessageCodecTest.filled(32, 0xFF);
        assertFalse(NodeRecord.of(ones, a, 0, MessageCodecTest.filled(64, 0xFF)).verify());
    }

    @Test
    void signingBytes_areDomainSeparated_andCoverKeyAddressAndSeq() throws Exception {
        NodeRecord r = NodeRecord.sign(ALICE, address("10.0.0.9", 4000), 5);
        byte[] expected = new Datagram().bytes("kadring-node-v1".getBytes(StandardCharsets.US_ASCII))
                .bytes(ALICE.publicKey()).ipv4(9, 4000).i64(5).toBytes();
        assertArrayEquals(expected, r.signingBytes());
        assertTrue(Identity.verify(ALICE.publicKey(), expected, r.signature()));
    }

    @Test
    void recordSurvivesTheWire_andStillVerifies() throws Exception {
        NodeRecord r = NodeRecord.sign(BOB, address("2001:db8::5", 65535), Long.MAX_VALUE);
        Message.Ping ping = (Message.Ping) MessageCodec.decode(MessageCodec.encode(new Message.Ping(1, r.id(), r)));
        assertEquals(r, ping.nodeRecord());
        assertTrue(ping.nodeRecord().verify());
        assertEquals(ping.sender(), ping.nodeRecord().id());
    }

    @Test
    void equality_coversEveryField_andArraysAreCopied() throws Exception {
        NodeRecord r = NodeRecord.sign(ALICE, address("192.0.2.1", 4000), 3);
        NodeRecord same = NodeRecord.of(r.publicKey(), r.address(), r.seq(), r.signature());
        assertEquals(r, same);
        assertEquals(r.hashCode(), same.hashCode());
        assertNotEquals(r, NodeRecord.of(r.publicKey(), r.address(), 4, r.signature()));
        assertNotEquals(r, NodeRecord.sign(ALICE, address("192.0.2.1", 4001), 3));
        r.publicKey()[0] ^= 1;
        r.signature()[0] ^= 1;
        assertTrue(r.verify());
        byte[] pk = ALICE.publicKey();
        NodeRecord fromArrays = NodeRecord.of(pk, r.address(), 3, r.signature());
        Arrays.fill(pk, (byte) 0);
        assertTrue(fromArrays.verify());
    }

    @Test
    void wrongSizes_areRejected() throws Exception {
        InetSocketAddress a = address("192.0.2.1", 4000);
        assertThrows(IllegalArgumentException.class, () -> NodeRecord.of(new byte[31], a, 0, new byte[64]));
        assertThrows(IllegalArgumentException.class, () -> NodeRecord.of(new byte[32], a, 0, new byte[63]));
        assertThrows(NullPointerException.class, () -> NodeRecord.of(null, a, 0, new byte[64]));
    }
}
