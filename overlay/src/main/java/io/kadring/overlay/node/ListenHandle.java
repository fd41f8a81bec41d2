package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.routing.Id;

/**
 * A listen that {@link Node#listen} started: cancel it to stop; read what it cost so far. Call it
 * on the node's thread, as the node itself.
 */
public final class ListenHandle implements Cancellable {
    private final ListenProcedure listen;
    private final Subscriptions subscriptions;

    ListenHandle(ListenProcedure listen, Subscriptions subscriptions) {
        this.listen = listen;
        this.subscriptions = subscriptions;
    }

    public Id key() {
        return listen.key();
    }

    /** Stops the listen: nothing more is delivered; holders forget it when it expires there. */
    @Override
    public void cancel() {
        listen.cancel();
        subscriptions.remove(listen);
    }

    /** Messages this listener sent and received: its lookups', its LISTENs and their answers (not UPDATEs). */
    public long messages() {
        return listen.messages();
    }
}
