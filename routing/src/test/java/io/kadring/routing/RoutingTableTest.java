package io.kadring.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.RoutingTable.Observation;
import io.kadring.routing.RoutingTable.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RoutingTableTest {
    private final SplittableRandom random = new SplittableRandom(42);
    private final Id local = Id.random(random);
    private final RoutingConfig config = RoutingConfig.defaults();
    private final RoutingTable table = new RoutingTable(local, config);
    private int port = 1;

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    /** A contact in {@code bucket} of the local table, on loopback (exempt from diversity). */
    private Contact inBucket(int bucket, long now) {
        return Contact.seen(local.randomInBucket(bucket, random), address("127.0.0.1", port++), now);
    }

    private List<Contact> fill(int bucket, long start) {
        List<Contact> added = new ArrayList<>();
        for (int i = 0; i < config.k(); i++) {
            Contact c = inBucket(bucket, start + i);
            assertEquals(Outcome.ADDED, table.observe(c, start + i).outcome());
            added.add(c);
        }
        return added;
    }

    @Test
    void observe_neverStoresTheLocalNode() {
        Observation o = table.observe(Contact.seen(local, address("127.0.0.1", 9), 5), 5);
        assertEquals(Outcome.SELF, o.outcome());
        assertNull(o.toPing());
        assertEquals(0, table.size());
        assertFalse(table.contains(local));
        assertTrue(table.closest(local, 20).isEmpty());
    }

    @Test
    void observe_addsThenUpdatesMovingTheContactToTheTail() {
        List<Contact> added = fill(3, 100);
        Contact first = added.get(0);
        assertEquals(Outcome.UPDATED, table.observe(first, 500).outcome());
        List<Contact> bucket = table.bucket(3);
        assertEquals(first.id(), bucket.get(bucket.size() - 1).id());
        assertEquals(500, bucket.get(bucket.size() - 1).lastSeen());
        assertEquals(added.get(1).id(), bucket.get(0).id());
        assertEquals(config.k(), table.size());
    }

    @Test
    void observe_resetsFailuresOfAKnownContact() {
        Contact c = inBucket(0, 1);
        table.observe(c, 1);
        table.onFailure(c.id(), 2);
        assertEquals(1, table.get(c.id()).orElseThrow().failures());
        table.observe(c, 3);
        assertEquals(0, table.get(c.id()).orElseThrow().failures());
    }

    @Test
    void observe_keepsTheOldAddressWhileItWorksAndTakesTheNewOneOnceItFailed() {
        Contact c = inBucket(7, 10);
        table.observe(c, 10);
        Contact moved = Contact.seen(c.id(), address("127.0.0.2", 4000), 20);
        assertEquals(Observation.UPDATED, table.observe(moved, 20));
        assertEquals(c.address(), table.get(c.id()).orElseThrow().address());
        assertEquals(10, table.get(c.id()).orElseThrow().lastSeen(), "no change at all");

        table.onFailure(c.id(), 30);
        assertEquals(Outcome.UPDATED, table.observe(moved, 40).outcome());
        Contact now = table.get(c.id()).orElseThrow();
        assertEquals(moved.address(), now.address());
        assertEquals(0, now.failures());
        assertEquals(40, now.lastSeen());
    }

    @Test
    void fullBucket_asksToPingTheOldestAndCachesTheNewcomer() {
        List<Contact> added = fill(5, 100);
        Contact newcomer = inBucket(5, 200);
        Observation o = table.observe(newcomer, 200);
        assertEquals(Outcome.PENDING_EVICTION, o.outcome());
        assertEquals(added.get(0), o.toPing());
        assertEquals(List.of(newcomer), table.replacements(5));
        assertFalse(table.contains(newcomer.id()));

        // while that ping is outstanding, more newcomers are only cached
        Contact another = inBucket(5, 201);
        assertEquals(Observation.CACHED, table.observe(another, 201));
        assertEquals(List.of(newcomer, another), table.replacements(5));
    }

    @Test
    void fullBucket_evictsTheOldestWhenItsPingFailsAndPromotesTheNewestReplacement() {
        List<Contact> added = fill(5, 100);
        Contact first = inBucket(5, 200);
        Contact second = inBucket(5, 201);
        Contact oldest = table.observe(first, 200).toPing();
        table.observe(second, 201);

        table.onFailure(oldest.id(), 210);
        assertFalse(table.contains(oldest.id()));
        assertTrue(table.contains(second.id()), "the most recently seen replacement is promoted");
        assertEquals(List.of(first), table.replacements(5));
        assertEquals(config.k(), table.bucketSize(5));
        List<Contact> bucket = table.bucket(5);
        assertEquals(second.id(), bucket.get(bucket.size() - 1).id());
        // the next newcomer asks about the next oldest
        assertEquals(added.get(1), table.observe(inBucket(5, 220), 220).toPing());
    }

    @Test
    void fullBucket_keepsTheOldestWhenItAnswersAndTheNewcomerStaysCached() {
        List<Contact> added = fill(5, 100);
        Contact newcomer = inBucket(5, 200);
        Contact oldest = table.observe(newcomer, 200).toPing();
        assertEquals(Outcome.UPDATED, table.observe(oldest, 205).outcome());
        List<Contact> bucket = table.bucket(5);
        assertEquals(oldest.id(), bucket.get(bucket.size() - 1).id());
        assertEquals(added.get(1).id(), bucket.get(0).id());
        assertEquals(List.of(newcomer), table.replacements(5));
        // the ping was settled: the next newcomer asks about the new oldest
        Observation o = table.observe(inBucket(5, 210), 210);
        assertEquals(Outcome.PENDING_EVICTION, o.outcome());
        assertEquals(added.get(1), o.toPing());
    }

    @Test
    void fullBucket_asksAgainWhenAPingWasNeverReported() {
        List<Contact> added = fill(5, 100);
        assertEquals(added.get(0), table.observe(inBucket(5, 200), 200).toPing());
        assertEquals(Observation.CACHED, table.observe(inBucket(5, 201), 201));
        long later = 200 + KBucket.PING_EXPIRY_MILLIS;
        assertEquals(added.get(0), table.observe(inBucket(5, later), later).toPing());
    }

    @Test
    void fullBucket_givesAFailedContactsPlaceToANewcomerAtOnce() {
        List<Contact> added = fill(9, 100);
        table.onFailure(added.get(4).id(), 150); // no replacement waiting: it stays, marked
        assertTrue(table.contains(added.get(4).id()));
        Contact newcomer = inBucket(9, 200);
        assertEquals(Outcome.ADDED, table.observe(newcomer, 200).outcome());
        assertFalse(table.contains(added.get(4).id()));
        assertTrue(table.contains(newcomer.id()));
        assertEquals(config.k(), table.bucketSize(9));
    }

    @Test
    void onFailure_removesAContactAfterStaleAfterFailuresWhenNoReplacementWaits() {
        Contact c = inBucket(2, 1);
        table.observe(c, 1);
        for (int i = 1; i < config.staleAfterFailures(); i++) {
            table.onFailure(c.id(), 1 + i);
            assertTrue(table.contains(c.id()));
            assertEquals(i, table.get(c.id()).orElseThrow().failures());
        }
        table.onFailure(c.id(), 10);
        assertFalse(table.contains(c.id()));
        assertEquals(0, table.size());
    }

    @Test
    void onFailure_ignoresUnknownIdsAndDropsThemFromTheCache() {
        fill(4, 0);
        Contact cached = inBucket(4, 50);
        table.observe(cached, 50);
        table.onFailure(Id.random(random), 60);
        table.onFailure(local, 60);
        assertEquals(config.k(), table.size());
        table.onFailure(cached.id(), 61);
        assertTrue(table.replacements(4).isEmpty());
    }

    @Test
    void remove_promotesAReplacement() {
        List<Contact> added = fill(6, 0);
        Contact cached = inBucket(6, 50);
        table.observe(cached, 50);
        assertTrue(table.remove(added.get(3).id()));
        assertTrue(table.contains(cached.id()));
        assertEquals(config.k(), table.size());
        assertFalse(table.remove(added.get(3).id()));
        assertFalse(table.remove(local));
    }

    @Test
    void diversity_rejectsAThirdContactFromOnePublicSlash24() {
        int bucket = 0;
        Contact a = Contact.seen(local.randomInBucket(bucket, random), address("93.184.216.1", 1), 1);
        Contact b = Contact.seen(local.randomInBucket(bucket, random), address("93.184.216.200", 1), 1);
        Contact c = Contact.seen(local.randomInBucket(bucket, random), address("93.184.216.34", 7), 1);
        Contact otherNet = Contact.seen(local.randomInBucket(bucket, random), address("93.184.217.34", 7), 1);
        Contact otherBucket = Contact.seen(local.randomInBucket(bucket + 1, random), address("93.184.216.9", 7), 1);
        assertEquals(Outcome.ADDED, table.observe(a, 1).outcome());
        assertEquals(Outcome.ADDED, table.observe(b, 1).outcome());
        assertEquals(Observation.REJECTED_DIVERSITY, table.observe(c, 1));
        assertEquals(Outcome.ADDED, table.observe(otherNet, 1).outcome());
        assertEquals(Outcome.ADDED, table.observe(otherBucket, 1).outcome());
        assertEquals(Outcome.UPDATED, table.observe(a, 2).outcome(), "known contacts are not counted twice");
        assertFalse(table.contains(c.id()));
    }

    @Test
    void diversity_countsTheReplacementCacheToo() {
        fill(8, 0);
        Contact a = Contact.seen(local.randomInBucket(8, random), address("8.8.4.1", 1), 10);
        Contact b = Contact.seen(local.randomInBucket(8, random), address("8.8.4.2", 1), 11);
        Contact c = Contact.seen(local.randomInBucket(8, random), address("8.8.4.3", 1), 12);
        assertEquals(Outcome.PENDING_EVICTION, table.observe(a, 10).outcome());
        assertEquals(Outcome.CACHED, table.observe(b, 11).outcome());
        assertEquals(Outcome.REJECTED_DIVERSITY, table.observe(c, 12).outcome());
    }

    @Test
    void diversity_exemptsLoopbackPrivateLinkLocalAndUniqueLocal() {
        for (String ip : List.of("127.0.0.1", "10.1.2.3", "172.16.5.5", "192.168.1.1", "169.254.1.1",
                "::1", "fe80::1", "fd12:3456::1", "fc00::5", "0.0.0.0")) {
            RoutingTable t = new RoutingTable(local, config);
            for (int i = 0; i < 5; i++) {
                Contact c = Contact.seen(local.randomInBucket(0, random), address(ip, 1000 + i), 1);
                assertEquals(Outcome.ADDED, t.observe(c, 1).outcome(), ip);
            }
        }
    }

    @Test
    void diversity_limitsOneIpv6Slash64() {
        String[] same = {"2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2:abcd::1"};
        assertEquals(Outcome.ADDED, observeAt(same[0]).outcome());
        assertEquals(Outcome.ADDED, observeAt(same[1]).outcome());
        assertEquals(Outcome.REJECTED_DIVERSITY, observeAt(same[2]).outcome());
        assertEquals(Outcome.ADDED, observeAt("2001:db8:1:3::1").outcome());
    }

    @Test
    void diversity_appliesWhenAFailingContactMovesItsAddress() {
        Contact a = Contact.seen(local.randomInBucket(0, random), address("1.2.3.4", 1), 1);
        Contact b = Contact.seen(local.randomInBucket(0, random), address("1.2.3.5", 1), 1);
        Contact c = Contact.seen(local.randomInBucket(0, random), address("5.6.7.8", 1), 1);
        table.observe(a, 1);
        table.observe(b, 1);
        table.observe(c, 1);
        table.onFailure(c.id(), 2);
        Contact moved = Contact.seen(c.id(), address("1.2.3.6", 1), 3);
        assertEquals(Outcome.REJECTED_DIVERSITY, table.observe(moved, 3).outcome());
        assertEquals(c.address(), table.get(c.id()).orElseThrow().address());
    }

    private Observation observeAt(String ip) {
        return table.observe(Contact.seen(local.randomInBucket(0, random), address(ip, 1), 1), 1);
    }

    @Test
    void observation_carriesAContactToPingOnlyWithPendingEviction() {
        Contact c = inBucket(0, 0);
        assertThrows(IllegalArgumentException.class, () -> new Observation(Outcome.PENDING_EVICTION, null));
        assertThrows(IllegalArgumentException.class, () -> new Observation(Outcome.ADDED, c));
    }

    @Test
    void config_rejectsBadValuesByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RoutingConfig(0, 20, 3, 2, 8));
        assertTrue(e.getMessage().contains("k must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RoutingConfig(20, 20, 3, -1, 8));
        assertTrue(e.getMessage().contains("maxPerPrefix") && e.getMessage().contains("-1"), e.getMessage());
        assertEquals(new RoutingConfig(20, 20, 3, 2, 8), RoutingConfig.defaults());
    }

    @Test
    void get_tellsApartIdsOfOneBucketWhoseHashesAreEqual() {
        Id a = local.randomInBucket(3, random);
        long[] w = words(a);
        Id b = Id.ofWords(w[0], w[1] ^ 0x5555, w[2] ^ 0x5555, w[3]);
        Id c = Id.ofWords(w[0], w[1] ^ 0x7777, w[2] ^ 0x7777, w[3]);
        assertEquals(a.hashCode(), b.hashCode());
        table.observe(Contact.seen(a, address("127.0.0.1", 1), 1), 1);
        table.observe(Contact.seen(b, address("127.0.0.1", 2), 2), 2);
        assertEquals(1, table.get(a).orElseThrow().address().getPort());
        assertEquals(2, table.get(b).orElseThrow().address().getPort());
        assertFalse(table.contains(c));
        table.remove(a);
        assertFalse(table.contains(a));
        assertEquals(2, table.get(b).orElseThrow().address().getPort());
    }

    private static long[] words(Id id) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(id.toBytes());
        return new long[] {bytes.getLong(0), bytes.getLong(8), bytes.getLong(16), bytes.getLong(24)};
    }

    /** Table invariants after every step of a long random run of arrivals, failures, pings and removals. */
    @Test
    void randomChurn_keepsTheTableInvariants() {
        RoutingConfig small = new RoutingConfig(4, 3, 3, 2, 8);
        RoutingTable t = new RoutingTable(local, small);
        assertNull(t.leastRecentlySeen(), "an empty table has no oldest contact");
        List<Contact> population = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // mostly shallow buckets so that they fill; a few deep ones
            int bucket = random.nextInt(10) == 0 ? random.nextInt(256) : random.nextInt(4);
            population.add(Contact.seen(local.randomInBucket(bucket, random), randomAddress(i), 0));
        }
        population.add(Contact.seen(local, address("127.0.0.1", 1), 0));
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextInt(3);
            Contact c = population.get(random.nextInt(population.size()));
            switch (random.nextInt(10)) {
                case 0, 1 -> t.onFailure(c.id(), now);
                case 2 -> t.remove(c.id());
                default -> {
                    Observation o = t.observe(c, now);
                    if (o.outcome() == Outcome.PENDING_EVICTION) {
                        assertTrue(t.contains(o.toPing().id()));
                        assertEquals(o.toPing().id(), t.bucket(local.commonPrefixLength(c.id())).get(0).id());
                        if (random.nextBoolean()) t.onFailure(o.toPing().id(), now);
                        else t.observe(o.toPing(), now);
                    }
                }
            }
            if (step % 50 == 0 || step > 19_900) checkInvariants(t, small);
        }
        assertTrue(t.size() > 20, "the run fills some buckets: " + t.size());
    }

    private InetSocketAddress randomAddress(int i) {
        return switch (i % 3) {
            case 0 -> address("127.0.0.1", 1000 + i);
            // a handful of public /24s so that the diversity limit bites
            case 1 -> address("44.1." + random.nextInt(6) + "." + (1 + random.nextInt(250)), 4000);
            default -> address("2001:db8:0:" + random.nextInt(4) + "::" + Integer.toHexString(1 + i), 4000);
        };
    }

    private void checkInvariants(RoutingTable t, RoutingConfig c) {
        int total = 0;
        Set<Id> seen = new HashSet<>();
        for (int b = 0; b < Id.BITS; b++) {
            List<Contact> bucket = t.bucket(b);
            List<Contact> cache = t.replacements(b);
            assertTrue(bucket.size() <= c.k(), "bucket " + b + " holds " + bucket.size());
            assertTrue(cache.size() <= c.replacementCacheSize());
            assertEquals(bucket.size(), t.bucketSize(b));
            assertTrue(cache.isEmpty() || bucket.size() == c.k(), "a replacement waits only for a full bucket");
            for (int i = 0; i < bucket.size(); i++) {
                Contact x = bucket.get(i);
                assertEquals(b, local.commonPrefixLength(x.id()));
                assertTrue(seen.add(x.id()), "each id once");
                assertTrue(x.failures() < c.staleAfterFailures());
                if (i > 0) assertTrue(bucket.get(i - 1).lastSeen() <= x.lastSeen(), "least recently seen first");
                assertSame(x, t.get(x.id()).orElseThrow(), "get finds each contact of its bucket");
            }
            for (Contact x : cache) {
                assertEquals(b, local.commonPrefixLength(x.id()));
                assertTrue(seen.add(x.id()), "never both in the bucket and its cache");
                assertFalse(t.contains(x.id()), "a replacement is not in the bucket");
            }
            Map<String, Integer> perPrefix = new HashMap<>();
            for (Contact x : concat(bucket, cache)) {
                if (c.isExempt(x.address())) continue;
                perPrefix.merge(prefix(x.address()), 1, Integer::sum);
            }
            for (var e : perPrefix.entrySet()) {
                assertTrue(e.getValue() <= c.maxPerPrefix(), e.getKey() + " has " + e.getValue());
            }
            total += bucket.size();
        }
        assertFalse(seen.contains(local));
        assertEquals(total, t.size());
        assertEquals(total, t.contacts().size());
        assertEquals(t.contacts(), new ArrayList<>(t.contactsView()), "the view lists what contacts() copies, in order");
        assertEquals(total, t.contactsView().size());
        Contact oldest = null; // the first of the oldest over the whole table, shallowest bucket first
        for (Contact x : t.contacts()) {
            if (oldest == null || x.lastSeen() < oldest.lastSeen()) oldest = x;
        }
        assertSame(oldest, t.leastRecentlySeen(), "the first of the oldest contacts");
    }

    private static List<Contact> concat(List<Contact> a, List<Contact> b) {
        List<Contact> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String prefix(InetSocketAddress a) {
        byte[] raw = a.getAddress().getAddress();
        return java.util.HexFormat.of().formatHex(raw, 0, raw.length == 4 ? 3 : 8);
    }

    @Test
    void closest_returnsContactsOrderedByXorDistanceAsABruteForceSortDoes() {
        RoutingTable t = new RoutingTable(local, config);
        List<Contact> everyone = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Id id = random.nextInt(3) == 0 ? local.randomInBucket(random.nextInt(40), random) : Id.random(random);
            everyone.add(Contact.seen(id, address("127.0.0.1", 1 + i), i));
        }
        for (Contact c : everyone) t.observe(c, c.lastSeen());
        List<Contact> stored = t.contacts();
        for (int i = 0; i < 500; i++) {
            Id target = switch (i % 4) {
                case 0 -> local;
                case 1 -> stored.get(random.nextInt(stored.size())).id();
                case 2 -> local.randomInBucket(random.nextInt(30), random);
                default -> Id.random(random);
            };
            int n = 1 + random.nextInt(60);
            List<Contact> expected = new ArrayList<>(stored);
            expected.sort((a, b) -> target.compareDistance(a.id(), b.id()));
            expected = expected.subList(0, Math.min(n, expected.size()));
            assertEquals(expected, t.closest(target, n), "target " + target + " n " + n);
        }
        assertEquals(stored.size(), t.closest(Id.random(random), 100_000).size());
        assertTrue(t.closest(local, 0).isEmpty());
    }

    @Test
    void closest_ordersContactsWhoseDistancesShareTheirTop64Bits_byTheRest() {
        // ids alike but for the last word: every distance to the target has the same top 64 bits,
        // so the order comes from the comparison of whole distances alone
        long w0 = (~local.toBytes()[0] & 0xFFL) << 56; // the first bit differs from the local id's: one bucket
        long[] lastWords = {9, 3, 7, 1, 10, 4, 8, 2, 6, 5};
        for (long w3 : lastWords) {
            table.observe(Contact.seen(Id.ofWords(w0, 11, 12, w3), address("127.0.0.1", port++), 1), 1);
        }
        List<Id> expected = List.of(Id.ofWords(w0, 11, 12, 1), Id.ofWords(w0, 11, 12, 2), Id.ofWords(w0, 11, 12, 3),
                Id.ofWords(w0, 11, 12, 4), Id.ofWords(w0, 11, 12, 5));
        List<Id> actual = new ArrayList<>();
        for (Contact c : table.closest(Id.ofWords(w0, 11, 12, 0), 5)) actual.add(c.id());
        assertEquals(expected, actual);
    }

    @Test
    void closest_givesTheSameContactsAsSortingTheWholeTable_overManyRandomTables() {
        for (int round = 0; round < 200; round++) {
            Id own = Id.random(random);
            RoutingTable t = new RoutingTable(own, config);
            int size = round % 10 == 0 ? random.nextInt(30) : random.nextInt(2000);
            int depth = 1 + random.nextInt(24);
            for (int i = 0; i < size; i++) {
                Id id = random.nextBoolean() ? own.randomInBucket(random.nextInt(depth), random) : Id.random(random);
                t.observe(Contact.seen(id, address("127.0.0.1", 1 + i), i), i);
            }
            List<Contact> stored = t.contacts();
            for (int q = 0; q < 50; q++) {
                Id target = switch (q % 5) {
                    case 0 -> own;
                    case 1 -> stored.isEmpty() ? own : stored.get(random.nextInt(stored.size())).id();
                    case 2 -> own.randomInBucket(random.nextInt(depth + 2), random);
                    case 3 -> own.randomInBucket(0, random);
                    default -> Id.random(random);
                };
                int n = q % 7 == 0 ? stored.size() + random.nextInt(3) : random.nextInt(50);
                List<Contact> expected = new ArrayList<>(stored);
                expected.sort((a, b) -> target.compareDistance(a.id(), b.id()));
                expected = expected.subList(0, Math.max(0, Math.min(n, expected.size())));
                List<Contact> actual = t.closest(target, n);
                assertEquals(expected.size(), actual.size(), "round " + round + " n " + n);
                for (int i = 0; i < expected.size(); i++) {
                    assertSame(expected.get(i), actual.get(i), "round " + round + " n " + n + " at " + i);
                }
            }
        }
    }

    @Test
    void idleBuckets_listsBucketsUpToOneBeyondTheDeepestNotUsedWithinTheInterval() {
        assertEquals(-1, table.deepestBucket());
        table.observe(inBucket(0, 1_000), 1_000);
        table.observe(inBucket(3, 1_000), 1_000);
        assertEquals(3, table.deepestBucket());
        assertEquals(List.of(), table.idleBuckets(1_500, 1_000), "every bucket starts used at the first observe");
        assertEquals(List.of(0, 1, 2, 3, 4), table.idleBuckets(2_000, 1_000));
        table.touch(local.randomInBucket(2, random), 1_800);
        table.touch(local.randomInBucket(4, random), 1_900);
        assertEquals(List.of(0, 1, 3), table.idleBuckets(2_000, 1_000));
        assertEquals(List.of(0, 1, 2, 3, 4), table.idleBuckets(2_900, 1_000));
        table.touch(local, 2_950); // our own id marks bucket 255, which cannot hold anything yet
        assertEquals(List.of(0, 1, 2, 3, 4), table.idleBuckets(2_960, 1_000));
    }

    @Test
    void idleBuckets_remembersUseOfBucketsDeeperThanAnyContactOnceTheTableReachesThem() {
        table.touch(local.randomInBucket(40, random), 500); // before the start: the start's time wins
        table.observe(inBucket(0, 1_000), 1_000);
        table.touch(local.randomInBucket(30, random), 1_700);
        table.touch(local.randomInBucket(31, random), 1_600);
        table.touch(local.randomInBucket(30, random), 1_650); // earlier: the later use stays
        table.observe(inBucket(31, 1_800), 1_800); // the table now reaches bucket 32
        List<Integer> idle = table.idleBuckets(2_000, 1_000);
        assertEquals(31, idle.size(), "0 to 32, less 30 and 31: " + idle);
        assertFalse(idle.contains(30) || idle.contains(31), idle.toString());
        assertEquals(List.of(31, 32), table.idleBuckets(2_650, 1_000).stream().filter(i -> i >= 30).toList());
        table.observe(inBucket(40, 1_900), 1_900);
        assertEquals(List.of(31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41),
                table.idleBuckets(2_650, 1_000).stream().filter(i -> i >= 30).toList(), "40 started used at 1,000");
        assertEquals(List.of(), table.idleBuckets(2_650, 1_000).stream().filter(i -> i == 30).toList());
    }

    @Test
    void replacements_andBucketAccessorsRejectBadIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.replacements(256));
        assertTrue(e.getMessage().contains("256"));
        assertThrows(IllegalArgumentException.class, () -> table.bucketSize(-1));
        assertEquals(0, table.bucketSize(255));
    }
}
