package io.kadring.overlay.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message.Type;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MessageTest {
    private static final Id SENDER = Id.ofWords(1, 2, 3, 4);
    private final RandomMessages random = new RandomMessages(7);

    @Test
    void typeCodes_areTheReservedOnes_andResponsesAreTheAnswerTypes() {
        for (Type t : Type.values()) {
            assertEquals(t, Type.ofCode(t.code()));
        }
        assertEquals(17, Type.LISTEN.code());
        assertEquals(18, Type.LISTENING.code());
        assertEquals(19, Type.UPDATE.code());
        assertEquals(Type.LISTENING, Type.LISTEN.answeredBy());
        EnumSet<Type> responses = EnumSet.noneOf(Type.class);
        for (Type t : Type.values()) {
            if (t.isResponse()) {
                responses.add(t);
            }
        }
        assertEquals(EnumSet.of(Type.PONG, Type.NODES, Type.VALUE, Type.STORE_RESULT, Type.NEIGHBOURS, Type.ERROR,
                        Type.ANNOUNCE_RESULT, Type.ANNOUNCEMENTS, Type.LISTENING),
                responses);
    }

    @Test
    void everyMessage_hasTheTypeOfItsRecord() {
        for (Type t : Type.values()) {
            assertEquals(t, random.of(t, false).type());
        }
    }

    @Test
    void constructors_rejectWhatTheWireCannotCarry() {
        byte[] token33 = new byte[33];
        List<WireContact> contacts21 = random.contacts(21, false);
        SignedRecord record = SignedRecord.immutable(new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> new Message.Nodes(1, SENDER, token33, false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Message.Nodes(1, SENDER, new byte[0], false, contacts21));
        assertThrows(IllegalArgumentException.class, () -> new Message.Value(1, SENDER, token33, null, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Message.Value(1, SENDER, new byte[0], null, 0, contacts21));
        assertThrows(IllegalArgumentException.class,
                () -> new Message.Neighbours(1, SENDER, null, random.contacts(17, false)));
        assertThrows(IllegalArgumentException.class, () -> new Message.Store(1, SENDER, token33, 1, -1, record));
        assertThrows(IllegalArgumentException.class, () -> new Message.Store(1, SENDER, new byte[0], 0, -1, record));
        assertThrows(IllegalArgumentException.class, () -> new Message.Store(1, SENDER, new byte[0], 1, -2, record));
        assertThrows(NullPointerException.class, () -> new Message.Store(1, SENDER, new byte[0], 1, -1, null));
        assertThrows(IllegalArgumentException.class, () -> new Message.FindValue(1, SENDER, Id.ZERO, -2));
        assertThrows(IllegalArgumentException.class, () -> new Message.FindNode(1, SENDER, Id.ZERO, (byte) 2));
        assertThrows(IllegalArgumentException.class, () -> new Message.StoreResult(1, SENDER, 256));
        assertThrows(IllegalArgumentException.class, () -> new Message.StoreResult(1, SENDER, -1));
        assertThrows(IllegalArgumentException.class, () -> new Message.Error(1, SENDER, 0, "é".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> new Message.Error(1, SENDER, 0, "lone \uD800 surrogate"));
        assertThrows(NullPointerException.class, () -> new Message.Notify(1, null));
        new Message.Error(1, SENDER, 255, "é".repeat(100)); // exactly 200 bytes
    }

    @Test
    void addressesThatCannotGoOnTheWire_areRejected() throws Exception {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("example.org", 4000);
        InetSocketAddress port0 = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 0);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        InetSocketAddress mappedV6 = new InetSocketAddress(Inet6Address.getByAddress(null, mapped, -1), 4000);
        for (InetSocketAddress bad : List.of(unresolved, port0, mappedV6)) {
            assertThrows(IllegalArgumentException.class, () -> new WireContact(Id.ZERO, bad), bad::toString);
            assertThrows(IllegalArgumentException.class,
                    () -> NodeRecord.of(new byte[32], bad, 0, new byte[64]), bad::toString);
            assertThrows(IllegalArgumentException.class,
                    () -> new Message.Pong(1, SENDER, random.nodeRecord(false), bad), bad::toString);
        }
    }

    @Test
    void arraysAndLists_areCopiedIn_soLaterChangesDoNotLeakIntoTheMessage() {
        byte[] token = {1, 2, 3};
        List<WireContact> contacts = new ArrayList<>(random.contacts(2, false));
        Message.Nodes m = new Message.Nodes(1, SENDER, token, false, contacts);
        token[0] = 9;
        contacts.clear();
        assertEquals(1, m.token()[0]);
        assertEquals(2, m.contacts().size());
        m.token()[1] = 9;
        assertEquals(2, m.token()[1]);
        assertThrows(UnsupportedOperationException.class, () -> m.contacts().clear());
    }

    @Test
    void messagesWithTokens_compareTokensByContent() {
        List<WireContact> none = Collections.emptyList();
        assertEquals(new Message.Nodes(1, SENDER, new byte[] {1}, true, none),
                new Message.Nodes(1, SENDER, new byte[] {1}, true, none));
        assertNotEquals(new Message.Nodes(1, SENDER, new byte[] {1}, true, none),
                new Message.Nodes(1, SENDER, new byte[] {2}, true, none));
        assertEquals(Message.Token.copyOf(new byte[] {1}).hashCode(), Message.Token.copyOf(new byte[] {1}).hashCode());
        assertTrue(new Message.Value(1, SENDER, new byte[] {10, 11}, null, 0, none).toString().contains("=0a0b,"));
    }

    @Test
    void wireContact_becomesARoutingContactSeenNow_andBack() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 9000);
        WireContact wire = new WireContact(SENDER, address);
        Contact contact = wire.toContact(1234);
        assertEquals(SENDER, contact.id());
        assertEquals(address, contact.address());
        assertEquals(1234, contact.lastSeen());
        assertEquals(0, contact.failures());
        assertEquals(wire, WireContact.of(contact));
        assertEquals(51, wire.encodedSize());
        assertTrue(new WireContact(SENDER, new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 1)).encodedSize() == 39);
    }
}
