package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.StoredRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A replica check: a FIND_NODE lookup of the key, then one FIND_VALUE to each of the k closest
 * it found (this node looks in its own store when it is one of them), then what each holds. A
 * record that does not verify for the key counts as none; a node that does not answer, after
 * the engine's retries, as no answer. The quorum is the put's: the put quorum when set, else a
 * majority of the closest.
 */
final class ReplicaProcedure extends AfterLookup<ReplicaReport> {
    private final Id key;
    private final LocalNode local;
    private final RecordStore store;
    private final RecordValidator validator;
    private List<Contact> closest;
    private ReplicaReport.Replica[] replicas;
    private final Map<Request, Integer> asking = new HashMap<>();
    private int unanswered;
    private int lookupMessages;
    private final long start;

    /**
     * @param store this node's store, looked in when this node is among the closest
     * @param lookup the FIND_NODE lookup toward the record's key
     */
    ReplicaProcedure(LocalNode local, RecordStore store, RecordValidator validator, ClosestProcedure lookup) {
        this.key = lookup.target();
        this.local = local;
        this.store = store;
        this.validator = validator;
        this.lookup = lookup;
        this.start = local.now();
    }

    @Override
    List<Request> lookedUp(LookupOutcome found, List<Request> last, long now) {
        closest = found.contacts();
        lookupMessages = found.messages();
        lookup = null;
        replicas = new ReplicaReport.Replica[closest.size()];
        List<Request> asks = new ArrayList<>();
        Id self = local.id();
        for (int i = 0; i < closest.size(); i++) {
            Contact c = closest.get(i);
            if (c.id().equals(self)) {
                Optional<StoredRecord> held = store.get(key, now);
                replicas[i] = held.isPresent()
                        ? new ReplicaReport.Replica(c, ReplicaReport.State.HOLDS, held.get().record().seq())
                        : new ReplicaReport.Replica(c, ReplicaReport.State.NONE, -1);
                continue;
            }
            Request ask = Request.to(c, tx -> new Message.FindValue(tx, self, key, -1), this);
            asking.put(ask, i);
            asks.add(ask);
        }
        unanswered = asks.size();
        if (unanswered == 0) done(now);
        return asks;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        Integer at = asking.remove(request);
        if (at == null) return;
        Contact node = closest.get(at);
        if (reply instanceof Message.Value v && v.record() != null && validator.check(v.record(), key).isEmpty()) {
            replicas[at] = new ReplicaReport.Replica(node, ReplicaReport.State.HOLDS, v.record().seq());
        } else if (reply instanceof Message.Value) {
            replicas[at] = new ReplicaReport.Replica(node, ReplicaReport.State.NONE, -1);
        } else { // an ERROR: it would not say
            replicas[at] = new ReplicaReport.Replica(node, ReplicaReport.State.NO_ANSWER, -1);
        }
        answered(now);
    }

    @Override
    public void onFailure(Request request, long now) {
        Integer at = asking.remove(request);
        if (at == null) return;
        replicas[at] = new ReplicaReport.Replica(closest.get(at), ReplicaReport.State.NO_ANSWER, -1);
        answered(now);
    }

    private void answered(long now) {
        if (--unanswered == 0) done(now);
    }

    private void done(long now) {
        int putQuorum = local.config().putQuorum();
        int quorum = putQuorum > 0 ? Math.min(putQuorum, closest.size()) : closest.size() / 2 + 1;
        int remote = (int) closest.stream().filter(c -> !c.id().equals(local.id())).count();
        finish(new ReplicaReport(key, List.of(replicas), quorum, lookupMessages + remote, now - start));
    }
}
