package io.kadring.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class HashesTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void sha256_ofAbc_isTheFips180Vector_andPartsAreConcatenated() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, HexFormat.of().formatHex(Hashes.sha256(ascii("abc"))));
        assertEquals(abc, HexFormat.of().formatHex(Hashes.sha256(ascii("a"), new byte[0], ascii("bc"))));
    }

    @Test
    void sha256_calledAgain_startsFresh() {
        byte[] first = Hashes.sha256(ascii("kadring"));
        Hashes.sha256(ascii("something else"));
        assertArrayEquals(first, Hashes.sha256(ascii("kadring")));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(Hashes.sha256()));
    }
}
