package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A put, scripted: lookup, then one STORE per holder, then the quorum verdict. */
final class PutProcedureTest {
    private final Scripted s = new Scripted(60, 30);
    private final RecordStore local = new RecordStore(s.config.store(), () -> s.now);
    private final SignedRecord record = SignedRecord.sign(s.identity(), new byte[0], 1,
            "v".getBytes(StandardCharsets.UTF_8));

    private PutProcedure put() {
        return PutProcedure.put(record, 60_000, -1, s.local, local, s.tokenLookups());
    }

    @Test
    void storesAtTheKClosestFound_eachWithTheTokenItGave() {
        PutResult result = s.run(put(), s.afterLookup((m, c) ->
                new Message.StoreResult(m.txId(), c.id(), Message.StoreResult.STORED)));

        // the k closest of the world and this node: this node (when among them) stores locally
        List<Contact> truth = s.closest(record.key(), s.config.k());
        boolean selfAmongThem = s.selfAmong(record.key(), truth);
        List<Contact> remote = selfAmongThem ? truth.subList(0, truth.size() - 1) : truth;
        List<Scripted.Sent> stores = s.sentOf(Message.Type.STORE);
        assertEquals(remote.stream().map(Contact::address).toList(), stores.stream().map(x -> x.request().to()).toList(),
                "one STORE to each of the true k closest, closest first");
        assertEquals(selfAmongThem ? 1 : 0, local.size(), "stored here when this node is among them");
        for (Scripted.Sent store : stores) {
            assertArrayEquals(Scripted.token(s.contactAt(store.request().to())), ((Message.Store) store.message()).token());
        }
        assertEquals(truth.size(), result.stored());
        assertTrue(result.succeeded());
        assertEquals(s.sent.size(), result.messages(), "every request counted");
        assertEquals(s.config.k(), result.outcomes().size());
    }

    @Test
    void rejectionsAndTimeouts_areOutcomesWithReasons_andAMajorityDecides() {
        PutResult result = s.run(put(), s.byRank(record.key(), (m, c, at) -> {
            if (at < 9) return new Message.StoreResult(m.txId(), c.id(), Message.StoreResult.STORED);
            if (at < 15) return new Message.StoreResult(m.txId(), c.id(), RejectReason.QUOTA_EXCEEDED.code());
            return null; // no answer
        }));

        int local = result.outcomes().size() - s.sentOf(Message.Type.STORE).size(); // this node, if among them
        assertEquals(9 + local, result.stored());
        assertEquals(6, result.rejections().get(RejectReason.QUOTA_EXCEEDED));
        assertEquals(20 - 15 - local, result.outcomes().stream()
                .filter(o -> o.status() == PutResult.Status.TIMED_OUT).count());
        assertEquals(11, result.required(), "a majority of 20");
        assertFalse(result.succeeded());
    }

    @Test
    void replicate_storesTheNewestCopyHeldWhenTheLookupEnds_atTheOthersOnly() {
        local.put(record, 60_000, null, s.now, -1);
        SignedRecord newer = SignedRecord.sign(s.identity(), new byte[0], 1, new byte[] {2});
        PutProcedure replicate = PutProcedure.replicate(record.key(), s.local, local, s.tokenLookups());
        s.now += 1_000;
        PutResult result = s.run(replicate, s.afterLookup((m, c) ->
                new Message.StoreResult(m.txId(), c.id(), Message.StoreResult.STORED)));

        // the k closest of the world and this node; this node already holds it and stores nothing again
        List<Contact> truth = s.closest(record.key(), s.config.k());
        boolean selfAmongThem = s.selfAmong(record.key(), truth);
        int others = selfAmongThem ? truth.size() - 1 : truth.size();
        assertEquals(others, result.stored());
        assertEquals(others, s.sentOf(Message.Type.STORE).size(), "a STORE to every other holder, none to itself");
        Message.Store first = (Message.Store) s.sentOf(Message.Type.STORE).get(0).message();
        assertEquals(record, first.record());
        assertEquals(59_000, first.lifetimeMillis(), "what remains of its lifetime");
        assertFalse(newer.equals(first.record()));
    }

    @Test
    void replicate_ofARecordNoLongerHeld_sendsNoStore() {
        PutProcedure replicate = PutProcedure.replicate(record.key(), s.local, local, s.tokenLookups());
        PutResult result = s.run(replicate, (r, m) -> s.nodes(r, m));
        assertTrue(s.sentOf(Message.Type.STORE).isEmpty());
        assertEquals(0, result.outcomes().size());
    }
}
