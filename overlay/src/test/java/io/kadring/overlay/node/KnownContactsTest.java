package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingConfig;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a node passes on when asked for contacts: the closest, recently heard ones first. */
final class KnownContactsTest {
    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void closest_isTheTableAndRingMergedByDistance_failedTableContactsLeftOut_tableCopiesFirst() {
        for (int run = 0; run < 300; run++) {
            Id local = Id.random(random);
            RoutingTable table = new RoutingTable(local, RoutingConfig.defaults());
            RingNeighbours ring = new RingNeighbours(local, 1 + random.nextInt(10));
            List<Id> ids = new ArrayList<>();
            for (int i = 0, size = random.nextInt(400); i < size; i++) {
                Id id = ids.isEmpty() || random.nextInt(4) > 0 ? Id.random(random) : ids.get(random.nextInt(ids.size()));
                ids.add(id);
                Contact c = Contact.seen(id, address(), i);
                if (random.nextBoolean()) table.observe(c, i);
                if (random.nextInt(3) == 0) ring.observe(random.nextBoolean() ? c : Contact.seen(id, address(), i));
                if (random.nextInt(10) == 0) table.onFailure(ids.get(random.nextInt(ids.size())), i);
            }
            KnownContacts known = new KnownContacts(table, ring, () -> 0); // every contact fresh
            for (int q = 0; q < 5; q++) {
                Id target = random.nextBoolean() || ids.isEmpty() ? Id.random(random) : ids.get(random.nextInt(ids.size()));
                int n = 1 + random.nextInt(30);
                List<Contact> expected = plainClosest(table, ring, target, n);
                List<Contact> actual = known.closest(target, n);
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), actual.get(i));
            }
        }
    }

    private InetSocketAddress address() {
        return new InetSocketAddress("10." + random.nextInt(256) + "." + random.nextInt(256) + ".1", 1 + random.nextInt(60000));
    }

    /** The definition: a map by id (table first, its failed contacts out), sorted by XOR distance. */
    private static List<Contact> plainClosest(RoutingTable table, RingNeighbours ring, Id target, int n) {
        Map<Id, Contact> all = new LinkedHashMap<>();
        for (Contact c : table.closest(target, n + KnownContacts.SPARE)) {
            if (c.failures() == 0) all.put(c.id(), c);
        }
        for (Contact c : ring.successors()) all.putIfAbsent(c.id(), c);
        ring.predecessor().ifPresent(c -> all.putIfAbsent(c.id(), c));
        List<Contact> list = new ArrayList<>(all.values());
        list.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return list.size() > n ? list.subList(0, n) : list;
    }

    private static final Id SELF = Id.fromHex("ff" + "00".repeat(31));
    private static final long MINUTE = 60_000;

    private final RoutingTable quietTable = new RoutingTable(SELF, RoutingConfig.defaults());
    private long now = 60 * MINUTE;
    private final KnownContacts known = new KnownContacts(quietTable, new RingNeighbours(SELF, 8), () -> now);

    /** A contact at XOR distance {@code d} from the zero id, last heard {@code minutesAgo} ago. */
    private Contact at(int d, long minutesAgo) {
        byte[] id = new byte[32];
        id[31] = (byte) d;
        Contact c = Contact.seen(Id.of(id), TestNetwork.address(d), now - minutesAgo * MINUTE);
        quietTable.observe(c, c.lastSeen());
        return c;
    }

    @Test
    void quietContacts_makeWayForRecentlyHeardOnes_butStillFillAnAnswerThatIsShort() {
        Contact quiet = at(1, 30);
        Contact fresh2 = at(2, 1);
        Contact fresh3 = at(3, 2);
        Contact quiet4 = at(4, 11);

        assertEquals(List.of(fresh2, fresh3), known.closest(Id.ZERO, 2), "heard within 10 minutes go first");
        assertEquals(List.of(quiet, fresh2, fresh3), known.closest(Id.ZERO, 3), "a quiet one fills what is missing");
        assertEquals(List.of(quiet, fresh2, fresh3, quiet4), known.closest(Id.ZERO, 4), "in order of distance");
    }
}
