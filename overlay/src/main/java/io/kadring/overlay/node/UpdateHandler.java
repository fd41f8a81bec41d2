package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import java.net.InetSocketAddress;

/**
 * UPDATE: a holder we listen at tells of a newer record; its listener validates it and drops
 * duplicates. One from an address no listener of the key subscribed at is dropped and counted
 * (no signature is checked for it). Not answered.
 */
record UpdateHandler(LocalNode local, Subscriptions subscriptions) implements RequestHandler.Of<Message.Update> {

    @Override
    public void handle(InetSocketAddress from, Message.Update update) {
        if (!subscriptions.onUpdate(from, update.record())) {
            local.metrics().dropped("unsolicited_update");
        }
    }
}
