package io.kadring.overlay.node;

import java.net.InetSocketAddress;
import java.util.List;

/** Joining failed: none of the bootstrap nodes answered. */
public final class JoinException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JoinException(List<InetSocketAddress> bootstrap, int attempts) {
        super("no bootstrap node answered after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + ": " + bootstrap);
    }
}
