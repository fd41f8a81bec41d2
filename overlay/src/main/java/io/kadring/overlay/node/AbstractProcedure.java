package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;

/**
 * The bookkeeping every procedure has: done once it has a result (or a failure). Replies and
 * failures are ignored unless a subclass hears its own; a composite's parts hear theirs.
 */
abstract class AbstractProcedure<R> implements Procedure<R> {
    private boolean done;
    private R result;
    private RuntimeException failure;

    /** Done, with {@code value} as the result. */
    final void finish(R value) {
        done = true;
        result = value;
    }

    /** Done, failed with {@code why}. */
    final void fail(RuntimeException why) {
        done = true;
        failure = why;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {}

    @Override
    public void onFailure(Request request, long now) {}

    @Override
    public final boolean isDone() {
        return done;
    }

    @Override
    public final R result() {
        return result;
    }

    @Override
    public final RuntimeException failure() {
        return failure;
    }
}
