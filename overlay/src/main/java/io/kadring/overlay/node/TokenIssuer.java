package io.kadring.overlay.node;

import io.kadring.crypto.KeyedDigest;
import io.kadring.storage.RejectReason;
import io.kadring.storage.StoreOutcome;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Write tokens (as BEP 5): a node hands a token to whoever asks it for nodes or values,
 * and accepts a STORE only with a token it gave to that same address recently. A token is
 * a MAC of the address under a secret key (SipHash-2-4, 64 bits: a FIND_NODE answer costs
 * no SHA-256); the key rotates every period and the previous one is still accepted, so a
 * token lives between one and two periods.
 */
final class TokenIssuer {
    static final int TOKEN_BYTES = 8;

    private final RandomGenerator random;
    private final long period;
    private KeyedDigest current;
    private KeyedDigest previous;
    private long rotatedAt;

    TokenIssuer(RandomGenerator random, long period, long now) {
        this.random = random;
        this.period = period;
        this.current = secret();
        this.previous = secret();
        this.rotatedAt = now;
    }

    byte[] issue(InetSocketAddress to, long now) {
        rotate(now);
        return token(current, to);
    }

    /**
     * What a write that carries {@code token} comes to: {@code write}'s outcome when the token is
     * one we gave {@code from}, else a refusal for {@link RejectReason#BAD_TOKEN} (nothing written).
     */
    StoreOutcome write(byte[] token, InetSocketAddress from, long now, Supplier<StoreOutcome> write) {
        return accepts(token, from, now) ? write.get() : StoreOutcome.rejected(RejectReason.BAD_TOKEN);
    }

    boolean accepts(byte[] token, InetSocketAddress from, long now) {
        rotate(now);
        return token != null && token.length == TOKEN_BYTES
                && (MessageDigest.isEqual(token, token(current, from))
                        || MessageDigest.isEqual(token, token(previous, from)));
    }

    private void rotate(long now) {
        long elapsed = now - rotatedAt;
        if (elapsed < period) return;
        previous = (elapsed < 2 * period) ? current : secret();
        current = secret();
        rotatedAt += elapsed - elapsed % period; // on period boundaries, so a late call cannot stretch a token's life
    }

    /** A new secret: a SipHash key of 16 bytes drawn from {@code random}. */
    private KeyedDigest secret() {
        return new KeyedDigest(random);
    }

    private static byte[] token(KeyedDigest secret, InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        int port = address.getPort();
        long mac = secret.of(ip, new byte[] {(byte) (port >>> 8), (byte) port});
        byte[] token = new byte[TOKEN_BYTES];
        for (int i = 0; i < TOKEN_BYTES; i++) token[i] = (byte) (mac >>> (8 * (TOKEN_BYTES - 1 - i)));
        return token;
    }
}
