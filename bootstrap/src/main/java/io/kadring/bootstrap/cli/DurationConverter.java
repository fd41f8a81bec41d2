package io.kadring.bootstrap.cli;

import io.kadring.simulator.run.Durations;
import picocli.CommandLine.TypeConversionException;

/** A duration such as {@code 90s}, {@code 10m}, {@code 1h}, {@code 2h30m}, in milliseconds (> 0). */
final class DurationConverter extends ParsingConverter<Long> {
    @Override
    Long parse(String value) {
        long millis = Durations.parse(value);
        if (millis <= 0) throw new TypeConversionException("expected a duration above zero, got '" + value + "'");
        return millis;
    }
}
