package io.kadring.bootstrap.admin;

import io.kadring.bootstrap.text.Json;
import io.kadring.overlay.KadringNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Whether the peer has joined a network, for {@code /health} and for the routes that need the
 * network (writes and lookups): until it has, they answer 503 with reason
 * {@value #NOT_JOINED} rather than a success that reached no one.
 *
 * @param node the node whose routing table is counted
 * @param facts the peer's phase and readiness
 */
record JoinGate(KadringNode node, PeerFacts facts) {
    static final String NOT_JOINED = "not_joined";
    static final String ISOLATED = "isolated";

    /**
     * {@code {status: ok, phase}}; 503 {@code {status: unavailable, phase, error, reason}} while
     * joining; 503 {@code {status: unhealthy, phase, error, reason: isolated, silence_seconds}} once
     * joined when no contact has answered for the isolation alarm's time.
     */
    CompletableFuture<Reply> health() {
        String phase = facts.phase();
        if (facts.ready()) {
            return isolation().thenApply(silence -> silence < 0
                    ? Reply.json(Json.object().put("status", "ok").put("phase", phase))
                    : Reply.json(503, Json.object()
                            .put("status", "unhealthy")
                            .put("phase", phase)
                            .put("error", "the peer is isolated: no contact has answered it for " + silence / 1000
                                    + " s; check its network connection and its bootstrap nodes")
                            .put("reason", ISOLATED)
                            .put("silence_seconds", silence / 1000)));
        }
        return contacts().thenApply(n -> Reply.json(503, Json.object()
                .put("status", "unavailable")
                .put("phase", phase)
                .put("error", notJoined(phase, n))
                .put("reason", NOT_JOINED)));
    }

    /** Whether the peer has joined (or is alone): the routes that need the network may answer. */
    boolean joined() {
        return facts.ready();
    }

    /** The 503 {@code {error, reason, phase, contacts}} of a route that needs the network, while joining. */
    CompletableFuture<Reply> notJoined() {
        String phase = facts.phase();
        return contacts().thenApply(n -> Reply.json(503, Json.object()
                .put("error", notJoined(phase, n))
                .put("reason", NOT_JOINED)
                .put("phase", phase)
                .put("contacts", n)));
    }

    private static String notJoined(String phase, int contacts) {
        return "the peer has not joined the network yet (phase " + phase + ", " + contacts
                + (contacts == 1 ? " contact)" : " contacts)");
    }

    /** How long no contact has answered, in ms, when the node is isolated; -1 when it is not (or not running). */
    private CompletableFuture<Long> isolation() {
        try {
            return node.isolated().thenCombine(node.contactSilenceMillis(), (isolated, silence) -> isolated ? silence : -1L);
        } catch (IllegalStateException notRunning) {
            return done(-1L);
        }
    }

    /** The routing table's size; 0 while the node is not running (not bound yet, or stopping). */
    private CompletableFuture<Integer> contacts() {
        try {
            return node.contacts().thenApply(List::size);
        } catch (IllegalStateException notRunning) {
            return done(0);
        }
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
