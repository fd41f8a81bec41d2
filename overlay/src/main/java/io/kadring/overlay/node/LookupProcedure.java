package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.LookupResult;
import java.util.List;

/**
 * What the two lookups share: a start time, an outcome reported to the metrics once done, and
 * the verifiedContacts defence ({@link ReferralProofs}, or none): a query's answer reaches
 * {@link #answer} only once its sender has proven itself, and a sender that could not is
 * {@link #ruledOut}.
 */
abstract class LookupProcedure extends AbstractProcedure<LookupOutcome> {
    private final LookupKind kind;
    private final Id target;
    private final LocalNode local;
    private final long start;
    private final ReferralProofs proofs;
    private final ReferralProofs.Sink sink = new ReferralProofs.Sink() {
        @Override
        public void answer(Request request, Message reply, long now) {
            LookupProcedure.this.answer(request, reply, now);
        }

        @Override
        public void refused(Id id, long now) {
            ruledOut(id);
        }
    };

    /**
     * @param target what it looks for
     * @param proofs the verifiedContacts defence, or null when it is off
     */
    LookupProcedure(LookupKind kind, Id target, LocalNode local, ReferralProofs proofs) {
        this.kind = kind;
        this.target = target;
        this.local = local;
        this.start = local.now();
        this.proofs = proofs;
    }

    final LocalNode local() {
        return local;
    }

    /** When it started (ms on the node's clock). */
    final long start() {
        return start;
    }

    /** {@code query} to {@code c}, once, proving {@code c} on the way when it needs proof. */
    final void ask(Contact c, LookupRequest query, List<Request> out) {
        if (proofs == null) {
            out.add(Request.once(c, tx -> query.request(tx, null), this));
        } else {
            out.addAll(proofs.ask(c, query, this));
        }
    }

    @Override
    public final List<Request> poll(long now) {
        return isDone() ? List.of() : next(now);
    }

    /** The queries to send now, while it is not done. */
    abstract List<Request> next(long now);

    /** A query's answer, from a sender that has proven itself (or any, without the defence). */
    abstract void answer(Request request, Message reply, long now);

    /** {@code id}'s query failed, or it failed its proof. */
    abstract void ruledOut(Id id);

    /** Unverified referrals beyond the caps dropped (all of them kept without the defence). */
    final List<Contact> admit(List<Contact> referrals) {
        return proofs == null ? referrals : proofs.admit(referrals);
    }

    @Override
    public final void onPong(Request request, Message.Pong pong, RecordRefusal refusal, long now) {
        if (proofs != null && proofs.isProof(request)) {
            if (!isDone()) proofs.onPong(request, refusal, now, sink);
        } else {
            onReply(request, pong, now);
        }
    }

    @Override
    public final void onReply(Request request, Message reply, long now) {
        if (isDone()) return;
        if (proofs != null) {
            if (proofs.isProof(request)) { // answered with something other than a PONG
                proofs.onPingFailed(request, now, sink);
                return;
            }
            if (!proofs.mayCount(request, reply, now, sink)) return;
        }
        answer(request, reply, now);
    }

    @Override
    public final void onFailure(Request request, long now) {
        if (isDone()) return;
        if (proofs != null && proofs.isProof(request)) {
            proofs.onPingFailed(request, now, sink);
        } else {
            ruledOut(request.expected());
        }
    }

    /** Done with {@code r}; the proof PINGs sent count among its messages. */
    final void finish(LookupResult r, long now) {
        long duration = now - start;
        local.metrics().lookupFinished(kind, duration, r.hops());
        int extra = proofs == null ? 0 : proofs.messages();
        local.lookups().add(new RecentLookup(kind.label, target, r.hops(), r.messages() + extra,
                duration, r.closest().size(), now));
        finish(new LookupOutcome(r.closest(), r.hops(), r.messages() + extra, duration));
    }
}
