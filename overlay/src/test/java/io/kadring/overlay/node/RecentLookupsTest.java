package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecentLookupsTest {
    private static RecentLookup finishedAt(long at) {
        return new RecentLookup("closest", Id.ZERO, 2, 20, 100, 20, at);
    }

    @Test
    void pastItsCapacity_keepsTheLatest_newestFirst() {
        RecentLookups log = new RecentLookups(3);
        for (long at = 1; at <= 7; at++) log.add(finishedAt(at));
        List<RecentLookup> latest = log.newestFirst();
        assertEquals(List.of(7L, 6L, 5L), latest.stream().map(RecentLookup::finishedAtMillis).toList());
    }

    @Test
    void beforeItFills_listsWhatItHas() {
        RecentLookups log = new RecentLookups(32);
        log.add(finishedAt(1));
        log.add(finishedAt(2));
        assertEquals(List.of(2L, 1L), log.newestFirst().stream().map(RecentLookup::finishedAtMillis).toList());
    }

    @Test
    void withNoPlaces_keepsNothing() {
        RecentLookups log = new RecentLookups(0);
        log.add(finishedAt(1));
        assertTrue(log.newestFirst().isEmpty());
    }

    @Test
    void theConfigBoundsItsSize() {
        assertEquals(32, NodeConfig.defaults().recentLookups());
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.builder().recentLookups(-1).build());
        assertThrows(IllegalArgumentException.class, () -> NodeConfig.builder().recentLookups(1025).build());
    }
}
