package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listening, scripted: lookup, a LISTEN per holder, records from answers and UPDATEs, renewal. */
final class ListenProcedureTest {
    private final Scripted s = new Scripted(60, 30);
    private final Identity owner = s.identity();
    private final byte[] salt = "feed".getBytes(StandardCharsets.UTF_8);
    private final Id key = SignedRecord.mutableKey(owner.publicKey(), salt);
    private final List<SignedRecord> heard = new ArrayList<>();
    private final ListenProcedure listen = new ListenProcedure(key, s.local, RecordValidator.standard(),
            (k, tokens) -> s.lookups.closest(k, tokens, List.of()), heard::add);

    private SignedRecord v(long seq) {
        return SignedRecord.sign(owner, salt, seq, ("v" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** Holders answer LISTENING, each with {@code held} (null: nothing newer). */
    private void subscribe(SignedRecord held) {
        s.run(listen, s.afterLookup((m, c) ->
                new Message.Listening(m.txId(), c.id(), Message.Listening.LISTENING,
                        ListenerTable.LIFETIME_MILLIS, held)));
    }

    private List<Contact> remoteClosest() {
        return s.closest(key, s.config.k()).stream().filter(c -> !c.id().equals(s.self)).toList();
    }

    @Test
    void listensAtTheKClosestFound_eachWithTheTokenItGave_andHearsTheHeldRecordOnce() {
        subscribe(v(3));

        List<Scripted.Sent> listens = s.sentOf(Message.Type.LISTEN);
        assertEquals(remoteClosest().stream().map(Contact::address).toList(),
                listens.stream().map(x -> x.request().to()).toList());
        for (Scripted.Sent l : listens) {
            Message.Listen m = (Message.Listen) l.message();
            assertArrayEquals(Scripted.token(s.contactAt(l.request().to())), m.token());
            assertEquals(key, m.key());
            assertEquals(-1, m.knownSeq());
        }
        assertEquals(List.of(v(3)), heard, "twenty holders had seq 3: heard once");
        assertEquals(listens.size(), listen.listening());
        assertFalse(listen.isDone());
    }

    @Test
    void updates_fromHoldersAreDeliveredInSeqOrderOnce_andStrangersForgeriesAndOlderSeqsAreNot() {
        subscribe(null);
        Contact holder = remoteClosest().get(0);
        Contact other = remoteClosest().get(1);

        assertTrue(listen.offer(holder.address(), v(5)));
        assertTrue(listen.offer(other.address(), v(5)));
        assertTrue(listen.offer(other.address(), v(4)));
        assertFalse(listen.offer(Scripted.publicAddress(4_444), v(9)), "not a holder we listen at");
        SignedRecord seven = v(7);
        byte[] sig = seven.signature();
        sig[0] ^= 1;
        listen.offer(holder.address(), new SignedRecord(seven.publicKey(), seven.salt(), 7, seven.value(), sig));
        SignedRecord tombstone = SignedRecord.tombstone(owner, salt, 8);
        listen.offer(holder.address(), tombstone);

        assertEquals(List.of(v(5), tombstone), heard);
        assertEquals(8, listen.seen());
    }

    @Test
    void renews_atTheRenewInterval_withANewLookup_andTheSeqSeen() {
        subscribe(v(2));
        int lookupsBefore = s.sentOf(Message.Type.FIND_NODE).size();
        assertEquals(s.now + ListenProcedure.RENEW_MILLIS, listen.deadline());

        s.now += ListenProcedure.RENEW_MILLIS - 1;
        assertEquals(List.of(), listen.poll(s.now), "not yet");
        s.now += 1;
        s.sent.clear();
        subscribe(null);

        assertTrue(s.sentOf(Message.Type.FIND_NODE).size() > 0 && lookupsBefore > 0, "a new lookup");
        List<Scripted.Sent> listens = s.sentOf(Message.Type.LISTEN);
        assertEquals(remoteClosest().size(), listens.size());
        assertTrue(listens.stream().allMatch(l -> ((Message.Listen) l.message()).knownSeq() == 2));
    }

    @Test
    void cancel_stopsDeliveryAndEndsItAtTheNextPoll() {
        subscribe(null);
        listen.cancel();
        assertFalse(listen.offer(remoteClosest().get(0).address(), v(1)));
        assertEquals(List.of(), listen.poll(s.now));
        assertTrue(listen.isDone());
        assertEquals(List.of(), heard);
    }

    @Test
    void refusals_areCountedNotListened() {
        s.run(listen, s.afterLookup((m, c) ->
                new Message.Listening(m.txId(), c.id(), 9, 0, null)));
        assertEquals(0, listen.listening());
    }
}
