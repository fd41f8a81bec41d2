package io.kadring.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A converter over a parser that throws {@link IllegalArgumentException} with a message for the
 * user: that message becomes picocli's conversion error. One subclass per type, since picocli
 * makes converters from their class.
 */
abstract class ParsingConverter<T> implements ITypeConverter<T> {
    /** {@code value} parsed; an {@link IllegalArgumentException}'s message says what is wrong with it. */
    abstract T parse(String value);

    @Override
    public final T convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
