package io.kadring.storage;

import io.kadring.crypto.Identity;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Deterministic keys, records and addresses for storage tests. */
final class Records {
    static final Identity ALICE = identity(1);
    static final Identity BOB = identity(2);

    private Records() {}

    static Identity identity(int n) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) n);
        return Identity.fromSeed(seed);
    }

    static SignedRecord signed(Identity identity, String salt, long seq, String value) {
        return SignedRecord.sign(identity, bytes(salt), seq, bytes(value));
    }

    static SignedRecord immutable(String value) {
        return SignedRecord.immutable(bytes(value));
    }

    /** {@code record} with one bit of its signature flipped. */
    static SignedRecord withBadSignature(SignedRecord record) {
        byte[] signature = record.signature();
        signature[0] ^= 1;
        return new SignedRecord(record.publicKey(), record.salt(), record.seq(), record.value(), signature);
    }

    static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
