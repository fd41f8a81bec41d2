package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

final class PeerTableTest {

    private static Id id(int i) {
        byte[] b = new byte[Id.BYTES];
        ByteBuffer.wrap(b).putInt(7, i * 0x01000193).putInt(28, i);
        return Id.of(b);
    }

    /** A table of one set ({@link PeerTable#WAYS} keys), full: {@code id(i)} holds {@code first + i}. */
    private static PeerTable<Id> fullSet(int first) {
        PeerTable<Id> table = PeerTable.numbers(PeerTable.WAYS);
        for (int i = 0; i < PeerTable.WAYS; i++) table.put(id(i), first + i);
        return table;
    }

    /**
     * The plain definition: each key belongs to one of capacity / WAYS sets (by the hash the full
     * table uses); a set is an LRU list of at most WAYS keys, every lookup a use. Growing from a
     * small table loses no key, so the table holds exactly what the lists hold, number for number.
     */
    @Test
    void randomUse_matchesOneLruListPerSet() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            int capacity = PeerTable.WAYS << random.nextInt(5);
            PeerTable<Id> table = PeerTable.numbers(capacity);
            PeerTable<Id> objects = PeerTable.objects(capacity);
            java.util.Map<Integer, java.util.LinkedHashMap<Id, Long>> sets = new java.util.HashMap<>();
            Id[] pool = new Id[3 * capacity];
            for (int i = 0; i < pool.length; i++) pool[i] = id(round * 100_000 + i);
            for (int step = 0; step < 20_000; step++) {
                Id key = pool[random.nextInt(pool.length)];
                var set = sets.computeIfAbsent(PeerTable.setOf(key, capacity / PeerTable.WAYS),
                        s -> new java.util.LinkedHashMap<>(16, 0.75f, true));
                switch (random.nextInt(4)) {
                    case 0 -> {
                        long n = random.nextLong(1_000_000);
                        table.put(key, n);
                        objects.put(key, (Object) n);
                        set.put(key, n);
                        if (set.size() > PeerTable.WAYS) set.remove(set.keySet().iterator().next());
                    }
                    case 1 -> {
                        table.remove(key);
                        objects.remove(key);
                        set.remove(key);
                    }
                    default -> {
                        Long expected = set.get(key);
                        assertEquals(expected == null ? -1 : expected, table.number(key, -1), "step " + step);
                        assertEquals(expected, objects.value(key), "step " + step);
                    }
                }
                int held = 0;
                for (var e : sets.values()) held += e.size();
                assertEquals(held, table.size(), "step " + step);
                assertEquals(held, objects.size(), "step " + step);
            }
        }
    }

    @Test
    void hundredThousandDistinctKeys_stayWithinTheCapacity_andAKeyInUseIsKept() {
        PeerTable<Id> table = PeerTable.numbers(256);
        Id hot = id(-1);
        table.put(hot, 42);
        for (int i = 0; i < 100_000; i++) {
            table.put(id(i), i);
            assertEquals(42, table.number(hot, -1), "the key in use is evicted at " + i);
            assertTrue(table.size() <= 256);
        }
        assertEquals(256, table.capacity());
        assertTrue(table.size() > 200, "the slots are used: " + table.size());
        assertEquals(99_999, table.number(id(99_999), -1), "the newest key is held");
        assertEquals(-1, table.number(id(0), -1), "the oldest key is forgotten");
    }

    @Test
    void growing_losesNoKey() {
        PeerTable<Id> table = PeerTable.objects(1024);
        for (int i = 0; i < 128; i++) table.put(id(i), "v" + i);
        for (int i = 0; i < 128; i++) assertEquals("v" + i, table.value(id(i)));
        assertEquals(128, table.size());
    }

    @Test
    void put_replacesTheValueOfAKeyHeld_andRemoveForgetsIt() {
        PeerTable<Id> table = PeerTable.objects(8);
        table.put(id(1), "a");
        table.put(id(1), "b");
        assertEquals(1, table.size());
        assertEquals("b", table.value(id(1)));
        table.remove(id(1));
        assertFalse(table.containsKey(id(1)));
        assertNull(table.value(id(1)));
        assertEquals(0, table.size());
    }

    @Test
    void aFullSet_forgetsItsLeastRecentlyUsedKey() {
        PeerTable<Id> table = fullSet(0);
        table.number(id(0), -1); // id 1 is now the least recently used
        table.put(id(8), 8);
        assertTrue(table.containsKey(id(0)));
        assertFalse(table.containsKey(id(1)));
        assertEquals(8, table.size());
    }

    @Test
    void removingAKeyInTheMiddleOfASet_keepsTheOthersWithTheirNumbersAndTheirOrder() {
        PeerTable<Id> table = fullSet(100);
        table.remove(id(4));
        assertEquals(7, table.size());
        table.put(id(8), 108); // room again: nobody is evicted
        table.put(id(9), 109); // full: id 0, the least recently used, goes
        assertFalse(table.containsKey(id(0)));
        for (int i = 1; i < 10; i++) {
            if (i != 4) assertEquals(100 + i, table.number(id(i), -1), "id " + i);
        }
    }

    @Test
    void anIntTable_keepsAnIntPerKey_throughGrowthAndEviction() {
        PeerTable<Id> table = PeerTable.ints(64);
        for (int i = 0; i < 40; i++) table.putInt(id(i), -1_000_000 * i);
        for (int i = 0; i < 40; i++) assertEquals(-1_000_000 * i, table.intValue(id(i), 7), "id " + i);
        assertEquals(7, table.intValue(id(99), 7));
        assertThrows(IllegalStateException.class, () -> table.number(id(1), -1));
        assertThrows(IllegalStateException.class, () -> PeerTable.<Id>numbers(8).intValue(id(1), -1));
    }

    @Test
    void aSetOfKeys_holdsNeitherObjectsNorNumbers() {
        PeerTable<Id> table = PeerTable.keys(8);
        table.add(id(1));
        assertTrue(table.containsKey(id(1)));
        assertThrows(IllegalStateException.class, () -> table.put(id(2), "x"));
        assertThrows(IllegalStateException.class, () -> table.number(id(1), -1));
        assertThrows(IllegalStateException.class, () -> PeerTable.<Id>numbers(8).value(id(1)));
    }

    @Test
    void capacity_mustBeAPowerOfTwoOfAtLeastOneSet() {
        assertThrows(IllegalArgumentException.class, () -> PeerTable.<Id>keys(4));
        assertThrows(IllegalArgumentException.class, () -> PeerTable.<Id>numbers(100));
    }
}
