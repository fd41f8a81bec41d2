package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class DurationsTest {

    @Test
    void parse_readsEachUnit() {
        assertEquals(90_000, Durations.parse("90s"));
        assertEquals(600_000, Durations.parse("10m"));
        assertEquals(3_600_000, Durations.parse("1h"));
        assertEquals(86_400_000, Durations.parse("1d"));
        assertEquals(250, Durations.parse("250ms"));
    }

    @Test
    void parse_addsUpSeveralUnits_fromTheLargest() {
        assertEquals(9_000_000, Durations.parse("2h30m"));
        assertEquals(3_723_004, Durations.parse("1h2m3s4ms"));
        assertEquals(600_000, Durations.parse(" 10M "));
    }

    @Test
    void parse_rejectsWhatIsNotADuration_namingIt() {
        for (String bad : new String[] {"", "10", "m", "10x", "1.5h", "-5m", "1m1h", "1h1h", "h1", "10 m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void format_writesWhatParseReads_largestUnitFirst() {
        assertEquals("5m", Durations.format(300_000));
        assertEquals("2h30m", Durations.format(9_000_000));
        assertEquals("1d1h2m3s4ms", Durations.format(90_123_004));
        assertEquals("0s", Durations.format(0));
        for (long millis : new long[] {1, 999, 61_000, 3_600_001, 86_400_000L * 400}) {
            assertEquals(millis, Durations.parse(Durations.format(millis)));
        }
    }

    @Test
    void parse_rejectsADurationTooLongForMilliseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("99999999999999999d"));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }
}
