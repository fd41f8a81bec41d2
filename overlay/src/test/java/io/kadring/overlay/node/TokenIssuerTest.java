package io.kadring.overlay.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Write tokens: bound to the address they were handed to, alive between one and two periods. */
final class TokenIssuerTest {
    private static final long PERIOD = 300_000;
    private static final InetSocketAddress A = TestNetwork.address(1);
    private static final InetSocketAddress B = TestNetwork.address(2);

    private final TokenIssuer tokens = new TokenIssuer(new SplittableRandom(5), PERIOD, 0);

    @Test
    void token_isAcceptedFromTheAddressItWasIssuedTo() {
        byte[] token = tokens.issue(A, 10);
        assertEquals(TokenIssuer.TOKEN_BYTES, token.length);
        assertTrue(tokens.accepts(token, A, 20));
    }

    @Test
    void token_isRefusedFromAnotherAddress() {
        byte[] token = tokens.issue(A, 10);
        assertFalse(tokens.accepts(token, B, 20));
        assertFalse(tokens.accepts(token, TestNetwork.address("10.0.0.1", 4001), 20), "same IP, other port");
    }

    @Test
    void token_isStillAcceptedOnePeriodLater() {
        byte[] token = tokens.issue(A, 0);
        assertTrue(tokens.accepts(token, A, PERIOD));
        assertTrue(tokens.accepts(token, A, 2 * PERIOD - 1));
    }

    @Test
    void token_isRefusedTwoPeriodsLater() {
        byte[] token = tokens.issue(A, 0);
        assertFalse(tokens.accepts(token, A, 2 * PERIOD));
    }

    @Test
    void token_isRefusedTwoPeriodsLater_evenWhenChecksCameLateInEachPeriod() {
        byte[] token = tokens.issue(A, 0);
        assertTrue(tokens.accepts(token, A, 2 * PERIOD - 1));
        // rotation must keep to period boundaries: a late check must not stretch the token's life
        assertFalse(tokens.accepts(token, A, 2 * PERIOD), "a token lives at most two periods");
    }

    @Test
    void token_issuedLateInAPeriod_livesAtLeastOnePeriod() {
        byte[] token = tokens.issue(A, PERIOD - 1);
        assertTrue(tokens.accepts(token, A, 2 * PERIOD - 2));
    }

    @Test
    void tokens_ofAnotherLengthOrNull_areRefused() {
        byte[] token = tokens.issue(A, 0);
        assertFalse(tokens.accepts(null, A, 0));
        assertFalse(tokens.accepts(new byte[0], A, 0));
        assertFalse(tokens.accepts(java.util.Arrays.copyOf(token, token.length + 1), A, 0));
    }

    @Test
    void tokens_afterAMuchLongerSilence_areRefused() {
        byte[] token = tokens.issue(A, 0);
        assertFalse(tokens.accepts(token, A, 100 * PERIOD));
        assertTrue(tokens.accepts(tokens.issue(A, 100 * PERIOD), A, 100 * PERIOD + 1));
    }

    @Test
    void anotherIssuersToken_forTheSameAddress_isRefused() {
        TokenIssuer other = new TokenIssuer(new SplittableRandom(6), PERIOD, 0);
        byte[] theirs = other.issue(A, 0);
        assertFalse(java.util.Arrays.equals(theirs, tokens.issue(A, 0)), "another secret, another token");
        assertFalse(tokens.accepts(theirs, A, 1));
        assertTrue(other.accepts(theirs, A, 1));
    }

    @Test
    void tokens_ofManyAddresses_areDistinct() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(java.util.HexFormat.of().formatHex(tokens.issue(TestNetwork.address("10.0.0.1", 1000 + i), 0)));
        }
        assertEquals(1000, seen.size());
    }
}
