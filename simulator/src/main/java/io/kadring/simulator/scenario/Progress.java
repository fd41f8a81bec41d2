package io.kadring.simulator.scenario;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Progress lines of a scenario, between its runs; nowhere when there is no destination. */
final class Progress {
    private Progress() {}

    static void say(Appendable out, String format, Object... args) {
        if (out == null) return;
        try {
            out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
            if (out instanceof Flushable f) f.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
