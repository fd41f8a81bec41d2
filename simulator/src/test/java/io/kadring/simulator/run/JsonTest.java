package io.kadring.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class JsonTest {

    @Test
    void decimals_haveSixPlacesAtMost_noExponent_noTrailingZeros_andNullWhenNotFinite() {
        String json = Json.write(out -> {
            out.writeStartObject();
            Json.decimal(out, "third", 1 / 3.0);
            Json.decimal(out, "whole", 100.0);
            Json.decimal(out, "large", 2.5e10);
            Json.decimal(out, "tiny", 6e-7);
            Json.decimal(out, "zero", -0.0);
            Json.decimal(out, "nan", Double.NaN);
            Json.decimal(out, "infinite", Double.POSITIVE_INFINITY);
            out.writeEndObject();
        });

        assertEquals("{\"third\":0.333333,\"whole\":100,\"large\":25000000000,\"tiny\":0.000001,\"zero\":0,"
                + "\"nan\":null,\"infinite\":null}", json);
    }

    @Test
    void namesAndStrings_areEscaped() {
        String json = Json.write(out -> {
            out.writeStartObject();
            out.writeStringField("a \"quoted\" name", "line\nbreak \\ tab\t");
            out.writeEndObject();
        });

        assertEquals("{\"a \\\"quoted\\\" name\":\"line\\nbreak \\\\ tab\\t\"}", json);
    }
}
