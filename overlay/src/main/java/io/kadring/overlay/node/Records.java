package io.kadring.overlay.node;

import io.kadring.crypto.Hashes;
import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.WireContact;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordStore;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.RejectReason;
import io.kadring.storage.SignedRecord;
import io.kadring.storage.StoreOutcome;
import io.kadring.storage.StoredRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Signed records over the overlay (docs/design.md, "Procedures" and "Records and lifetimes"):
 * answering FIND_VALUE and STORE, put and get, republishing what this node holds, handing
 * records to a newly met node that is now among the k closest, and refreshing the records this
 * node owns. No node is in charge of anything: every holder acts on its own view.
 */
final class Records {
    private final Node node;
    private final RecordStore store;
    private final RecordValidator validator;
    /** Records this node published and keeps alive (the owner's refresh), by key. */
    private final Map<Id, Owned> owned = new LinkedHashMap<>();
    /** Republishing and hand-off, paced: at most 4 at once, 10 ms apart, 100,000 queued. */
    private final BackgroundWork background;

    private record Owned(SignedRecord record, long lifetime) {}

    Records(Node node, RecordValidator validator) {
        this.node = node;
        this.validator = validator;
        this.store = new RecordStore(node.config().store(), node::now, validator);
        this.background = new BackgroundWork(node, 4, 10, 100_000);
    }

    RecordStore store() {
        return store;
    }

    // ---- answering ------------------------------------------------------------

    void answer(InetSocketAddress from, Message.FindValue find) {
        byte[] token = node.tokens().issue(from, node.now());
        Optional<StoredRecord> held = store.get(find.key(), node.now());
        List<Contact> closest = node.responder().closest(find.key(), node.config().k());
        Message.Value answer;
        if (held.isPresent() && held.get().record().seq() >= find.minSeq()) {
            StoredRecord s = held.get();
            answer = fitted(find.txId(), token, s.record(), s.remainingLifetime(node.now()), closest);
        } else {
            answer = new Message.Value(find.txId(), node.id(), token, null, 0, Responder.wire(closest));
        }
        node.rpc().send(from, answer);
    }

    /** A VALUE with the record and as many contacts as still fit one datagram. */
    private Message.Value fitted(long txId, byte[] token, SignedRecord record, long lifetime, List<Contact> closest) {
        List<WireContact> contacts = new ArrayList<>(Responder.wire(closest));
        Message.Value v = new Message.Value(txId, node.id(), token, record, lifetime, contacts);
        while (MessageCodec.encodedSize(v) > MessageCodec.MAX_DATAGRAM_BYTES && !contacts.isEmpty()) {
            contacts.remove(contacts.size() - 1);
            v = new Message.Value(txId, node.id(), token, record, lifetime, contacts);
        }
        return v;
    }

    void answer(InetSocketAddress from, Message.Store request) {
        int status;
        if (!node.tokens().accepts(request.token(), from, node.now())) {
            status = RejectReason.BAD_TOKEN.code();
            node.metrics().recordRejected(RejectReason.BAD_TOKEN);
        } else {
            StoreOutcome outcome = store.put(request.record(), request.lifetimeMillis(), from, node.now(),
                    request.expectedSeq());
            outcome.reason().ifPresent(node.metrics()::recordRejected);
            status = outcome.wireCode();
        }
        node.rpc().send(from, new Message.StoreResult(request.txId(), node.id(), status));
    }

    // ---- put --------------------------------------------------------------------

    /**
     * Stores {@code record} at the k nodes closest to its key (this one included when it is
     * among them) for {@code lifetime} ms. {@code own} keeps it alive: this node refreshes it
     * every replicate interval for as long as it runs.
     */
    CompletableFuture<PutResult> put(SignedRecord record, long lifetime, long expectedSeq, boolean own) {
        Id key = record.key();
        long start = node.now();
        Map<Id, byte[]> tokens = new HashMap<>();
        return node.lookups().closest(key, tokens, List.of()).thenCompose(found -> {
            List<CompletableFuture<PutResult.Outcome>> stores = new ArrayList<>();
            for (Contact holder : found.contacts()) {
                if (holder.id().equals(node.id())) {
                    StoreOutcome local = store.put(record, lifetime, null, node.now(), expectedSeq);
                    stores.add(CompletableFuture.completedFuture(local.isStored()
                            ? PutResult.Outcome.stored(holder)
                            : PutResult.Outcome.rejected(holder, local.reason().orElseThrow())));
                } else {
                    stores.add(storeAt(holder, tokens.get(holder.id()), record, lifetime, expectedSeq));
                }
            }
            return CompletableFuture.allOf(stores.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
                List<PutResult.Outcome> outcomes = new ArrayList<>();
                for (var f : stores) outcomes.add(f.join());
                int required = node.config().putQuorum() > 0
                        ? Math.min(node.config().putQuorum(), outcomes.size())
                        : outcomes.size() / 2 + 1;
                int remoteStores = (int) outcomes.stream().filter(o -> !o.holder().id().equals(node.id())).count();
                PutResult result = new PutResult(key, record.seq(), outcomes, required, node.now() - start,
                        found.messages() + remoteStores);
                if (own && result.stored() > 0) {
                    owned.put(key, new Owned(record, lifetime));
                    store.markOwned(key);
                }
                return result;
            });
        });
    }

    /**
     * Signs {@code value} under {@code identity} and {@code salt} with the next seq (one more
     * than the highest found, or {@code expectedSeq + 1} for a compare-and-swap) and puts it
     * as its owner.
     */
    CompletableFuture<PutResult> publish(Identity identity, byte[] salt, byte[] value, long expectedSeq) {
        if (expectedSeq >= 0) {
            SignedRecord record = SignedRecord.sign(identity, salt, expectedSeq + 1, value);
            return put(record, node.config().recordLifetimeMillis(), expectedSeq, true);
        }
        Id key = Id.of(Hashes.sha256(identity.publicKey(), salt));
        return get(key).thenCompose(current -> {
            long seq = current.record().map(r -> r.seq() + 1).orElse(1L);
            long ownSeq = Optional.ofNullable(owned.get(key)).map(o -> o.record().seq() + 1).orElse(0L);
            SignedRecord record = SignedRecord.sign(identity, salt, Math.max(seq, ownSeq), value);
            return put(record, node.config().recordLifetimeMillis(), -1, true);
        });
    }

    private CompletableFuture<PutResult.Outcome> storeAt(Contact holder, byte[] token, SignedRecord record,
                                                         long lifetime, long expectedSeq) {
        CompletableFuture<PutResult.Outcome> result = new CompletableFuture<>();
        byte[] t = token == null ? new byte[0] : token;
        node.rpc().request(holder.address(),
                tx -> new Message.Store(tx, node.id(), t, lifetime, expectedSeq, record),
                new RpcEngine.Callback() {
                    @Override
                    public void onResponse(Message response, long rtt) {
                        if (response instanceof Message.StoreResult r && r.status() == Message.StoreResult.STORED) {
                            result.complete(PutResult.Outcome.stored(holder));
                        } else if (response instanceof Message.StoreResult r) {
                            result.complete(PutResult.Outcome.rejected(holder,
                                    RejectReason.fromCode(r.status()).orElse(RejectReason.UNAVAILABLE)));
                        } else {
                            result.complete(PutResult.Outcome.rejected(holder, RejectReason.UNAVAILABLE));
                        }
                    }

                    @Override
                    public void onFailure() {
                        node.admission().failed(holder.id(), holder.address());
                        result.complete(PutResult.Outcome.timedOut(holder));
                    }
                });
        return result;
    }

    // ---- get ---------------------------------------------------------------------

    /**
     * Looks up the record under {@code key}: every answer is validated, the highest valid seq
     * wins, and the lookup stops once {@code getEnough} answers agree on it. Afterwards the
     * record is cached at the closest node on the path that lacked it, for a lifetime that
     * halves with every holder closer to the key, and never beyond what the record has left.
     */
    CompletableFuture<GetResult> get(Id key) {
        long start = node.now();
        ValueQuery query = new ValueQuery(key);
        store.get(key, node.now()).ifPresent(s -> query.found(s.record(), s.remainingLifetime(node.now())));
        return node.lookups().xor(key, LookupKind.VALUE, List.of(), query).thenApply(outcome -> {
            query.cacheOnPath();
            return new GetResult(key, Optional.ofNullable(query.best), query.agreeing, outcome.hops(),
                    outcome.messages(), node.now() - start);
        });
    }

    /** FIND_VALUE answers: records found, tokens of nodes that lacked it. */
    private final class ValueQuery implements Lookups.XorQuery {
        final Id key;
        SignedRecord best;
        long bestLifetime;
        int agreeing;
        final List<Contact> holders = new ArrayList<>();
        final Map<Contact, byte[]> lacking = new LinkedHashMap<>();

        ValueQuery(Id key) {
            this.key = key;
        }

        @Override
        public Message request(long txId) {
            return new Message.FindValue(txId, node.id(), key, -1);
        }

        @Override
        public List<Contact> closer(Contact from, Message response) {
            if (!(response instanceof Message.Value v)) return null;
            if (v.record() == null) {
                lacking.put(from, v.token());
            } else if (validator.check(v.record(), key).isEmpty()) {
                holders.add(from);
                found(v.record(), v.lifetimeMillis());
            } else {
                node.metrics().dropped("invalid_record");
                return null;
            }
            return node.lookups().contacts(v.contacts(), from);
        }

        void found(SignedRecord record, long lifetime) {
            if (best == null || record.seq() > best.seq()) {
                best = record;
                bestLifetime = lifetime;
                agreeing = 1;
            } else if (record.seq() == best.seq()) {
                agreeing++;
                bestLifetime = Math.max(bestLifetime, lifetime);
            }
        }

        @Override
        public boolean satisfied() {
            return best != null && agreeing >= node.config().getEnough();
        }

        void cacheOnPath() {
            if (best == null || lacking.isEmpty()) return;
            Contact closest = null;
            for (Contact c : lacking.keySet()) {
                if (closest == null || key.compareDistance(c.id(), closest.id()) < 0) closest = c;
            }
            int closerHolders = 0;
            for (Contact h : holders) {
                if (key.compareDistance(h.id(), closest.id()) < 0) closerHolders++;
            }
            long lifetime = Math.min(bestLifetime, node.config().replicateIntervalMillis()) >> Math.min(closerHolders, 20);
            if (lifetime > 0) storeAt(closest, lacking.get(closest), best, lifetime, -1);
        }
    }

    // ---- keeping records alive ------------------------------------------------------

    /**
     * One replicate round: the owner refreshes its own records with their full lifetime;
     * every other record held is stored again at the current k closest with what remains
     * of its lifetime, unless it arrived within the last interval (someone else just did).
     * The work is paced ({@link BackgroundWork}).
     */
    void republish() {
        node.metrics().republishRound();
        long now = node.now();
        for (Owned o : List.copyOf(owned.values())) {
            background.submit(() -> put(o.record(), o.lifetime(), -1, true).thenAccept(result -> {
                // another publisher's newer seq is held everywhere we asked: stop refreshing ours
                if (result.stored() == 0 && result.rejections().containsKey(RejectReason.SEQ_TOO_LOW)) {
                    owned.remove(o.record().key());
                }
            }));
        }
        long interval = node.config().replicateIntervalMillis();
        for (StoredRecord s : store.snapshot(now)) {
            if (s.owned() || now - s.receivedAt() < interval) continue;
            Id key = s.key();
            background.submit(() -> replicate(key));
        }
    }

    /** Stores what we hold under {@code key} (if still held) at the current k closest. */
    private CompletableFuture<?> replicate(Id key) {
        if (store.get(key, node.now()).isEmpty()) return CompletableFuture.completedFuture(null);
        Map<Id, byte[]> tokens = new HashMap<>();
        return node.lookups().closest(key, tokens, List.of()).thenCompose(found -> {
            Optional<StoredRecord> held = store.get(key, node.now()); // the newest, not a stale copy
            if (held.isEmpty()) return CompletableFuture.completedFuture(null);
            long lifetime = held.get().remainingLifetime(node.now());
            List<CompletableFuture<PutResult.Outcome>> stores = new ArrayList<>();
            for (Contact c : found.contacts()) {
                if (!c.id().equals(node.id())) {
                    stores.add(storeAt(c, tokens.get(c.id()), held.get().record(), lifetime, -1));
                }
            }
            return CompletableFuture.allOf(stores.toArray(new CompletableFuture<?>[0]));
        });
    }

    /**
     * A node entered our routing table: it gets every record we hold for which it is closer
     * to the key than we are (Kademlia's rule, so the holders farther away do the handing
     * over) and among the k closest we know, unless it already holds that seq.
     */
    void onNewContact(Contact contact) {
        if (store.size() == 0) return;
        int k = node.config().k();
        for (StoredRecord s : store.snapshot(node.now())) {
            Id key = s.key();
            if (key.compareDistance(contact.id(), node.id()) >= 0) continue;
            if (!amongClosest(key, contact, k)) continue;
            background.submit(() -> handOff(contact, key));
        }
    }

    /** Whether fewer than k of the contacts we know are closer to {@code key} than {@code c}. */
    private boolean amongClosest(Id key, Contact c, int k) {
        List<Contact> closest = node.table().closest(key, k);
        if (closest.contains(c) || closest.size() < k) return true;
        return key.compareDistance(c.id(), closest.get(k - 1).id()) < 0;
    }

    private CompletableFuture<?> handOff(Contact to, Id key) {
        Optional<StoredRecord> held = store.get(key, node.now());
        if (held.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Object> done = new CompletableFuture<>();
        node.rpc().request(to.address(), tx -> new Message.FindValue(tx, node.id(), key, held.get().record().seq()),
                new RpcEngine.Callback() {
                    @Override
                    public void onResponse(Message response, long rtt) {
                        Optional<StoredRecord> now = store.get(key, node.now()); // re-read: it may be newer or gone
                        if (response instanceof Message.Value v && v.sender().equals(to.id())
                                && v.record() == null && now.isPresent()) {
                            storeAt(to, v.token(), now.get().record(), now.get().remainingLifetime(node.now()), -1)
                                    .whenComplete((o, e) -> done.complete(null));
                        } else {
                            done.complete(null);
                        }
                    }

                    @Override
                    public void onFailure() {
                        node.admission().failed(to.id(), to.address());
                        done.complete(null);
                    }
                });
        return done;
    }
}
