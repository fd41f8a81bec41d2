package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import io.kadring.storage.StoreOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The second half of a put or an announce: one write request to each holder the lookup found
 * (this node writes its own store at once when it is one of them), and each holder's outcome as
 * its answer (a STORE_RESULT or an ANNOUNCE_RESULT: its status), its refusal, or its silence
 * comes; then the {@link PutResult}, which succeeds when a quorum holds it ({@code putQuorum},
 * else a majority of the holders).
 */
final class HolderWrites {
    private final List<Contact> holders;
    private final PutResult.Outcome[] outcomes;
    private final Map<Request, Integer> asking = new HashMap<>();
    private int unanswered;

    HolderWrites(List<Contact> holders) {
        this.holders = List.copyOf(holders);
        this.outcomes = new PutResult.Outcome[this.holders.size()];
    }

    /**
     * The requests to send: {@code request} for each holder but this node ({@code self}), whose
     * share {@code local} writes at once.
     */
    List<Request> start(Id self, Supplier<StoreOutcome> local, Function<Contact, Request> request) {
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            Contact holder = holders.get(i);
            if (holder.id().equals(self)) {
                StoreOutcome held = local.get();
                outcomes[i] = held.isStored() ? PutResult.Outcome.stored(holder)
                        : PutResult.Outcome.rejected(holder, held.reason().orElseThrow());
                continue;
            }
            Request r = request.apply(holder);
            asking.put(r, i);
            out.add(r);
        }
        unanswered = out.size();
        return out;
    }

    /** A holder answered {@code request}; false when it is not one of these (or answered before). */
    boolean onReply(Request request, Message reply) {
        Integer at = asking.remove(request);
        if (at == null) return false;
        Contact holder = holders.get(at);
        int status = reply instanceof Message.StoreResult r ? r.status()
                : reply instanceof Message.AnnounceResult a ? a.status() : -1;
        if (status == Message.StoreResult.STORED) {
            outcomes[at] = PutResult.Outcome.stored(holder);
        } else {
            outcomes[at] = PutResult.Outcome.rejected(holder,
                    status < 0 ? RejectReason.UNAVAILABLE : RejectReason.fromCode(status).orElse(RejectReason.UNAVAILABLE));
        }
        unanswered--;
        return true;
    }

    /** {@code request} got no answer; false when it is not one of these. */
    boolean onFailure(Request request) {
        Integer at = asking.remove(request);
        if (at == null) return false;
        outcomes[at] = PutResult.Outcome.timedOut(holders.get(at));
        unanswered--;
        return true;
    }

    /** Whether every holder has its outcome. */
    boolean isDone() {
        return unanswered == 0;
    }

    /** The put's result: the outcomes in the holders' order, the quorum, the cost with the lookup's. */
    PutResult result(Id key, long seq, LocalNode local, long durationMillis, int lookupMessages) {
        List<PutResult.Outcome> all = List.of(outcomes);
        int quorum = local.config().putQuorum();
        int required = quorum > 0 ? Math.min(quorum, all.size()) : all.size() / 2 + 1;
        int remote = (int) all.stream().filter(o -> !o.holder().id().equals(local.id())).count();
        return new PutResult(key, seq, all, required, durationMillis, lookupMessages + remote);
    }
}
