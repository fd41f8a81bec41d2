package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Check-predecessor and liveness checks, scripted: a PONG keeps a contact, an error or silence does not. */
final class PingProcedureTest {
    private final Scripted s = new Scripted(5, 5);
    private final NodeRecord selfRecord = NodeRecord.sign(s.identity(), Scripted.publicAddress(9_999), 1);
    private final Contact contact = s.world.get(0);
    private final List<Id> failed = new ArrayList<>();
    private final Vouching vouching = new Vouching() {
        @Override
        public boolean isVouchedFor(Id id, InetSocketAddress address) {
            return true;
        }

        @Override
        public void verify(InetSocketAddress address) {}

        @Override
        public void failed(Id id, InetSocketAddress address) {
            failed.add(id);
        }
    };

    @Test
    void aPongFromTheContact_isItsAnswer_andNoFailure() {
        Message answer = s.run(PingProcedure.contact(contact, s.self, () -> selfRecord, vouching),
                (r, m) -> new Message.Pong(m.txId(), contact.id(), selfRecord, selfRecord.address()));
        assertInstanceOf(Message.Pong.class, answer);
        assertTrue(failed.isEmpty());
        Message.Ping ping = (Message.Ping) s.sent.get(0).message();
        assertEquals(selfRecord, ping.nodeRecord(), "our record travels in the PING");
    }

    @Test
    void anErrorInsteadOfAPong_isTheContactsFailure() {
        s.run(PingProcedure.contact(contact, s.self, () -> selfRecord, vouching),
                (r, m) -> new Message.Error(m.txId(), contact.id(), 1, "no"));
        assertEquals(List.of(contact.id()), failed);
    }

    @Test
    void silence_endsItWithNoAnswer() {
        Message answer = s.run(PingProcedure.address(contact.address(), s.self, () -> selfRecord), (r, m) -> null);
        assertNull(answer);
        assertNull(s.sent.get(0).request().expected(), "to an address, anyone may answer");
    }
}
