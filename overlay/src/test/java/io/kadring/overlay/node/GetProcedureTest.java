package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** A get, scripted: FIND_VALUE answers validated, highest seq wins, early stop, a copy cached on the path. */
final class GetProcedureTest {
    private static final long INTERVAL = 3_600_000;
    private final Scripted s = new Scripted(60, 30);
    private final Identity owner = s.identity();
    private final SignedRecord seq1 = SignedRecord.sign(owner, new byte[0], 1, new byte[] {1});
    private final SignedRecord seq2 = SignedRecord.sign(owner, new byte[0], 2, new byte[] {2});
    private final Id key = seq1.key();
    private final List<String> dropped = new ArrayList<>();
    private final NodeMetrics metrics = new NodeMetrics() {
        @Override
        public void dropped(String reason) {
            dropped.add(reason);
        }
    };

    private GetProcedure get(int enough) {
        LocalNode local = s.local(NodeConfig.builder().getEnough(enough)
                .replicateInterval(java.time.Duration.ofMillis(INTERVAL)).build(), metrics, Scripted.NO_TIMERS);
        return new GetProcedure(key, Optional.empty(), RecordValidator.standard(), local,
                q -> s.lookups.xor(key, LookupKind.VALUE, List.of(), q));
    }

    /** The world's k closest to the key hold what {@code held} says; others hold nothing. */
    private BiFunction<Request, Message, Message> holders(Map<Integer, SignedRecord> held) {
        List<Contact> truth = s.closest(key, s.config.k());
        return (r, m) -> {
            Contact at = s.contactAt(r.to());
            if (m instanceof Message.Store) return new Message.StoreResult(m.txId(), at.id(), Message.StoreResult.STORED);
            SignedRecord record = held.get(truth.indexOf(at));
            return new Message.Value(m.txId(), at.id(), Scripted.token(at), record, record == null ? 0 : 600_000,
                    WireContacts.wire(s.closest(key, s.config.k())));
        };
    }

    @Test
    void highestValidSeqWins_andAForgedCopyIsDroppedAndCounted() {
        SignedRecord forged = new SignedRecord(seq2.publicKey(), seq2.salt(), 9, seq2.value(), seq2.signature());
        GetResult result = s.run(get(20), holders(Map.of(0, seq1, 1, seq2, 2, forged, 3, seq1)));
        assertEquals(Optional.of(seq2), result.record());
        assertEquals(1, result.agreeing());
        assertTrue(dropped.contains("invalid_record"));
    }

    @Test
    void stopsOnceEnoughAnswersAgree_withoutWaitingForTheRest() {
        Map<Integer, SignedRecord> all = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) all.put(i, seq2);
        GetResult result = s.run(get(3), holders(all));
        assertEquals(3, result.agreeing(), "done at the third agreeing answer");
        assertTrue(s.settled < s.sentOf(Message.Type.FIND_VALUE).size() || s.settled < 20,
                "answers still in flight were not waited for (" + s.settled + " settled)");
    }

    @Test
    void cachesAtTheClosestNodeOnThePathThatLackedIt_forAHalvedLifetimePerCloserHolder() {
        // only the 6th closest holds it: the closest lacking node is the 1st, with no holder closer than it
        GetResult result = s.run(get(3), holders(Map.of(5, seq1)));
        assertEquals(Optional.of(seq1), result.record());
        List<Scripted.Sent> stores = s.sentOf(Message.Type.STORE);
        assertEquals(1, stores.size(), "one cache STORE");
        assertEquals(s.closest(key, 1).get(0).address(), stores.get(0).request().to());
        assertEquals(600_000, ((Message.Store) stores.get(0).message()).lifetimeMillis(),
                "never beyond what the record has left, halved by no closer holder");
    }
}
