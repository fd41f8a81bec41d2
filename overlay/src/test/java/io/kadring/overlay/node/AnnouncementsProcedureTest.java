package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementLimits;
import io.kadring.storage.AnnouncementStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An announcements lookup, scripted: the lookup of the topic, then pages from the closest
 * holders, merged to one entry per announcer; paging ends where it should.
 */
final class AnnouncementsProcedureTest {
    private static final long MINUTE = 60_000;
    private final Scripted s = new Scripted(60, 30);
    private final Id topic = Announcement.topicKey(new byte[] {2});
    private final AnnouncementStore local = new AnnouncementStore(AnnouncementLimits.defaults());
    /** What each holder of the world holds. */
    private final Map<Contact, AnnouncementStore> holders = new HashMap<>();

    private AnnouncementsProcedure lookup(int max) {
        return lookup(max, Announcement::verifySignature);
    }

    private AnnouncementsProcedure lookup(int max, java.util.function.Predicate<Announcement> signatures) {
        return new AnnouncementsProcedure(topic, max, s.local, local, signatures, key -> s.lookups.closest(key));
    }

    private AnnouncementStore holder(Contact c) {
        return holders.computeIfAbsent(c, x -> new AnnouncementStore(AnnouncementLimits.defaults()));
    }

    /** A world node's answer: NODES to FIND_NODE, a page of what it holds to GET_ANNOUNCEMENTS (as the handler pages). */
    private Message answer(Request r, Message m) {
        if (m instanceof Message.FindNode) return s.nodes(r, m);
        Message.GetAnnouncements get = (Message.GetAnnouncements) m;
        Contact from = s.contactAt(r.to());
        AnnouncementStore store = holder(from);
        var page = store.page(topic, get.after() == null ? null : get.after().toBytes(), Message.MAX_LISTED + 1, s.now);
        List<Message.Listed> listed = new ArrayList<>();
        for (var h : page.subList(0, Math.min(page.size(), Message.MAX_LISTED))) {
            listed.add(new Message.Listed(h.announcement(), h.remainingLifetime(s.now)));
        }
        return new Message.Announcements(m.txId(), from.id(), topic, store.count(topic), page.size() > Message.MAX_LISTED,
                listed);
    }

    private List<Announcement> announcers(int n) {
        List<Announcement> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(Announcement.sign(s.identity(), topic, 1, new byte[] {(byte) i}));
        return list;
    }

    private List<Contact> closestHolders() {
        return s.closest(topic, AnnouncementsProcedure.HOLDERS_ASKED);
    }

    @Test
    void mergesThePagesOfTheClosestHolders_oneEntryPerAnnouncer_theHighestSeq() {
        List<Announcement> all = announcers(30);
        List<Contact> closest = closestHolders();
        // each holder lacks a few, and one holds an older seq of announcer 0
        for (int h = 0; h < closest.size(); h++) {
            for (int i = 0; i < all.size(); i++) {
                if (i % closest.size() != h) holder(closest.get(h)).put(all.get(i), 30 * MINUTE, null, s.now);
            }
        }
        Identity zero = s.identity();
        holder(closest.get(0)).put(Announcement.sign(zero, topic, 1, new byte[] {1}), MINUTE, null, s.now);
        holder(closest.get(1)).put(Announcement.sign(zero, topic, 2, new byte[] {2}), MINUTE, null, s.now);

        AnnouncementsResult result = s.run(lookup(1000), this::answer);

        Set<Announcement> expected = new HashSet<>(all);
        expected.add(Announcement.sign(zero, topic, 2, new byte[] {2}));
        Set<Announcement> got = new HashSet<>();
        result.entries().forEach(f -> got.add(f.announcement()));
        assertEquals(expected, got, "every announcer once, at its highest seq");
        assertEquals(expected.size(), result.entries().size());
        for (int i = 1; i < result.entries().size(); i++) {
            assertTrue(Announcement.compareKeys(result.entries().get(i - 1).announcement().publicKey(),
                    result.entries().get(i).announcement().publicKey()) < 0, "in announcer key order");
        }
        Set<java.net.InetSocketAddress> asked = new HashSet<>();
        s.sentOf(Message.Type.GET_ANNOUNCEMENTS).forEach(x -> asked.add(x.request().to()));
        Set<java.net.InetSocketAddress> expectedAsked = new HashSet<>();
        boolean selfAmong = false;
        for (Contact c : s.closest(topic, s.config.k())) {
            if (topic.compareDistance(s.self, c.id()) < 0) selfAmong = true;
        }
        closest.stream().limit(selfAmong ? AnnouncementsProcedure.HOLDERS_ASKED - 1 : AnnouncementsProcedure.HOLDERS_ASKED)
                .forEach(c -> expectedAsked.add(c.address()));
        assertEquals(expectedAsked, asked, "the closest holders, and no one else");
    }

    @Test
    void stopsPagingOnceItHasMax_andDropsEntriesWhoseSignatureFails() {
        List<Announcement> all = announcers(40);
        for (Contact c : closestHolders()) {
            for (Announcement a : all) holder(c).put(a, 30 * MINUTE, null, s.now);
        }
        AnnouncementsResult few = s.run(lookup(12), this::answer);
        assertEquals(12, few.entries().size());
        int pages = s.sentOf(Message.Type.GET_ANNOUNCEMENTS).size();
        assertTrue(pages <= AnnouncementsProcedure.HOLDERS_ASKED + 1, pages + " pages for 12 entries");

        // a holder that forges its entries' signatures
        s.sent.clear();
        Contact liar = closestHolders().get(0);
        AnnouncementsResult result = s.run(lookup(1000), (r, m) -> {
            Message reply = answer(r, m);
            if (!(reply instanceof Message.Announcements page) || !s.contactAt(r.to()).equals(liar)) return reply;
            List<Message.Listed> forged = new ArrayList<>();
            for (Message.Listed e : page.entries()) {
                Announcement a = e.announcement();
                forged.add(new Message.Listed(new Announcement(topic, a.publicKey(), a.seq() + 1, a.payload(),
                        a.signature()), e.lifetimeMillis()));
            }
            return new Message.Announcements(m.txId(), page.sender(), topic, page.held(), page.more(), forged);
        });
        assertEquals(40, result.entries().size());
        assertTrue(result.entries().stream().allMatch(f -> f.announcement().seq() == 1), "no forged seq got in");
    }

    @Test
    void aHolderThatAlwaysSaysMore_isPagedAtMostMaxPages_andOneOutOfOrderIsNotPagedOn() {
        Identity one = s.identity();
        Contact endless = closestHolders().get(0);
        // every entry is refused (as an unsigned fake would be): the bound is on pages, not on what they bring
        AnnouncementsResult result = s.run(lookup(100_000, a -> false), (r, m) -> {
            if (m instanceof Message.FindNode) return s.nodes(r, m);
            Contact from = s.contactAt(r.to());
            if (!from.equals(endless)) return new Message.Announcements(m.txId(), from.id(), topic, 0, false, List.of());
            // a fresh announcer per page, with keys that keep rising, and "more" forever
            Message.GetAnnouncements get = (Message.GetAnnouncements) m;
            byte[] key = get.after() == null ? new byte[32] : get.after().toBytes();
            key[31]++;
            Announcement fake = new Announcement(topic, key, 1, new byte[0], new byte[64]);
            return new Message.Announcements(m.txId(), from.id(), topic, 65_535, true, List.of(new Message.Listed(fake, 1)));
        });
        long toEndless = s.sentOf(Message.Type.GET_ANNOUNCEMENTS).stream()
                .filter(x -> x.request().to().equals(endless.address())).count();
        assertEquals(AnnouncementsProcedure.MAX_PAGES, toEndless);
        assertEquals(0, result.entries().size(), "refused entries are not entries");

        s.sent.clear();
        Announcement a = Announcement.sign(one, topic, 1, new byte[0]);
        s.run(lookup(1000), (r, m) -> {
            if (m instanceof Message.FindNode) return s.nodes(r, m);
            Contact from = s.contactAt(r.to());
            // the same key on every page: not after the cursor
            return new Message.Announcements(m.txId(), from.id(), topic, 65_535, true, List.of(new Message.Listed(a, 1)));
        });
        long pagesPerHolder = s.sentOf(Message.Type.GET_ANNOUNCEMENTS).stream().map(x -> x.request().to()).distinct().count();
        assertTrue(s.sentOf(Message.Type.GET_ANNOUNCEMENTS).size() <= 2 * pagesPerHolder,
                "at most one page past the first each: " + s.sentOf(Message.Type.GET_ANNOUNCEMENTS).size());
    }
}
