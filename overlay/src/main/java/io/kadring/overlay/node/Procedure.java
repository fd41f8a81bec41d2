package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import java.util.List;

/**
 * A multi-step procedure of a node as a state machine that does no IO: it is fed replies,
 * failures and the time, and says what to send next and when it next wants waking. The node's
 * {@link Procedures} turns its requests into datagrams and its deadline into a timer, and
 * hands its result to whoever waits once it is done.
 *
 * <p>A reply or failure goes to the procedure named as the {@link Request#owner()}, which may
 * be a part of a larger one (the lookup inside a put); the driver then polls the procedure it
 * runs. Replies have been matched to their request (transaction id, address, type) and to the
 * expected sender before they get here: one from another sender arrives as a failure.
 *
 * @param <R> what it yields
 */
interface Procedure<R> {
    /** No deadline: woken only by replies and failures. */
    long NEVER = Long.MAX_VALUE;

    /** The requests to send now, given the time; empty when it waits. */
    List<Request> poll(long now);

    /** {@code request} was answered with {@code reply} (of the type that answers it, or ERROR). */
    void onReply(Request request, Message reply, long now);

    /** {@code request} got no answer after its retries, or the wrong node answered. */
    void onFailure(Request request, long now);

    /**
     * A PONG answered {@code request}; {@code refusal} says why its record did not admit the
     * sender, or is null when it did. By default a reply like any other.
     */
    default void onPong(Request request, Message.Pong pong, RecordRefusal refusal, long now) {
        onReply(request, pong, now);
    }

    /** When it wants to be polled even if nothing arrives, or {@link #NEVER}. */
    default long deadline() {
        return NEVER;
    }

    boolean isDone();

    /** What it yields; only once {@link #isDone()} and when it did not fail. */
    R result();

    /** Why it failed, once {@link #isDone()}; null when it did not. */
    default RuntimeException failure() {
        return null;
    }
}
