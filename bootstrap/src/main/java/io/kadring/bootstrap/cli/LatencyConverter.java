package io.kadring.bootstrap.cli;

import io.kadring.simulator.run.Latencies;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A latency model, {@code constant:MS}, {@code uniform:MIN-MAX} or {@code coords:MIN-MAX}, checked now. */
final class LatencyConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            Latencies.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        return value.trim();
    }
}
