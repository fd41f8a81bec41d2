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
            KnownContacts known = new KnownContacts(table, ring);
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
        for (Contact c : table.closest(target, n + 4)) {
            if (c.failures() == 0) all.put(c.id(), c);
        }
        for (Contact c : ring.successors()) all.putIfAbsent(c.id(), c);
        ring.predecessor().ifPresent(c -> all.putIfAbsent(c.id(), c));
        List<Contact> list = new ArrayList<>(all.values());
        list.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return list.size() > n ? list.subList(0, n) : list;
    }
}
