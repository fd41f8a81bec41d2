package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import io.kadring.storage.AnnouncementLimits;
import io.kadring.storage.HeldAnnouncement;
import io.kadring.storage.RejectReason;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Announcements over 24 nodes with the default settings, in virtual time: a lookup merges every
 * announcer's entry from the holders; the default re-announce keeps entries past their 30-minute
 * lifetime while the announcer runs; an announcer that stops is gone once its entry's lifetime
 * ends; a shorter overall lifetime ends sooner; one source cannot fill a holder. One network for
 * the class (joining is the slow part), a topic per test; the test that stops nodes runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class AnnouncementsTest {
    private static final int NODES = 24;
    private static final long MINUTE = 60_000;
    private static final NodeConfig CONFIG = NodeConfig.defaults();
    private static final long LIMIT = 120_000;

    private final TestNetwork net = new TestNetwork(20261203, 15);
    private final List<TestNetwork.Member> nodes = new ArrayList<>();
    private Id topic;
    private int topics;

    @BeforeAll
    void joinNetwork() {
        for (int i = 0; i < NODES; i++) {
            // public-looking addresses, each in its own /24: the per-source limits apply
            TestNetwork.Member m = net.node(CONFIG, TestNetwork.address("45." + i + ".7.1", 4000));
            List<InetSocketAddress> bootstrap = nodes.isEmpty() ? List.of() : List.of(nodes.get(0).address());
            net.await(m.node().start(bootstrap), LIMIT, "node " + i + "'s join");
            nodes.add(m);
        }
        net.runFor(2 * CONFIG.stabilizeIntervalMillis());
    }

    @org.junit.jupiter.api.BeforeEach
    void newTopic() {
        topic = Announcement.topicKey(("swarm " + topics++).getBytes(StandardCharsets.UTF_8));
    }

    /** A node that is not among the k closest to the topic: it holds none of the entries. */
    private Node outsider() {
        return nodes.stream().map(TestNetwork.Member::node)
                .max(Comparator.comparing(Node::id, topic::compareDistance)).orElseThrow();
    }

    private Set<String> lookup(Node through) {
        AnnouncementsResult result = net.await(through.announcements(topic, 1000), LIMIT, "the announcements lookup");
        return result.entries().stream().map(f -> new String(f.announcement().payload(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    private Set<String> announce(int announcers, long lifetime) {
        Set<String> payloads = new HashSet<>();
        for (int i = 0; i < announcers; i++) {
            Node at = nodes.get(i).node();
            String payload = "peer-" + i;
            PutResult r = net.await(at.announce(net.identity(), topic, payload.getBytes(StandardCharsets.UTF_8), lifetime),
                    LIMIT, "announce " + i);
            assertTrue(r.succeeded(), r.toString());
            payloads.add(payload);
        }
        return payloads;
    }

    @Test
    @Order(1)
    void aLookup_returnsEveryAnnouncer_throughANodeThatHoldsNone_pagingPastOneDatagram() {
        Set<String> payloads = announce(NODES, Long.MAX_VALUE);
        Node outsider = outsider();
        assertTrue(outsider.heldAnnouncements(topic).isEmpty(), "the outsider holds none");
        AnnouncementsResult result = net.await(outsider.announcements(topic, 1000), LIMIT, "lookup");
        assertEquals(payloads, lookup(outsider));
        assertTrue(result.messages() > result.holdersAsked(), "more than one page per holder: " + result);

        AnnouncementsResult few = net.await(outsider.announcements(topic, 7), LIMIT, "a lookup of 7");
        assertEquals(7, few.entries().size());
    }

    @Test
    @Order(4)
    void theDefaultReannounce_keepsEntriesAlive_andAStoppedAnnouncersEntryEndsWithItsLifetime() {
        Set<String> payloads = announce(10, Long.MAX_VALUE);
        net.runFor(50 * MINUTE);
        assertEquals(payloads, lookup(outsider()), "re-announced every 15 min: alive after 50 min, past the 30-minute entry lifetime");

        // announcers 0..2 stop: their entries are not announced again
        Set<InetSocketAddress> stopped = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            nodes.get(i).node().close();
            stopped.add(nodes.get(i).address());
            payloads.remove("peer-" + i);
        }
        net.dropWhen((from, to) -> stopped.contains(from) || stopped.contains(to));
        Node reader = nodes.stream().map(TestNetwork.Member::node).filter(n -> !n.isClosed())
                .max(Comparator.comparing(Node::id, topic::compareDistance)).orElseThrow();
        net.runFor(Announcer.ENTRY_LIFETIME_MILLIS + MINUTE);
        assertEquals(payloads, lookup(reader), "the stopped announcers' entries are gone, the others are not");
    }

    @Test
    @Order(2)
    void aShortLifetime_endsTheEntry_thoughItsAnnouncerRuns() {
        announce(1, 20 * MINUTE);
        net.runFor(19 * MINUTE);
        assertEquals(Set.of("peer-0"), lookup(outsider()));
        net.runFor(2 * MINUTE);
        assertEquals(Set.of(), lookup(outsider()));
    }

    @Test
    @Order(3)
    void oneSource_cannotFillAHolder_andAnOlderSeqIsRefusedWithAReason() {
        Node source = nodes.get(0).node(); // at 45.0.7.1
        int over = AnnouncementLimits.DEFAULT_MAX_PER_SOURCE_PER_TOPIC + 3;
        PutResult last = null;
        for (int i = 0; i < over; i++) {
            last = net.await(source.announce(net.identity(), topic, new byte[] {(byte) i}, 10 * MINUTE), LIMIT,
                    "announce " + i);
        }
        assertTrue(last.rejections().getOrDefault(RejectReason.QUOTA_EXCEEDED, 0) > 0, last.toString());
        for (TestNetwork.Member m : nodes) {
            if (m.node() == source) continue;
            List<HeldAnnouncement> held = m.node().heldAnnouncements(topic);
            assertTrue(held.size() <= AnnouncementLimits.DEFAULT_MAX_PER_SOURCE_PER_TOPIC, m + " holds " + held.size());
        }

        Identity me = net.identity();
        PutResult newer = net.await(nodes.get(2).node().announce(Announcement.sign(me, topic, 5, new byte[] {1}),
                10 * MINUTE), LIMIT, "seq 5");
        assertTrue(newer.succeeded(), newer.toString());
        Node other = nodes.get(1).node();
        PutResult older = net.await(other.announce(Announcement.sign(me, topic, 4, new byte[] {2}), 10 * MINUTE),
                LIMIT, "seq 4");
        assertTrue(older.rejections().getOrDefault(RejectReason.SEQ_TOO_LOW, 0) > 0, older.toString());
    }
}
