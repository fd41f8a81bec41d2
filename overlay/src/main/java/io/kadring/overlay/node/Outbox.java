package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import java.net.InetSocketAddress;

/** Sends a message that expects no answer: what a request handler answers with. */
@FunctionalInterface
interface Outbox {
    void send(InetSocketAddress to, Message message);
}
