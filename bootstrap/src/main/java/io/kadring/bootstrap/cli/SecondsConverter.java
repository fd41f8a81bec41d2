package io.kadring.bootstrap.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A number of seconds above zero, decimals allowed ({@code 30}, {@code 0.5}), to the millisecond. */
final class SecondsConverter implements ITypeConverter<Duration> {
    /** About 31 years: longer is surely a typo. */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MILLISECOND = new BigDecimal("0.001");

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw expected(value);
        }
        if (seconds.compareTo(MILLISECOND) < 0 || seconds.compareTo(MAX_SECONDS) > 0) throw expected(value);
        return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }

    /** {@code 30000 ms} as "30", {@code 500 ms} as "0.5": the form this converter reads. */
    static String format(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static TypeConversionException expected(String value) {
        return new TypeConversionException("must be a number of seconds from 0.001 to " + MAX_SECONDS
                + ", got '" + value + "'");
    }
}
