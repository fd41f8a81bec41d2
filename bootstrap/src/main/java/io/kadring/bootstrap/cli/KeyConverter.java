package io.kadring.bootstrap.cli;

import io.kadring.bootstrap.text.KeyArgument;
import io.kadring.routing.Id;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A 256-bit key as 64 hex digits. */
final class KeyConverter implements ITypeConverter<Id> {
    @Override
    public Id convert(String value) {
        try {
            return KeyArgument.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
