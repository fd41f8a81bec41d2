package io.kadring.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The announcement store: seqs, expiry, the per-topic and per-source bounds, paging. */
final class AnnouncementStoreTest {
    private static final long MINUTE = 60_000;
    private final SplittableRandom random = new SplittableRandom(3);
    private final Id topic = Announcement.topicKey("swarm".getBytes(StandardCharsets.UTF_8));
    private final AnnouncementStore store = new AnnouncementStore(AnnouncementLimits.defaults());
    private final InetSocketAddress source = address(45, 1, 2, 3);

    private Identity identity() {
        byte[] seed = new byte[Identity.SEED_BYTES];
        random.nextBytes(seed);
        return Identity.fromSeed(seed);
    }

    private static InetSocketAddress address(int a, int b, int c, int d) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}), 7420);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNewerSeqReplaces_anOlderIsRefused_andTheSameSeqWithOtherBytesIsReused() {
        Identity me = identity();
        assertEquals(StoreOutcome.Status.STORED, store.put(Announcement.sign(me, topic, 5, text("a")), 30 * MINUTE, source, 0).status());
        assertEquals(StoreOutcome.Status.REPLACED, store.put(Announcement.sign(me, topic, 6, text("b")), 30 * MINUTE, source, 1).status());
        assertEquals(RejectReason.SEQ_TOO_LOW, store.put(Announcement.sign(me, topic, 5, text("a")), 30 * MINUTE, source, 2).reason().orElseThrow());
        assertEquals(RejectReason.SEQ_REUSED, store.put(Announcement.sign(me, topic, 6, text("c")), 30 * MINUTE, source, 3).reason().orElseThrow());
        assertEquals(1, store.size());
        assertEquals("b", new String(store.all(topic, 4).get(0).announcement().payload(), StandardCharsets.UTF_8));
    }

    @Test
    void anEntryExpiresAtTheEndOfItsLifetime_unlessRefreshed() {
        Identity me = identity();
        Identity other = identity();
        Announcement mine = Announcement.sign(me, topic, 1, text("me"));
        store.put(mine, 30 * MINUTE, source, 0);
        store.put(Announcement.sign(other, topic, 1, text("other")), 30 * MINUTE, source, 0);
        assertEquals(StoreOutcome.Status.REFRESHED, store.put(mine, 30 * MINUTE, source, 15 * MINUTE).status());

        assertEquals(2, store.all(topic, 30 * MINUTE - 1).size());
        List<HeldAnnouncement> left = store.all(topic, 30 * MINUTE);
        assertEquals(1, left.size(), "the other expired exactly at 30 min");
        assertTrue(left.get(0).announcement().isBy(me.publicKey()));
        assertEquals(15 * MINUTE, left.get(0).remainingLifetime(30 * MINUTE));
        store.cleanUp(45 * MINUTE);
        assertEquals(0, store.size());
        assertEquals(0, store.topics());
    }

    @Test
    void aBadSignatureOrNoLifetime_isRefused() {
        Announcement good = Announcement.sign(identity(), topic, 1, text("x"));
        byte[] signature = good.signature();
        signature[0] ^= 1;
        Announcement forged = new Announcement(topic, good.publicKey(), 1, good.payload(), signature);
        assertEquals(RejectReason.BAD_SIGNATURE, store.put(forged, MINUTE, source, 0).reason().orElseThrow());
        assertEquals(RejectReason.EXPIRED, store.put(good, 0, source, 0).reason().orElseThrow());
        assertEquals(0, store.size());
    }

    @Test
    void oneSourceCannotFillATopic_orTheHolder_withTheDefaultLimits() {
        InetSocketAddress sameHost = address(45, 1, 2, 3);
        int stored = 0;
        for (int i = 0; i < AnnouncementLimits.DEFAULT_MAX_PER_SOURCE_PER_TOPIC + 5; i++) {
            StoreOutcome o = store.put(Announcement.sign(identity(), topic, 1, text("p" + i)), MINUTE, sameHost, 0);
            if (o.isStored()) stored++;
            else assertEquals(RejectReason.QUOTA_EXCEEDED, o.reason().orElseThrow());
        }
        assertEquals(AnnouncementLimits.DEFAULT_MAX_PER_SOURCE_PER_TOPIC, stored);
        assertTrue(store.put(Announcement.sign(identity(), topic, 1, text("q")), MINUTE, address(45, 9, 9, 9), 0).isStored(),
                "another source still gets in");

        // over many topics, the source's total bound
        AnnouncementStore fresh = new AnnouncementStore(AnnouncementLimits.defaults());
        Identity me = identity();
        int total = 0;
        for (int t = 0; t < AnnouncementLimits.DEFAULT_MAX_PER_SOURCE + 10; t++) {
            Id key = Announcement.topicKey(text("topic " + t));
            if (fresh.put(Announcement.sign(me, key, 1, text("x")), MINUTE, sameHost, 0).isStored()) total++;
        }
        assertEquals(AnnouncementLimits.DEFAULT_MAX_PER_SOURCE, total);
        assertEquals(AnnouncementLimits.DEFAULT_MAX_PER_SOURCE, fresh.countOfSource(sameHost));
    }

    @Test
    void aFullTopic_dropsTheAnnouncerHeardFromLongestAgo() {
        AnnouncementStore small = new AnnouncementStore(new AnnouncementLimits(3, 10, 100, 100, 10 * MINUTE));
        List<Identity> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) ids.add(identity());
        for (int i = 0; i < 3; i++) small.put(Announcement.sign(ids.get(i), topic, 1, text("" + i)), MINUTE, source, i);
        small.put(Announcement.sign(ids.get(0), topic, 1, text("0")), MINUTE, source, 10); // refreshed: newest now
        assertTrue(small.put(Announcement.sign(ids.get(3), topic, 1, text("3")), MINUTE, source, 11).isStored());
        assertEquals(3, small.count(topic));
        assertFalse(small.get(topic, ids.get(1).publicKey(), 11).isPresent(), "the oldest announcer went");
        assertTrue(small.get(topic, ids.get(0).publicKey(), 11).isPresent());
    }

    @Test
    void pagesFollowTheAnnouncersKeys_afterTheCursor() {
        for (int i = 0; i < 25; i++) {
            store.put(Announcement.sign(identity(), topic, 1, text("p" + i)), MINUTE, address(45, 0, i, 1), 0);
        }
        List<HeldAnnouncement> seen = new ArrayList<>();
        byte[] cursor = null;
        while (true) {
            List<HeldAnnouncement> page = store.page(topic, cursor, 7, 1);
            if (page.isEmpty()) break;
            seen.addAll(page);
            cursor = page.get(page.size() - 1).announcement().publicKey();
        }
        assertEquals(25, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(Announcement.compareKeys(seen.get(i - 1).announcement().publicKey(),
                    seen.get(i).announcement().publicKey()) < 0, "in key order, none twice");
        }
    }
}
