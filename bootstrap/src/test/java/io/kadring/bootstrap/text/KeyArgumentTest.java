package io.kadring.bootstrap.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.routing.Id;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class KeyArgumentTest {
    private static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void parse_acceptsSixtyFourHexDigitsInEitherCase() {
        assertEquals(Id.fromHex(HEX), KeyArgument.parse(HEX.toUpperCase()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zz", "00112233", "g0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "\uff10" + "0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"})
    void parse_refusesAnythingElseNamingTheValue(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> KeyArgument.parse(text));
        assertEquals("key must be 64 hex characters, got '" + text + "'", e.getMessage());
    }

    @Test
    void parse_shortensAHugeValueInItsMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> KeyArgument.parse("x".repeat(10_000)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
