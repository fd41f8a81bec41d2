package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingConfig;
import io.kadring.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a node passes on when asked for contacts: the closest, recently heard ones first. */
final class KnownContactsTest {
    private static final Id SELF = Id.fromHex("ff" + "00".repeat(31));
    private static final long MINUTE = 60_000;

    private final RoutingTable table = new RoutingTable(SELF, RoutingConfig.defaults());
    private long now = 60 * MINUTE;
    private final KnownContacts known = new KnownContacts(table, new RingNeighbours(SELF, 8), () -> now);

    /** A contact at XOR distance {@code d} from the zero id, last heard {@code minutesAgo} ago. */
    private Contact at(int d, long minutesAgo) {
        byte[] id = new byte[32];
        id[31] = (byte) d;
        Contact c = Contact.seen(Id.of(id), TestNetwork.address(d), now - minutesAgo * MINUTE);
        table.observe(c, c.lastSeen());
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
