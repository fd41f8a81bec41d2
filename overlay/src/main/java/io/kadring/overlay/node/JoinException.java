package io.kadring.overlay.node;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.stream.Collectors;

/** Joining failed: no bootstrap node let this node in; the message says what each one did. */
public final class JoinException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JoinException(Map<InetSocketAddress, String> outcomes, int attempts) {
        super("no bootstrap node let this node in after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + ": " + (outcomes.isEmpty() ? "no bootstrap address (the names given resolve to none)" : describe(outcomes)));
    }

    /** "1.2.3.4:7420 no answer; 5.6.7.8:7420 answered but refused: ..." */
    public static String describe(Map<InetSocketAddress, String> outcomes) {
        return outcomes.entrySet().stream()
                .map(e -> e.getKey().getAddress().getHostAddress() + ":" + e.getKey().getPort() + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
