package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class IdleSetTest {
    @Test
    void aBurstThatEmpties_leavesASetThatStillAddsRemovesAndFinds() {
        IdleSet<Integer> set = new IdleSet<>();
        for (int i = 0; i < 100; i++) assertTrue(set.add(i));
        assertFalse(set.add(7), "held already");
        assertEquals(100, set.size());
        for (int i = 0; i < 100; i++) set.remove(i);
        assertEquals(0, set.size());
        assertFalse(set.contains(7));

        assertTrue(set.add(7));
        assertTrue(set.contains(7));
        set.remove(8); // not held: nothing changes
        assertEquals(1, set.size());
    }
}
