package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * JSON for reports, written with Jackson's streaming {@link JsonGenerator}: keys in the order
 * they are written, and decimals to six places at most (see {@link #decimal}), so output is stable.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {}

    /** Writes one JSON value to the generator it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(JsonGenerator out) throws IOException;
    }

    /** The JSON text {@code writer} writes. */
    public static String write(Writer writer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a StringWriter: a writer's own failure
        }
        return text.toString();
    }

    /** A field holding {@code value} rounded to six decimals, without trailing zeros; null if not finite. */
    public static void decimal(JsonGenerator out, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumberField(name, new BigDecimal(String.format(Locale.ROOT, "%.6f", value)).stripTrailingZeros());
        } else {
            out.writeNullField(name);
        }
    }
}
