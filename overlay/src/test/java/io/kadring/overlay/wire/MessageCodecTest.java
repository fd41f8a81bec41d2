package io.kadring.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message.Type;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MessageCodecTest {
    private static final Id SENDER = Id.of(filled(32, 0x11));
    private final RandomMessages random = new RandomMessages(42);

    // ---- round trips ------------------------------------------------------

    @Test
    void everyType_withRandomContents_decodesToAnEqualMessageAndReencodesToTheSameBytes() throws Exception {
        for (Type type : Type.values()) {
            for (int i = 0; i < 300; i++) {
                assertRoundTrip(random.of(type, false));
            }
        }
    }

    @Test
    void everyType_atItsMaximumSizes_roundTrips() throws Exception {
        for (Type type : Type.values()) {
            for (int i = 0; i < 20; i++) {
                assertRoundTrip(random.of(type, true));
            }
        }
    }

    @Test
    void ipv4AndIpv6Contacts_keepTheirFamilies() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4000);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535);
        Message m = new Message.Nodes(1, SENDER, new byte[0], false,
                List.of(new WireContact(Id.ZERO, v4), new WireContact(Id.MAX, v6)));
        Message.Nodes back = (Message.Nodes) MessageCodec.decode(MessageCodec.encode(m));
        assertEquals(v4, back.contacts().get(0).address());
        assertEquals(v6, back.contacts().get(1).address());
        assertEquals(MessageCodec.HEADER_BYTES + 1 + 1 + 1 + 39 + 51, MessageCodec.encode(m).length);
    }

    @Test
    void decode_withAnInterner_sharesSenderContactsAddressesNodeRecordsAndSignedRecordsButNotTargets() throws Exception {
        Map<Object, Object> seen = new java.util.HashMap<>();
        Interner sharing = new Interner() {
            @Override
            public Id id(Id id) {
                return (Id) seen.computeIfAbsent(id, k -> k);
            }

            @Override
            public InetSocketAddress address(InetSocketAddress address) {
                return (InetSocketAddress) seen.computeIfAbsent(address, k -> k);
            }

            @Override
            public NodeRecord nodeRecord(NodeRecord record) {
                return (NodeRecord) seen.computeIfAbsent(record, k -> k);
            }

            @Override
            public io.kadring.storage.SignedRecord signedRecord(io.kadring.storage.SignedRecord record) {
                return (io.kadring.storage.SignedRecord) seen.computeIfAbsent(record, k -> k);
            }
        };
        Message.Nodes nodes = (Message.Nodes) random.of(Type.NODES, false);
        Message.Nodes first = (Message.Nodes) MessageCodec.decode(MessageCodec.encode(nodes), sharing);
        Message.Nodes second = (Message.Nodes) MessageCodec.decode(MessageCodec.encode(nodes), sharing);
        assertEquals(nodes, second);
        assertSame(first.sender(), second.sender());
        for (int i = 0; i < nodes.contacts().size(); i++) {
            assertSame(first.contacts().get(i).id(), second.contacts().get(i).id());
            assertSame(first.contacts().get(i).address(), second.contacts().get(i).address());
        }
        Message pong = random.of(Type.PONG, false);
        Message.Pong a = (Message.Pong) MessageCodec.decode(MessageCodec.encode(pong), sharing);
        Message.Pong b = (Message.Pong) MessageCodec.decode(MessageCodec.encode(pong), sharing);
        assertEquals(pong, b);
        assertSame(a.nodeRecord(), b.nodeRecord());
        assertSame(a.observed(), b.observed());
        Message store = random.of(Type.STORE, false);
        Message.Store s1 = (Message.Store) MessageCodec.decode(MessageCodec.encode(store), sharing);
        Message.Store s2 = (Message.Store) MessageCodec.decode(MessageCodec.encode(store), sharing);
        assertEquals(store, s2);
        assertSame(s1.record(), s2.record());
        Message find = random.of(Type.FIND_NODE, false);
        Message.FindNode f = (Message.FindNode) MessageCodec.decode(MessageCodec.encode(find), sharing);
        Message.FindNode g = (Message.FindNode) MessageCodec.decode(MessageCodec.encode(find), sharing);
        assertNotSame(f.target(), g.target());
    }

    @Test
    void valueWithoutRecord_decodesWithANullRecord() throws Exception {
        Message m = new Message.Value(1, SENDER, new byte[] {1, 2}, null, 0, List.of());
        assertNull(((Message.Value) MessageCodec.decode(MessageCodec.encode(m))).record());
    }

    @Test
    void decode_readsASliceOfALargerBuffer() throws Exception {
        Message m = random.of(Type.PONG, false);
        byte[] encoded = MessageCodec.encode(m);
        byte[] buf = new byte[encoded.length + 10];
        System.arraycopy(encoded, 0, buf, 7, encoded.length);
        assertEquals(m, MessageCodec.decode(buf, 7, encoded.length));
    }

    // ---- the documented layout ------------------------------------------------

    @Test
    void findNodeAndNodes_carryingRecords_encodeToTheDocumentedLayout() throws Exception {
        byte[] pk = filled(32, 0xAA);
        byte[] sig = filled(64, 0xBB);
        NodeRecord record = NodeRecord.of(pk, new InetSocketAddress(InetAddress.getByName("10.0.0.9"), 4000), 5, sig);
        Id target = Id.fromHex("22".repeat(32));
        Message.FindNode find = new Message.FindNode(7, SENDER, target, Message.FindNode.RING).proving(record);
        byte[] findBytes = Datagram.header(3).fill(32, 0x22).u8(1 | 2 | 4).bytes(pk).ipv4(9, 4000).i64(5).bytes(sig)
                .toBytes();
        assertArrayEquals(findBytes, MessageCodec.encode(find));
        assertEquals(find, MessageCodec.decode(findBytes));
        assertEquals(75 + 111, findBytes.length);

        Message.Nodes nodes = new Message.Nodes(7, SENDER, Message.Token.copyOf(new byte[] {9}), false, List.of(),
                record);
        byte[] nodesBytes = Datagram.header(4).u8(1).u8(9).u8(2).u8(0).bytes(pk).ipv4(9, 4000).i64(5).bytes(sig)
                .toBytes();
        assertArrayEquals(nodesBytes, MessageCodec.encode(nodes));
        assertEquals(nodes, MessageCodec.decode(nodesBytes));
        // a flag saying a record follows, and none does
        assertDrop(DropReason.TRUNCATED, Datagram.header(4).u8(1).u8(9).u8(2).u8(0).toBytes());
        assertDrop(DropReason.TRUNCATED, Datagram.header(3).fill(32, 0x22).u8(4).toBytes());
        // padded, a FIND_NODE with a record still decodes
        assertEquals(find, MessageCodec.decode(MessageCodec.encodePadded(find)));
    }

    @Test
    void ping_encodesToTheDocumentedLayout() throws Exception {
        byte[] pk = filled(32, 0xAA);
        byte[] sig = filled(64, 0xBB);
        NodeRecord record = NodeRecord.of(pk, new InetSocketAddress(InetAddress.getByName("10.0.0.9"), 4000), 5, sig);
        byte[] expected = Datagram.header(1).bytes(pk).ipv4(9, 4000).i64(5).bytes(sig).toBytes();
        assertArrayEquals(expected, MessageCodec.encode(new Message.Ping(7, SENDER, record)));
        assertEquals(153, expected.length);
    }

    @Test
    void store_ofAnImmutableRecord_encodesToTheDocumentedLayout() throws Exception {
        Message m = new Message.Store(7, SENDER, new byte[] {9, 9}, 60_000, -1, SignedRecord.immutable(new byte[] {1, 2, 3}));
        byte[] expected = Datagram.header(7).u8(2).u8(9).u8(9).i64(60_000).i64(-1)
                .u8(1).u16(3).u8(1).u8(2).u8(3).toBytes();
        assertArrayEquals(expected, MessageCodec.encode(m));
    }

    @Test
    void value_ofAMutableRecord_encodesToTheDocumentedLayout() throws Exception {
        SignedRecord record = new SignedRecord(filled(32, 0xAA), new byte[] {5}, 3, new byte[] {6, 7}, filled(64, 0xBB));
        Message m = new Message.Value(7, SENDER, new byte[0], record, 90_000,
                List.of(new WireContact(Id.of(filled(32, 0x22)), new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 4000))));
        byte[] expected = Datagram.header(6).u8(0)
                .u8(2).fill(32, 0xAA).u8(1).u8(5).i64(3).u16(2).u8(6).u8(7).fill(64, 0xBB)
                .i64(90_000).u8(1).contact(0x22, 2).toBytes();
        assertArrayEquals(expected, MessageCodec.encode(m));
    }

    @Test
    void aTombstone_isKindThreeWithNoValueAndKeepsItsDeletedFlag() throws Exception {
        SignedRecord tombstone = new SignedRecord(filled(32, 1), filled(3, 2), 9, new byte[0], filled(64, 3), true);
        Message m = new Message.Update(1, SENDER, tombstone);
        byte[] encoded = MessageCodec.encode(m);
        assertEquals(MessageCodec.HEADER_BYTES + 1 + 32 + 1 + 3 + 8 + 64, encoded.length);
        assertEquals(3, encoded[MessageCodec.HEADER_BYTES]);
        assertTrue(((Message.Update) MessageCodec.decode(encoded)).record().isDeleted());
    }

    // ---- the byte budget ------------------------------------------------------

    @Test
    void largestMessageOfEachType_hasTheDocumentedSize() {
        Map<Type, Integer> documented = new EnumMap<>(Map.ofEntries(
                Map.entry(Type.PING, 165), Map.entry(Type.PONG, 184), Map.entry(Type.FIND_NODE, 198),
                Map.entry(Type.NODES, 1220), Map.entry(Type.FIND_VALUE, 82), Map.entry(Type.STORE, 1263),
                Map.entry(Type.STORE_RESULT, 43), Map.entry(Type.GET_NEIGHBOURS, 42),
                Map.entry(Type.NEIGHBOURS, 911), Map.entry(Type.NOTIFY, 42), Map.entry(Type.ERROR, 244),
                Map.entry(Type.ANNOUNCE, 477), Map.entry(Type.ANNOUNCE_RESULT, 43),
                Map.entry(Type.GET_ANNOUNCEMENTS, 108), Map.entry(Type.ANNOUNCEMENTS, 1398),
                Map.entry(Type.LISTEN, 115), Map.entry(Type.LISTENING, 1223), Map.entry(Type.UPDATE, 1214)));
        for (Map.Entry<Type, Integer> e : documented.entrySet()) {
            byte[] encoded = MessageCodec.encode(random.of(e.getKey(), true));
            assertEquals(e.getValue(), encoded.length, e.getKey().toString());
        }
        Message valueWithNoContacts = new Message.Value(1, SENDER, random.token(true), random.record(true), 1, List.of());
        assertEquals(1256, MessageCodec.encode(valueWithNoContacts).length);
    }

    @Test
    void valueWithTheLargestRecord_carriesTwoIpv6OrThreeIpv4ContactsButNotOneMore() {
        SignedRecord record = random.record(true);
        byte[] token = random.token(true);
        assertFits(new Message.Value(1, SENDER, token, record, 1, List.of(random.contact(true), random.contact(true))));
        List<WireContact> threeV4 = List.of(ipv4Contact(), ipv4Contact(), ipv4Contact());
        assertFits(new Message.Value(1, SENDER, token, record, 1, threeV4));
        List<WireContact> fourV4 = new ArrayList<>(threeV4);
        fourV4.add(ipv4Contact());
        Message tooBig = new Message.Value(1, SENDER, token, record, 1, fourV4);
        assertEquals(1412, MessageCodec.encodedSize(tooBig));
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(tooBig));
    }

    @Test
    void valueOfExactly1400Bytes_encodesAndDecodes_andOneByteMoreDoesNotEncode() throws Exception {
        // 1256 with no contacts, + 4 × 39 = 1412: a salt 12 bytes short of the maximum makes it 1400
        List<WireContact> fourV4 = List.of(ipv4Contact(), ipv4Contact(), ipv4Contact(), ipv4Contact());
        Message exact = new Message.Value(1, SENDER, random.token(true), recordWithSalt(52), 1, fourV4);
        byte[] encoded = MessageCodec.encode(exact);
        assertEquals(MessageCodec.MAX_DATAGRAM_BYTES, encoded.length);
        assertEquals(exact, MessageCodec.decode(encoded));

        Message oneMore = new Message.Value(1, SENDER, random.token(true), recordWithSalt(53), 1, fourV4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageCodec.encode(oneMore));
        assertTrue(e.getMessage().contains("1401"), e.getMessage());
    }

    @Test
    void datagramOf1401Bytes_isOversized_evenIfItStartsWell() throws Exception {
        byte[] big = Arrays.copyOf(MessageCodec.encode(random.of(Type.PING, false)), 1401);
        assertDrop(DropReason.OVERSIZED, big);
    }

    // ---- every drop reason from a crafted datagram -------------------------

    @Test
    void everyDropReason_isProducedByACraftedDatagram() {
        Map<DropReason, byte[]> crafted = new EnumMap<>(DropReason.class);
        crafted.put(DropReason.TRUNCATED, Datagram.header(3).fill(20, 0).toBytes());
        crafted.put(DropReason.OVERSIZED, new byte[1401]);
        crafted.put(DropReason.BAD_VERSION, Datagram.header(2, 1).toBytes());
        crafted.put(DropReason.UNKNOWN_TYPE, Datagram.header(99).toBytes());
        crafted.put(DropReason.BAD_COUNT, Datagram.header(4).u8(0).u8(0).u8(21).toBytes());
        crafted.put(DropReason.BAD_LENGTH, Datagram.header(4).u8(33).fill(33, 0).u8(0).u8(0).toBytes());
        crafted.put(DropReason.TRAILING_BYTES, Datagram.header(11).u8(0).toBytes());
        crafted.put(DropReason.BAD_ADDRESS, Datagram.header(10).u8(1).fill(32, 0).u8(5).fill(6, 1).u8(0).toBytes());
        crafted.put(DropReason.BAD_RECORD, Datagram.header(7).u8(0).i64(1000).i64(-1).u8(0).toBytes());
        crafted.put(DropReason.BAD_FIELD, Datagram.header(3).fill(32, 0).u8(8).toBytes());
        assertEquals(EnumSet.allOf(DropReason.class), crafted.keySet());
        crafted.forEach(MessageCodecTest::assertDrop);
    }

    @Test
    void emptyAndHeaderOnlyPrefixes_areTruncated() {
        assertDrop(DropReason.TRUNCATED, new byte[0]);
        assertDrop(DropReason.TRUNCATED, new byte[] {1});
        assertDrop(DropReason.TRUNCATED, new byte[] {1, 11, 0, 0});
    }

    @Test
    void everyProperPrefixOfAValidDatagram_isTruncated() {
        for (Type type : Type.values()) {
            byte[] encoded = MessageCodec.encode(random.of(type, true));
            for (int length = 0; length < encoded.length; length++) {
                assertDrop(DropReason.TRUNCATED, Arrays.copyOf(encoded, length));
            }
        }
    }

    @Test
    void anyByteAfterAValidMessage_isTrailing() {
        for (Type type : Type.values()) {
            byte[] encoded = MessageCodec.encode(random.of(type, false));
            assertDrop(DropReason.TRAILING_BYTES, Arrays.copyOf(encoded, encoded.length + 1));
        }
    }

    @Test
    void aPaddedRequest_decodesAsTheSameRequest_onlyWithZerosToExactlyThePaddedLength() throws Exception {
        for (Type type : Type.values()) {
            Message m = random.of(type, false);
            if (!MessageCodec.isPaddable(type)) {
                assertThrows(IllegalArgumentException.class, () -> MessageCodec.encodePadded(m));
                byte[] plain = MessageCodec.encode(m);
                if (plain.length < MessageCodec.PADDED_REQUEST_BYTES) {
                    assertDrop(DropReason.TRAILING_BYTES, Arrays.copyOf(plain, MessageCodec.PADDED_REQUEST_BYTES));
                }
                continue;
            }
            byte[] padded = MessageCodec.encodePadded(m);
            assertEquals(MessageCodec.PADDED_REQUEST_BYTES, padded.length);
            assertEquals(m, MessageCodec.decode(padded));
            assertDrop(DropReason.TRAILING_BYTES, Arrays.copyOf(padded, padded.length + 1));
            assertDrop(DropReason.TRAILING_BYTES, Arrays.copyOf(padded, padded.length - 1));
            padded[padded.length - 1] = 1;
            assertDrop(DropReason.TRAILING_BYTES, padded);
        }
    }

    @Test
    void aCountOf20_withBytesFor19Contacts_isTruncated() throws Exception {
        Datagram nineteen = Datagram.header(4).u8(0).u8(0).u8(20);
        for (int i = 0; i < 19; i++) {
            nineteen.contact(i, i + 1);
        }
        assertDrop(DropReason.TRUNCATED, nineteen.toBytes());
        Message.Nodes twenty = (Message.Nodes) MessageCodec.decode(nineteen.contact(19, 20).toBytes());
        assertEquals(20, twenty.contacts().size());
    }

    @Test
    void countsAboveTheirMaximum_areBadCounts() {
        assertDrop(DropReason.BAD_COUNT, Datagram.header(4).u8(0).u8(0).u8(21).toBytes());
        assertDrop(DropReason.BAD_COUNT, Datagram.header(6).u8(0).u8(0).i64(0).u8(255).toBytes());
        assertDrop(DropReason.BAD_COUNT, Datagram.header(10).u8(0).u8(17).toBytes());
    }

    @Test
    void tokensAndErrorTextsAboveTheirMaximum_areBadLengths_evenWhenTheDatagramEndsFirst() {
        assertDrop(DropReason.BAD_LENGTH, Datagram.header(4).u8(33).toBytes());
        assertDrop(DropReason.BAD_LENGTH, Datagram.header(6).u8(255).toBytes());
        assertDrop(DropReason.BAD_LENGTH, Datagram.header(7).u8(40).fill(40, 0).toBytes());
        assertDrop(DropReason.BAD_LENGTH, Datagram.header(12).u8(0).u8(201).fill(201, 'a').toBytes());
    }

    @Test
    void unknownVersionsAndTypes_areDropped() {
        for (int version : new int[] {0, 2, 255}) {
            assertDrop(DropReason.BAD_VERSION, Datagram.header(version, 1).toBytes());
        }
        for (int type : new int[] {0, 99, 128, 255}) {
            assertDrop(DropReason.UNKNOWN_TYPE, Datagram.header(type).toBytes());
        }
    }

    @Test
    void badAddresses_inContactsObservedAddressesAndNodeRecords_areDropped() {
        byte[] mappedIpv6 = new byte[16];
        mappedIpv6[10] = (byte) 0xFF;
        mappedIpv6[11] = (byte) 0xFF;
        mappedIpv6[15] = 1;
        List<byte[]> bad = List.of(
                Datagram.header(4).u8(0).u8(0).u8(1).fill(32, 0).u8(0).fill(6, 1).toBytes(),             // family 0
                Datagram.header(4).u8(0).u8(0).u8(1).fill(32, 0).u8(6).bytes(mappedIpv6).u16(80).toBytes(), // ::ffff:0.0.0.1
                Datagram.header(4).u8(0).u8(0).u8(1).fill(32, 0).ipv4(1, 0).toBytes(),                  // port 0
                Datagram.header(1).fill(32, 0).u8(16).fill(4 + 2 + 8 + 64, 1).toBytes(),                // node record, family 16
                Datagram.header(2).fill(32, 0).ipv4(1, 80).i64(0).fill(64, 0).u8(4).fill(4, 1).u16(0).toBytes());
        for (byte[] datagram : bad) {
            assertDrop(DropReason.BAD_ADDRESS, datagram);
        }
    }

    @Test
    void recordsOutsideSignedRecordBounds_areBadRecords() {
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(0)));                                                     // STORE needs one
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(4)));                                                     // unknown kind
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(3).fill(32, 0).u8(0).i64(-1).fill(64, 0)));             // tombstone, negative seq
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(1).u16(1001).fill(1001, 0)));                           // value too long
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(1).u16(65535)));                                          // even if truncated
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(2).fill(32, 0).u8(65).fill(65, 0)));                    // salt too long
        assertDrop(DropReason.BAD_RECORD, storeWith(r -> r.u8(2).fill(32, 0).u8(0).i64(-1).u16(0).fill(64, 0)));      // negative seq
        assertDrop(DropReason.BAD_RECORD, Datagram.header(6).u8(0).u8(7).toBytes());                                   // VALUE, unknown kind
    }

    @Test
    void fieldsOutsideTheirDomain_areBadFields() {
        assertDrop(DropReason.BAD_FIELD, Datagram.header(3).fill(32, 0).u8(8).toBytes());                 // lookup mode
        assertDrop(DropReason.BAD_FIELD, Datagram.header(4).u8(0).u8(4).u8(0).toBytes());                 // isFinal
        assertDrop(DropReason.BAD_FIELD, Datagram.header(10).u8(2).toBytes());                            // predecessor flag
        assertDrop(DropReason.BAD_FIELD, Datagram.header(5).fill(32, 0).i64(-2).toBytes());               // minSeq
        assertDrop(DropReason.BAD_FIELD, Datagram.header(7).u8(0).i64(0).i64(-1).u8(1).u16(0).toBytes()); // lifetime 0
        assertDrop(DropReason.BAD_FIELD, Datagram.header(7).u8(0).i64(Long.MIN_VALUE).toBytes());         // lifetime < 0
        assertDrop(DropReason.BAD_FIELD, Datagram.header(7).u8(0).i64(1).i64(-2).toBytes());              // expectedSeq
    }

    @Test
    void errorTextThatIsNotWellFormedUtf8_isABadField() throws Exception {
        int[][] malformed = {{0x80}, {0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82}, {0xFF}};
        for (int[] text : malformed) {
            Datagram d = Datagram.header(12).u8(1).u8(text.length);
            for (int b : text) {
                d.u8(b);
            }
            assertDrop(DropReason.BAD_FIELD, d.toBytes());
        }
        byte[] ok = Datagram.header(12).u8(1).u8(4).u8(0xF0).u8(0x9F).u8(0x98).u8(0x80).toBytes();
        assertEquals("\uD83D\uDE00", ((Message.Error) MessageCodec.decode(ok)).text());
    }

    // ---- helpers ----------------------------------------------------------------

    private static void assertRoundTrip(Message m) throws MalformedMessageException {
        byte[] encoded = MessageCodec.encode(m);
        assertEquals(MessageCodec.encodedSize(m), encoded.length);
        assertTrue(encoded.length <= MessageCodec.MAX_DATAGRAM_BYTES);
        Message back = MessageCodec.decode(encoded);
        assertEquals(m, back);
        assertEquals(m.hashCode(), back.hashCode());
        assertArrayEquals(encoded, MessageCodec.encode(back));
    }

    private static void assertFits(Message m) {
        assertTrue(MessageCodec.encode(m).length <= MessageCodec.MAX_DATAGRAM_BYTES);
    }

    private static void assertDrop(DropReason expected, byte[] datagram) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> MessageCodec.decode(datagram),
                () -> expected + " expected for " + java.util.HexFormat.of().formatHex(datagram));
        assertEquals(expected, e.reason(), e.getMessage());
    }

    private static byte[] storeWith(java.util.function.UnaryOperator<Datagram> record) {
        return record.apply(Datagram.header(7).u8(0).i64(1000).i64(-1)).toBytes();
    }

    private WireContact ipv4Contact() {
        WireContact c;
        do {
            c = random.contact(false);
        } while (c.encodedSize() != 39);
        return c;
    }

    private SignedRecord recordWithSalt(int saltLength) {
        return new SignedRecord(random.bytes(32), random.bytes(saltLength), 1, random.bytes(1000), random.bytes(64));
    }

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
