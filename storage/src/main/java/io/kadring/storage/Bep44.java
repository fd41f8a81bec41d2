package io.kadring.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes a record's signature covers, as BEP 44 ("Signature Verification") defines them, so
 * one signature verifies both here and on the BitTorrent Mainline DHT.
 */
public final class Bep44 {
    private Bep44() {}

    /**
     * {@code 4:salt<len>:<salt>3:seqi<seq>e1:v<len>:<value>}, the salt part only when {@code salt}
     * is non-empty, each {@code <len>} the decimal byte length. Our {@code value} is BEP 44's
     * {@code v} as a bencoded byte string, so {@code 1:v<len>:<value>} is {@code "1:v"} followed
     * by the bencoded {@code v}, exactly as BEP 44 signs it.
     */
    public static byte[] signingBuffer(byte[] salt, long seq, byte[] value) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(value, "value");
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + salt.length + value.length);
        if (salt.length > 0) {
            out.writeBytes(ascii("4:salt" + salt.length + ":"));
            out.writeBytes(salt);
        }
        out.writeBytes(ascii("3:seqi" + seq + "e1:v" + value.length + ":"));
        out.writeBytes(value);
        return out.toByteArray();
    }

    /**
     * What a tombstone's signature covers: {@code 7:deletedi1e} followed by the
     * {@link #signingBuffer signing buffer} of an empty value. BEP 44 has no deletion; this is the
     * same bencoded-dictionary shape with one more key, sorted first as bencoding requires, so no
     * tombstone signature verifies as a record's (nor one of a record as a tombstone's).
     */
    public static byte[] tombstoneSigningBuffer(byte[] salt, long seq) {
        byte[] rest = signingBuffer(salt, seq, new byte[0]);
        byte[] flag = ascii("7:deletedi1e");
        byte[] all = java.util.Arrays.copyOf(flag, flag.length + rest.length);
        System.arraycopy(rest, 0, all, flag.length, rest.length);
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
