package io.kadring.overlay.node;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.wire.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@link Procedure}s: sends what they ask for through the RPC engine, feeds them each
 * reply and failure, wakes them at their deadlines, and completes a future with the result
 * once one is done. The only place where a procedure meets IO, timers and futures.
 *
 * <p>Every reply passes admission's bookkeeping on its way: a PONG's record is judged (and
 * the verdict handed to the procedure), an answer from the expected node refreshes it, and a
 * request that fails (silence, or another node at that address) counts against the contact
 * it went to.
 */
final class Procedures implements RpcEngine.Listener {
    private final RpcEngine rpc;
    private final Admission admission;
    private final LocalNode local;
    private boolean closed;

    Procedures(RpcEngine rpc, Admission admission, LocalNode local) {
        this.rpc = rpc;
        this.admission = admission;
        this.local = local;
        rpc.listen(this);
    }

    /** Starts {@code procedure}; the future completes on the node's thread when it is done. */
    <R> CompletableFuture<R> run(Procedure<R> procedure) {
        Running<R> run = new Running<>(procedure);
        drive(run);
        return run.future;
    }

    /**
     * The node is closing (its engine fails every request): a procedure that is not done once
     * its last request has failed fails.
     */
    void close() {
        closed = true;
    }

    @Override
    public void onReply(Request request, Object context, Message reply) {
        Running<?> run = (Running<?>) context;
        try {
            deliver(request, reply, local.now());
        } catch (RuntimeException e) {
            bug(run, e);
        }
        settled(run);
    }

    @Override
    public void onFailure(Request request, Object context) {
        Running<?> run = (Running<?>) context;
        try {
            if (request.expected() != null) admission.failed(request.expected(), request.to());
            request.owner().onFailure(request, local.now());
        } catch (RuntimeException e) {
            bug(run, e);
        }
        settled(run);
    }

    /** Admission's bookkeeping, then the reply to the part that asked (as a failure when the wrong node answered). */
    private void deliver(Request request, Message reply, long now) {
        Procedure<?> owner = request.owner();
        if (reply instanceof Message.Pong pong) {
            RecordRefusal refusal = admission.onPong(pong, request.to());
            if (isFromExpected(request, reply)) {
                owner.onPong(request, pong, refusal, now);
            } else {
                admission.failed(request.expected(), request.to()); // another node lives there now
                owner.onFailure(request, now);
            }
        } else if (!isFromExpected(request, reply)) {
            admission.failed(request.expected(), request.to());
            owner.onFailure(request, now);
        } else {
            // an answer that brings its sender's record admits it as a PONG would
            boolean admitted = reply instanceof Message.Nodes nodes && nodes.senderRecord() != null
                    && admission.onRecord(nodes.senderRecord(), nodes.sender(), request.to(), true) == null;
            if (!admitted && request.expected() != null && !(reply instanceof Message.Error)) {
                admission.heardFrom(request.expected(), request.to());
            }
            owner.onReply(request, reply, now);
        }
    }

    /** A bug of ours: the procedure ends, the node goes on. */
    private void bug(Running<?> run, RuntimeException e) {
        local.metrics().dropped("internal_error");
        fail(run, e);
    }

    private void settled(Running<?> run) {
        run.outstanding--;
        drive(run);
    }

    private static boolean isFromExpected(Request request, Message reply) {
        return request.expected() == null || reply.sender().equals(request.expected());
    }

    /** Polls {@code run}'s procedure and sends what it asks for until it waits or is done. */
    private <R> void drive(Running<R> run) {
        if (run.future.isDone()) return;
        if (run.driving) {
            run.again = true; // a request failed at once (closed engine): poll again when back
            return;
        }
        run.driving = true;
        try {
            do {
                run.again = false;
                send(run);
                if (run.procedure.isDone()) {
                    finish(run);
                    return;
                }
            } while (run.again);
            if (closed && run.outstanding == 0) {
                fail(run, new IllegalStateException("the node was closed"));
                return;
            }
            wakeAt(run, run.procedure.deadline());
        } catch (RuntimeException e) {
            bug(run, e);
        } finally {
            run.driving = false;
        }
    }

    private void send(Running<?> run) {
        for (Request r : run.procedure.poll(local.now())) {
            if (r.isOneWay()) {
                rpc.sendOneWay(r);
            } else {
                run.outstanding++;
                rpc.request(r, run);
            }
        }
    }

    private <R> void finish(Running<R> run) {
        RuntimeException failure = run.procedure.failure();
        if (failure != null) {
            fail(run, failure);
        } else {
            run.cancelTimer();
            run.future.complete(run.procedure.result());
        }
    }

    private static void fail(Running<?> run, RuntimeException failure) {
        run.cancelTimer();
        run.future.completeExceptionally(failure);
    }

    private void wakeAt(Running<?> run, long deadline) {
        if (deadline == run.wakeAt) return;
        run.cancelTimer();
        run.wakeAt = deadline;
        if (deadline == Procedure.NEVER) return;
        long delay = Math.max(0, deadline - local.now());
        run.timer = local.scheduler().schedule(delay, () -> {
            run.wakeAt = Procedure.NEVER;
            run.timer = null;
            drive(run);
        });
    }

    private static final class Running<R> {
        final Procedure<R> procedure;
        final CompletableFuture<R> future = new CompletableFuture<>();
        boolean driving;
        boolean again;
        int outstanding;
        long wakeAt = Procedure.NEVER;
        Cancellable timer;

        Running(Procedure<R> procedure) {
            this.procedure = procedure;
        }

        void cancelTimer() {
            if (timer != null) timer.cancel();
            timer = null;
            wakeAt = Procedure.NEVER;
        }
    }
}
