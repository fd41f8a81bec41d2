package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import java.net.InetSocketAddress;

/**
 * Answers one type of request another node sent (one handler per type, registered with the
 * node by {@link Message.Type}). The request has been decoded, rate-limited, and its sender
 * told to admission already.
 */
interface RequestHandler {
    void answer(InetSocketAddress from, Message request);

    /** A handler that gets its request as the message type it is registered for. */
    interface Of<M extends Message> extends RequestHandler {
        void handle(InetSocketAddress from, M request);

        @Override
        @SuppressWarnings("unchecked") // registered by the type: the bridge method checks the cast
        default void answer(InetSocketAddress from, Message request) {
            handle(from, (M) request);
        }
    }
}
