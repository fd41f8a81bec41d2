package io.kadring.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class Bep44Test {
    @Test
    void signingBuffer_matchesBep44TestVector1WithoutSalt() {
        assertEquals("3:seqi1e1:v12:Hello World!", text(Bep44.signingBuffer(new byte[0], 1, ascii("Hello World!"))));
    }

    @Test
    void signingBuffer_matchesBep44TestVector2WithSalt() {
        assertEquals("4:salt6:foobar3:seqi1e1:v12:Hello World!",
                text(Bep44.signingBuffer(ascii("foobar"), 1, ascii("Hello World!"))));
    }

    @Test
    void signingBuffer_writesLengthsAsDecimalByteCountsAndKeepsBytesVerbatim() {
        byte[] salt = new byte[64];
        salt[0] = (byte) 0xff; // a non-ASCII byte, counted as one byte
        byte[] value = new byte[1000];
        value[999] = ':';
        byte[] buffer = Bep44.signingBuffer(salt, Long.MAX_VALUE, value);

        String head = "4:salt64:";
        String middle = "3:seqi9223372036854775807e1:v1000:";
        assertEquals(head.length() + 64 + middle.length() + 1000, buffer.length);
        assertEquals(head, text(buffer).substring(0, head.length()));
        assertEquals((byte) 0xff, buffer[head.length()]);
        assertEquals(middle, new String(buffer, head.length() + 64, middle.length(), StandardCharsets.US_ASCII));
        assertEquals(':', buffer[buffer.length - 1]);
    }

    @Test
    void signingBuffer_coversAnEmptyValueAndSeqZero() {
        assertArrayEquals(ascii("3:seqi0e1:v0:"), Bep44.signingBuffer(new byte[0], 0, new byte[0]));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
