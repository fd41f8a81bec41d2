package io.kadring.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A port number in 0..65535 (0 picks a free port). */
final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("must be a port number in 0..65535, got '" + value + "'");
    }
}
