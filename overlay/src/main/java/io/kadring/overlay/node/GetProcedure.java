package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoredRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A get: a FIND_VALUE lookup in which every answer is validated and the highest valid seq
 * wins; it stops once {@code enough} answers agree on it. Then the record is cached at the
 * closest node on the path that lacked it, for a lifetime that halves with every holder closer
 * to the key, and never beyond what the record has left (one STORE, not waited for).
 */
final class GetProcedure extends AfterLookup<GetResult> {
    private final Id key;
    private final LocalNode local;
    private final RecordValidator validator;
    private SignedRecord best;
    private long bestLifetime;
    private int agreeing;
    private final List<Contact> holders = new ArrayList<>();
    private final Map<Contact, byte[]> lacking = new LinkedHashMap<>();

    /**
     * @param held what this node holds under the key, if anything (it counts as one answer)
     * @param lookups makes the FIND_VALUE lookup for the query this get is
     */
    GetProcedure(Id key, Optional<StoredRecord> held, RecordValidator validator, LocalNode local,
                 Function<ClosestProcedure.Query, ClosestProcedure> lookups) {
        this.key = key;
        this.local = local;
        this.validator = validator;
        held.ifPresent(s -> found(s.record(), s.remainingLifetime(local.now())));
        this.lookup = lookups.apply(new ValueQuery());
    }

    @Override
    List<Request> lookedUp(LookupOutcome found, List<Request> last, long now) {
        finish(new GetResult(key, Optional.ofNullable(best), agreeing, found.hops(), found.messages(),
                now - lookup.start()));
        Request cache = cacheOnPath(); // sent, not waited for
        return cache == null ? last : List.of(cache);
    }

    private Request cacheOnPath() {
        if (best == null || lacking.isEmpty()) return null;
        Contact closest = null;
        for (Contact c : lacking.keySet()) {
            if (closest == null || key.compareDistance(c.id(), closest.id()) < 0) closest = c;
        }
        int closerHolders = 0;
        for (Contact h : holders) {
            if (key.compareDistance(h.id(), closest.id()) < 0) closerHolders++;
        }
        long lifetime = Math.min(bestLifetime, local.config().replicateIntervalMillis()) >> Math.min(closerHolders, 20);
        if (lifetime <= 0) return null;
        byte[] token = lacking.get(closest);
        SignedRecord record = best;
        Id self = local.id();
        return Request.to(closest, tx -> new Message.Store(tx, self, token, lifetime, -1, record), this);
    }

    private void found(SignedRecord record, long lifetime) {
        if (best == null || record.seq() > best.seq()) {
            best = record;
            bestLifetime = lifetime;
            agreeing = 1;
        } else if (record.seq() == best.seq()) {
            agreeing++;
            bestLifetime = Math.max(bestLifetime, lifetime);
        }
    }

    /** FIND_VALUE answers: records found, tokens of the nodes that lacked it. */
    private final class ValueQuery implements ClosestProcedure.Query {
        @Override
        public LookupRequest request() {
            return LookupRequest.plain(txId -> new Message.FindValue(txId, local.id(), key, -1));
        }

        @Override
        public List<Contact> closer(Contact from, Message reply, long now) {
            if (!(reply instanceof Message.Value v)) return null;
            if (v.record() == null) {
                lacking.put(from, v.token());
            } else if (validator.check(v.record(), key).isEmpty()) {
                holders.add(from);
                found(v.record(), v.lifetimeMillis());
            } else {
                local.metrics().dropped("invalid_record");
                return null;
            }
            return WireContacts.reachable(v.contacts(), from, now);
        }

        @Override
        public boolean satisfied() {
            return best != null && agreeing >= local.config().getEnough();
        }

        /** Only while nothing is found: an absent key is then known absent a few round trips sooner. */
        @Override
        public boolean burstWhenStalled() {
            return best == null;
        }
    }
}
