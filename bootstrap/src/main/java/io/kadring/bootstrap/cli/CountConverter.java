package io.kadring.bootstrap.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A whole number in a range; one subclass per range, since picocli makes converters from their class. */
abstract class CountConverter implements ITypeConverter<Integer> {
    private final int min;
    private final int max;

    CountConverter(int min, int max) {
        this.min = min;
        this.max = max;
    }

    @Override
    public Integer convert(String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) return (int) n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("must be a whole number between " + min + " and " + max + ", got '" + value + "'");
    }

    /** Bucket size: a NODES datagram holds 20 contacts. */
    static final class K extends CountConverter {
        K() {
            super(1, 20);
        }
    }

    /** Lookup parallelism: no more than the largest k. */
    static final class Alpha extends CountConverter {
        Alpha() {
            super(1, 20);
        }
    }

    /** Successor list: a NEIGHBOURS datagram holds 16. */
    static final class Successors extends CountConverter {
        Successors() {
            super(1, 16);
        }
    }

    /** Any count above zero. */
    static final class Positive extends CountConverter {
        Positive() {
            super(1, Integer.MAX_VALUE);
        }
    }

    /** A UDP receive buffer in bytes, up to 1 GiB; 0 keeps the OS default. */
    static final class ReceiveBuffer extends CountConverter {
        ReceiveBuffer() {
            super(0, 1 << 30);
        }
    }

    /** A number of bytes above zero. */
    static final class Bytes implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long n = Long.parseLong(value.strip());
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("must be a whole number of bytes of at least 1, got '" + value + "'");
        }
    }
}
