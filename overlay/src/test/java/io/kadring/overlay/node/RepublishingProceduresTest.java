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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-off and publish, scripted. */
final class RepublishingProceduresTest {
    private final Scripted s = new Scripted(40, 20);
    private final RecordStore store = new RecordStore(s.config.store(), () -> s.now);
    private final Identity owner = s.identity();
    private final SignedRecord record = SignedRecord.sign(owner, new byte[0], 3, new byte[] {3});
    private final Contact newcomer = s.world.get(0);

    @Test
    void handOff_storesAtANewcomerThatLacksTheSeq_withItsToken() {
        store.put(record, 60_000, null, s.now, -1);
        HandOffProcedure handOff = new HandOffProcedure(newcomer, record.key(), s.self, store);
        boolean stored = s.run(handOff, (r, m) -> m instanceof Message.FindValue
                ? new Message.Value(m.txId(), newcomer.id(), new byte[] {9}, null, 0, List.of())
                : new Message.StoreResult(m.txId(), newcomer.id(), Message.StoreResult.STORED));
        assertTrue(stored);
        Message.FindValue asked = (Message.FindValue) s.sentOf(Message.Type.FIND_VALUE).get(0).message();
        assertEquals(3, asked.minSeq(), "asks for the seq it would hand over");
        Message.Store sent = (Message.Store) s.sentOf(Message.Type.STORE).get(0).message();
        assertEquals(record, sent.record());
        assertEquals(1, sent.token().length);
    }

    @Test
    void handOff_toANodeThatHoldsTheSeqAlready_sendsNoStore() {
        store.put(record, 60_000, null, s.now, -1);
        HandOffProcedure handOff = new HandOffProcedure(newcomer, record.key(), s.self, store);
        boolean stored = s.run(handOff, (r, m) -> new Message.Value(m.txId(), newcomer.id(), new byte[] {9}, record,
                50_000, List.of()));
        assertFalse(stored);
        assertTrue(s.sentOf(Message.Type.STORE).isEmpty());
    }

    @Test
    void handOff_ofARecordNoLongerHeld_asksNothing() {
        HandOffProcedure handOff = new HandOffProcedure(newcomer, record.key(), s.self, store);
        assertFalse(s.run(handOff, (r, m) -> null));
        assertTrue(s.sent.isEmpty());
    }

    @Test
    void publish_signsTheSeqAfterTheHighestFound() {
        PublishProcedure publish = new PublishProcedure(owner, new byte[0], new byte[] {4}, -1, 0, get(),
                r -> PutProcedure.put(r, 60_000, -1, s.local, store, s.tokenLookups()));
        PutResult result = s.run(publish, (r, m) -> {
            Contact at = s.contactAt(r.to());
            if (m instanceof Message.FindValue) {
                return new Message.Value(m.txId(), at.id(), new byte[] {1}, record, 50_000, List.of());
            }
            if (m instanceof Message.FindNode) return s.nodes(r, m);
            return new Message.StoreResult(m.txId(), at.id(), Message.StoreResult.STORED);
        });
        assertEquals(4, result.seq(), "3 was found");
        assertEquals(4, publish.signed().seq());
        assertTrue(result.succeeded());
    }

    @Test
    void publish_asACompareAndSwap_skipsTheGet() {
        PublishProcedure publish = new PublishProcedure(owner, new byte[0], new byte[] {4}, 7, 0, null,
                r -> PutProcedure.put(r, 60_000, 7, s.local, store, s.tokenLookups()));
        s.run(publish, s.afterLookup((m, c) ->
                new Message.StoreResult(m.txId(), c.id(), Message.StoreResult.STORED)));
        assertTrue(s.sentOf(Message.Type.FIND_VALUE).isEmpty());
        assertEquals(8, publish.signed().seq());
        assertEquals(7, ((Message.Store) s.sentOf(Message.Type.STORE).get(0).message()).expectedSeq());
    }

    private GetProcedure get() {
        return new GetProcedure(record.key(), Optional.empty(), RecordValidator.standard(), s.local,
                q -> s.lookups.xor(record.key(), LookupKind.VALUE, List.of(), q));
    }
}
