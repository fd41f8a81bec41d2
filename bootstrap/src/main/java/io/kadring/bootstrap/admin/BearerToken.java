package io.kadring.bootstrap.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The token an {@code Authorization: Bearer <token>} header must carry. Compared in constant
 * time, as SHA-256 digests so that not even the length leaks; never echoed in a message.
 */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** Why {@code authorization} (the header's value, or null) does not carry this token; empty when it does. */
    Optional<String> refusal(String authorization) {
        if (authorization == null) {
            return Optional.of("this route needs the admin API's bearer token: send 'Authorization: Bearer <token>' "
                    + "with the token from the peer's admin token file (only GET /health, GET /metrics and the status page GET / need none)");
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.of("the Authorization header must be 'Bearer <token>' with the token from the peer's "
                    + "admin token file");
        }
        String given = authorization.substring(SCHEME.length()).strip();
        if (!MessageDigest.isEqual(digest, sha256(given))) {
            return Optional.of("the bearer token is not this peer's admin token; it is in the peer's admin token file");
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
