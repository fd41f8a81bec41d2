package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.metrics.NodeMetrics;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A holder's listeners: token-proven, bounded, expiring, rate-limited. Public-looking addresses. */
final class ListenerTableTest {
    private final Scripted s = new Scripted(1, 0);
    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private final List<Long> sentSeqs = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> timerDelays = new ArrayList<>();
    private final ListenerTable table = new ListenerTable(s.local(s.config, NodeMetrics.noop(), (delay, task) -> {
        timerDelays.add(delay);
        timers.add(task);
        return () -> { };
    }), (to, m) -> {
        sentTo.add(to);
        sentSeqs.add(((Message.Update) m).record().seq());
    });
    private final Identity owner = s.identity();
    private final SignedRecord v1 = SignedRecord.sign(owner, new byte[0], 1, "a".getBytes(StandardCharsets.UTF_8));
    private final SignedRecord v2 = SignedRecord.sign(owner, new byte[0], 2, "b".getBytes(StandardCharsets.UTF_8));

    private static InetSocketAddress at(int host, int port) {
        return new InetSocketAddress("45.7." + (host >> 8) + "." + (host & 255), port);
    }

    @Test
    void newVersion_goesToEachLiveListenerOfItsKeyOnly() {
        table.subscribe(v1.key(), at(1, 1), s.now);
        table.subscribe(v1.key(), at(2, 1), s.now);
        table.subscribe(Id.ZERO, at(3, 1), s.now);
        table.onNewVersion(v1, s.now);
        assertEquals(List.of(at(1, 1), at(2, 1)), sentTo);
    }

    @Test
    void subscriptions_expireUnlessRenewed() {
        table.subscribe(v1.key(), at(1, 1), s.now);
        table.subscribe(v1.key(), at(2, 1), s.now);
        s.now += ListenerTable.LIFETIME_MILLIS - 1;
        table.subscribe(v1.key(), at(2, 1), s.now); // renewed
        assertEquals(2, table.size(), "a renewal is not a second subscription");
        s.now += 1;
        table.onNewVersion(v1, s.now);
        assertEquals(List.of(at(2, 1)), sentTo);
        assertEquals(1, table.size());
    }

    @Test
    void aListenerGetsAtMostOneUpdatePerKeyPerGap_theNewestThatCameWithinItAtItsEnd() {
        SignedRecord v3 = SignedRecord.sign(owner, new byte[0], 3, "c".getBytes(StandardCharsets.UTF_8));
        table.subscribe(v1.key(), at(1, 1), s.now);
        table.onNewVersion(v1, s.now);
        s.now += 400;
        table.onNewVersion(v2, s.now);
        s.now += 100;
        table.onNewVersion(v3, s.now);
        assertEquals(List.of(1L), sentSeqs, "within the gap: waits");
        assertEquals(List.of(ListenerTable.MIN_UPDATE_GAP_MILLIS - 400), timerDelays, "one timer, to the gap's end");

        s.now += ListenerTable.MIN_UPDATE_GAP_MILLIS - 500;
        timers.get(0).run();
        assertEquals(List.of(1L, 3L), sentSeqs, "the newest, once");
    }

    @Test
    void oneSourceIp_holdsAtMostItsShare_andAKeyAtMostItsOwn() {
        for (int port = 1; port <= ListenerTable.MAX_PER_SOURCE; port++) {
            assertEquals(Message.Listening.LISTENING, table.subscribe(Id.ofWords(port, 0, 0, 0), at(1, port), s.now));
        }
        assertEquals(RejectReason.QUOTA_EXCEEDED.code(), table.subscribe(Id.ZERO, at(1, 9_999), s.now));
        assertEquals(Message.Listening.LISTENING, table.subscribe(Id.ZERO, at(2, 1), s.now), "another IP may");

        for (int host = 10; host < 10 + ListenerTable.MAX_PER_KEY; host++) {
            assertEquals(Message.Listening.LISTENING, table.subscribe(v1.key(), at(host, 1), s.now));
        }
        assertEquals(RejectReason.QUOTA_EXCEEDED.code(), table.subscribe(v1.key(), at(999, 1), s.now));
    }

    @Test
    void handler_refusesABadTokenWithoutARecord_andAnswersAValidOneWithTheNewerRecordHeld() {
        TokenIssuer tokens = new TokenIssuer(s.random, 300_000, s.now);
        RecordStore store = new RecordStore(s.config.store(), () -> s.now);
        store.put(v2, 60_000, null, s.now);
        List<Message> answers = new ArrayList<>();
        ListenHandler handler = new ListenHandler(s.local, (to, m) -> answers.add(m), tokens, table, store);
        InetSocketAddress from = at(5, 5);

        handler.answer(from, new Message.Listen(1, Id.ZERO, new byte[8], v2.key(), -1));
        handler.answer(from, new Message.Listen(2, Id.ZERO, tokens.issue(from, s.now), v2.key(), 1));
        handler.answer(from, new Message.Listen(3, Id.ZERO, tokens.issue(from, s.now), v2.key(), 2));

        Message.Listening refused = (Message.Listening) answers.get(0);
        assertEquals(RejectReason.BAD_TOKEN.code(), refused.status());
        assertEquals(null, refused.record());
        Message.Listening newer = (Message.Listening) answers.get(1);
        assertEquals(Message.Listening.LISTENING, newer.status());
        assertEquals(v2, newer.record());
        assertEquals(null, ((Message.Listening) answers.get(2)).record(), "seq 2 is known already");
        assertEquals(1, table.size());
    }
}
