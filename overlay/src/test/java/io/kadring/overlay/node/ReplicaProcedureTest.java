package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replica check, scripted: lookup, then one FIND_VALUE per closest node, then who holds which seq. */
final class ReplicaProcedureTest {
    private final Scripted s = new Scripted(60, 30);
    private final RecordStore local = new RecordStore(s.config.store(), () -> s.now);
    private final Identity owner = s.identity();
    private final SignedRecord seq4 = SignedRecord.sign(owner, new byte[0], 4, bytes("four"));
    private final SignedRecord seq3 = SignedRecord.sign(owner, new byte[0], 3, bytes("three"));
    private final List<Contact> truth = s.closest(seq4.key(), s.config.k());

    private ReplicaProcedure check() {
        return new ReplicaProcedure(s.local, local, RecordValidator.standard(),
                s.lookups.closest(seq4.key()));
    }

    private Message value(Message asked, Contact from, SignedRecord record) {
        return new Message.Value(asked.txId(), from.id(), Scripted.token(from), record, record == null ? 0 : 60_000,
                List.of());
    }

    @Test
    void countsTheHoldersOfEachSeq_amongTheTrueKClosest() {
        ReplicaReport report = s.run(check(), (r, m) -> {
            if (m instanceof Message.FindNode) return s.nodes(r, m);
            Contact from = s.contactAt(r.to());
            int at = truth.indexOf(from);
            if (at < 17) return value(m, from, seq4);
            if (at < 19) return value(m, from, seq3);
            return value(m, from, null);
        });

        List<Scripted.Sent> asks = s.sentOf(Message.Type.FIND_VALUE);
        assertEquals(truth.stream().map(Contact::address).toList(), asks.stream().map(x -> x.request().to()).toList(),
                "one FIND_VALUE to each of the true k closest");
        for (Scripted.Sent ask : asks) assertEquals(-1, ((Message.FindValue) ask.message()).minSeq(), "any seq");
        assertEquals(20, report.closest().size());
        assertEquals(4, report.newestSeq());
        assertEquals(17, report.holdingNewest());
        assertEquals(Map.of(4L, 17, 3L, 2), Map.of(4L, report.holdersBySeq().get(4L).size(),
                3L, report.holdersBySeq().get(3L).size()));
        assertEquals(1, report.none().size());
        assertEquals(11, report.quorum(), "a majority of 20 (put quorum 0)");
        assertTrue(report.meetsQuorum());
        assertEquals("17 of 20 closest hold seq 4; 2 hold seq 3; 1 none", report.summary());
        assertEquals(s.sent.size(), report.messages(), "every request counted");
    }

    @Test
    void silentNodes_forgedRecords_andErrors_holdNothing_andBelowQuorumSaysSo() {
        SignedRecord other = SignedRecord.sign(s.identity(), new byte[0], 9, bytes("not this key"));
        ReplicaReport report = s.run(check(), (r, m) -> {
            if (m instanceof Message.FindNode) return s.nodes(r, m);
            Contact from = s.contactAt(r.to());
            int at = truth.indexOf(from);
            if (at < 10) return value(m, from, seq4);
            if (at < 13) return value(m, from, other); // a record of another key proves nothing
            if (at < 15) return new Message.Error(m.txId(), from.id(), 1, "no");
            return null; // no answer
        });

        assertEquals(10, report.holdingNewest());
        assertEquals(4, report.newestSeq(), "the forged seq 9 is not counted");
        assertEquals(10, report.none().size());
        assertEquals(3, report.none().stream().filter(x -> x.state() == ReplicaReport.State.NONE).count());
        assertEquals(7, report.none().stream().filter(x -> x.state() == ReplicaReport.State.NO_ANSWER).count());
        assertFalse(report.meetsQuorum(), "10 of 20 is below a majority");
        assertEquals("10 of 20 closest hold seq 4; 10 none", report.summary());
    }

    @Test
    void thePutQuorum_whenSet_isTheBar() {
        Scripted q = new Scripted(60, 30);
        NodeConfig config = q.config.toBuilder().putQuorum(5).build();
        LocalNode node = q.local(config, q.local.metrics(), Scripted.NO_TIMERS);
        Lookups lookups = new Lookups(node, () -> Contact.seen(q.self, Scripted.publicAddress(9_999), q.now), q.table,
                q.ring, new KnownContacts(q.table, q.ring, () -> q.now));
        List<Contact> closest = q.closest(seq4.key(), config.k());
        ReplicaReport report = q.run(new ReplicaProcedure(node, local, RecordValidator.standard(),
                lookups.closest(seq4.key())), (r, m) -> {
                    if (m instanceof Message.FindNode) return q.nodes(r, m);
                    Contact from = q.contactAt(r.to());
                    return value(m, from, closest.indexOf(from) < 5 ? seq4 : null);
                });

        assertEquals(5, report.quorum());
        assertTrue(report.meetsQuorum(), "5 hold it, the put quorum is 5");
        assertEquals("5 of 20 closest hold seq 4; 15 none", report.summary());
    }

    @Test
    void noHolderAtAll_isBelowQuorum() {
        ReplicaReport report = s.run(check(), s.afterLookup((m, c) -> value(m, c, null)));
        assertEquals(-1, report.newestSeq());
        assertEquals(0, report.holdingNewest());
        assertFalse(report.meetsQuorum());
        assertEquals("0 of 20 closest hold the record; 20 none", report.summary());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
