package io.kadring.simulator.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as a user writes them: a number and a unit, or several from largest to smallest
 * unit: {@code 90s}, {@code 10m}, {@code 1h}, {@code 2h30m}, {@code 1d}, {@code 250ms}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};
    private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {}

    /** Milliseconds in {@code text}; an exception naming the text if it is not a duration. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) throw bad(text);
        String s = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(s);
        long total = 0;
        int at = 0;
        int lastUnit = -1;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) throw bad(text);
            int unit = unitIndex(m.group(2));
            if (unit <= lastUnit) throw bad(text);
            lastUnit = unit;
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(m.group(1)), MILLIS[unit]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration '" + text + "' is too long", e);
            }
            at = m.end();
        }
        return total;
    }

    /** {@code millis} (≥ 0) as {@link #parse} reads it: {@code 5m}, {@code 2h30m}, {@code 1m30s250ms}, {@code 0s}. */
    public static String format(long millis) {
        if (millis < 0) throw new IllegalArgumentException("duration must be >= 0 ms, got " + millis);
        if (millis == 0) return "0s";
        StringBuilder b = new StringBuilder();
        long left = millis;
        for (int i = 0; i < UNITS.length; i++) {
            if (left >= MILLIS[i]) {
                b.append(left / MILLIS[i]).append(UNITS[i]);
                left %= MILLIS[i];
            }
        }
        return b.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) return i;
        }
        throw new AssertionError(unit);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: expected a number and a unit "
                + "(d, h, m, s, ms), largest unit first, e.g. 90s, 10m, 1h, 2h30m");
    }
}
