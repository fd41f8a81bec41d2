package io.kadring.simulator.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class AttackTest {
    @Test
    void parse_readsTheLabels_andNamesAnUnknownOne() {
        assertEquals(Attack.SYBIL_RING, Attack.parse("sybil-ring"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attack.parse("nosuch"));
        assertTrue(e.getMessage().contains("'nosuch'") && e.getMessage().contains("sybil-ring"), e.getMessage());
    }

    @Test
    void mixed_dealsEveryPureKindInTurn() {
        assertEquals(Attack.DROP, Attack.MIXED.forAdversary(0));
        assertEquals(Attack.SYBIL_RING, Attack.MIXED.forAdversary(4));
        assertEquals(Attack.DROP, Attack.MIXED.forAdversary(5));
        assertEquals(Attack.LIE, Attack.LIE.forAdversary(3));
    }

    @Test
    void adversaries_refuseAFractionOutsideZeroToAHalf() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adversaries(0.6, Attack.DROP, 3));
        assertTrue(e.getMessage().contains("0.6"), e.getMessage());
    }
}
