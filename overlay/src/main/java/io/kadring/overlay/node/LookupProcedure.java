package io.kadring.overlay.node;

import io.kadring.routing.LookupResult;

/** What the two lookups share: a start time, and an outcome reported to the metrics once done. */
abstract class LookupProcedure extends AbstractProcedure<LookupOutcome> {
    private final LookupKind kind;
    private final LocalNode local;
    private final long start;

    LookupProcedure(LookupKind kind, LocalNode local) {
        this.kind = kind;
        this.local = local;
        this.start = local.now();
    }

    final LocalNode local() {
        return local;
    }

    /** When it started (ms on the node's clock). */
    final long start() {
        return start;
    }

    final void finish(LookupResult r, long now) {
        finish(r, 0, now);
    }

    /** As {@link #finish(LookupResult, long)}, with {@code extraMessages} sent besides the lookup's queries (proofs). */
    final void finish(LookupResult r, int extraMessages, long now) {
        long duration = now - start;
        local.metrics().lookupFinished(kind, duration, r.hops());
        finish(new LookupOutcome(r.closest(), r.hops(), r.messages() + extraMessages, duration));
    }
}
