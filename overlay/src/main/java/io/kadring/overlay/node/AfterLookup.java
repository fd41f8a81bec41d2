package io.kadring.overlay.node;

import java.util.List;

/**
 * A procedure that runs a lookup first and then asks the nodes it found: a put, an announce, a
 * replica check, a get, an announcements lookup. Here is the first half: the lookup's deadline
 * while it runs, and its polls until it ends; {@link #lookedUp} says what to send then, and
 * {@link #later} what to send on the polls after that.
 */
abstract class AfterLookup<R> extends AbstractProcedure<R> {
    /** The lookup, set by the subclass's constructor; it may let go of it (null) once it is done. */
    ClosestProcedure lookup;
    private boolean lookedUp;

    /** Its lookup's next straggler, while the lookup runs. */
    @Override
    public long deadline() {
        return lookup != null && !lookup.isDone() ? lookup.deadline() : NEVER;
    }

    @Override
    public final List<Request> poll(long now) {
        if (isDone()) return List.of();
        if (lookedUp) return later(now);
        List<Request> out = lookup.poll(now);
        if (!lookup.isDone()) return out;
        lookedUp = true;
        return lookedUp(lookup.result(), out, now);
    }

    /**
     * The lookup has ended with {@code found}: the requests to send now. {@code last} is what its
     * final poll gave, which a subclass may send as well.
     */
    abstract List<Request> lookedUp(LookupOutcome found, List<Request> last, long now);

    /** The requests to send on a poll after {@link #lookedUp}; none by default (the answers move it on). */
    List<Request> later(long now) {
        return List.of();
    }
}
