package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class IsolationWatchTest {
    @Test
    void silenceAfterJoiningRaisesTheAlarmOnceAndAnAnswerLowersIt() {
        IsolationWatch w = new IsolationWatch(1_000);
        assertEquals(-1, w.silenceMillis(5_000));
        assertFalse(w.isolated(1_000_000), "never joined: alone, not isolated");
        w.joined(10_000);
        assertFalse(w.isolated(10_999));
        assertEquals(IsolationWatch.Change.NONE, w.check(10_999));
        assertTrue(w.isolated(11_000));
        assertEquals(IsolationWatch.Change.ISOLATED, w.check(11_000));
        assertEquals(IsolationWatch.Change.NONE, w.check(12_000), "raised once");
        assertTrue(w.alarmed());
        w.answered(12_500);
        assertEquals(IsolationWatch.Change.RECOVERED, w.check(12_600));
        assertFalse(w.alarmed());
        assertEquals(100, w.silenceMillis(12_600));
    }

    @Test
    void anAnswerCountsAsJoinedForANodeThatStartedAlone() {
        IsolationWatch w = new IsolationWatch(1_000);
        w.answered(50);
        assertTrue(w.isolated(1_050));
        w.joined(2_000); // a later join does not reset an older silence... it is newer: it does not move back
        assertTrue(w.isolated(2_000));
    }

    @Test
    void zeroTurnsTheAlarmOff() {
        IsolationWatch w = new IsolationWatch(0);
        w.joined(0);
        assertFalse(w.isolated(Long.MAX_VALUE / 2));
        assertThrows(IllegalArgumentException.class, () -> new IsolationWatch(-1));
    }
}
