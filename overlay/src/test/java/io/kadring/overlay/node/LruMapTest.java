package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

final class LruMapTest {
    @Test
    void pastItsCapacity_theLeastRecentlyUsedEntryGoesFirst() {
        LruMap<String, Integer> map = new LruMap<>(3);
        map.put("a", 1);
        map.put("b", 2);
        map.put("c", 3);
        map.get("a"); // a read counts as a use
        map.put("d", 4);
        assertEquals(List.of("c", "a", "d"), List.copyOf(map.keySet()));
        for (int i = 0; i < 10_000; i++) map.put("x" + i, i);
        assertEquals(3, map.size(), "a remote sending from ever new addresses grows nothing");
    }

    @Test
    void aCapacityBelowOne_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LruMap<String, String>(0));
    }
}
