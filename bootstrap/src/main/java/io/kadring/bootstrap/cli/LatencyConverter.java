package io.kadring.bootstrap.cli;

import io.kadring.simulator.run.Latencies;

/** A latency model, {@code constant:MS}, {@code uniform:MIN-MAX} or {@code coords:MIN-MAX}, checked now. */
final class LatencyConverter extends ParsingConverter<String> {
    @Override
    String parse(String value) {
        Latencies.parse(value);
        return value.trim();
    }
}
