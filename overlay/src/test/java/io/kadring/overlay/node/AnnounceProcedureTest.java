package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementLimits;
import io.kadring.storage.AnnouncementStore;
import io.kadring.storage.RejectReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An announce, scripted: lookup of the topic, then one ANNOUNCE per holder with its token, then the verdicts. */
final class AnnounceProcedureTest {
    private final Scripted s = new Scripted(60, 30);
    private final AnnouncementStore local = new AnnouncementStore(AnnouncementLimits.defaults());
    private final Announcement announcement = Announcement.sign(s.identity(), Announcement.topicKey(new byte[] {1}), 7,
            new byte[] {10, 0, 0, 1, 0x1c, (byte) 0xfc});

    private AnnounceProcedure announce() {
        return new AnnounceProcedure(announcement, 30 * 60_000, s.local, local, s.tokenLookups());
    }

    @Test
    void announcesAtTheKClosestToTheTopic_eachWithItsTokenAndTheLifetime() {
        PutResult result = s.run(announce(), s.afterLookup((m, c) ->
                new Message.AnnounceResult(m.txId(), c.id(), Message.StoreResult.STORED)));

        List<Contact> truth = s.closest(announcement.topic(), s.config.k());
        List<Scripted.Sent> sent = s.sentOf(Message.Type.ANNOUNCE);
        boolean selfAmongThem = s.selfAmong(announcement.topic(), truth);
        assertEquals(selfAmongThem ? truth.size() - 1 : truth.size(), sent.size());
        for (Scripted.Sent a : sent) {
            Message.Announce m = (Message.Announce) a.message();
            assertTrue(truth.contains(s.contactAt(a.request().to())), "only to the k closest");
            assertArrayEquals(Scripted.token(s.contactAt(a.request().to())), m.token());
            assertEquals(30 * 60_000, m.lifetimeMillis());
            assertEquals(announcement, m.announcement());
        }
        assertEquals(s.config.k(), result.stored());
        assertTrue(result.succeeded());
        assertEquals(announcement.topic(), result.key());
        assertEquals(7, result.seq());
        assertEquals(s.sent.size(), result.messages());
    }

    @Test
    void refusalsAndSilence_areOutcomesWithReasons() {
        List<Contact> truth = s.closest(announcement.topic(), s.config.k());
        PutResult result = s.run(announce(), s.byRank(announcement.topic(), (m, c, at) -> {
            if (at < 5) return new Message.AnnounceResult(m.txId(), c.id(), RejectReason.SEQ_TOO_LOW.code());
            if (at < 8) return null;
            return new Message.AnnounceResult(m.txId(), c.id(), Message.StoreResult.STORED);
        }));
        List<Integer> asked = s.sentOf(Message.Type.ANNOUNCE).stream()
                .map(a -> truth.indexOf(s.contactAt(a.request().to()))).toList();
        long refused = asked.stream().filter(at -> at < 5).count();
        long silent = asked.stream().filter(at -> at >= 5 && at < 8).count();
        assertTrue(refused >= 4 && silent >= 2, "the holders asked: " + asked);
        assertEquals(refused, (long) result.rejections().get(RejectReason.SEQ_TOO_LOW));
        assertEquals(silent, result.outcomes().stream().filter(o -> o.status() == PutResult.Status.TIMED_OUT).count());
        assertEquals(result.outcomes().size() - refused - silent, result.stored());
    }
}
