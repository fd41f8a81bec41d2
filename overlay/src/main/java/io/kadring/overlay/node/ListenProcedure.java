package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RecordValidator;
import io.kadring.storage.SignedRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Listening to a key, for as long as it is not cancelled: a FIND_NODE lookup toward the key that
 * collects write tokens, a LISTEN to each of the k closest it found, then the same again every
 * {@link #RENEW_MILLIS} (well within a holder's {@link ListenerTable#LIFETIME_MILLIS}), which both
 * renews the subscriptions and follows the closest set as nodes come and go.
 *
 * <p>Records arrive in LISTENING answers (the holder's, when newer than what was seen) and in
 * UPDATEs ({@link #offer}), the latter only from the holders of this or the previous round. Each
 * is validated like any record (size, key, signature); one whose seq is not above the highest
 * seen is a duplicate and dropped, so the consumer hears of each seq once, in increasing order.
 */
final class ListenProcedure extends AbstractProcedure<Void> {
    /** How often the lookup and the LISTENs are repeated. */
    static final long RENEW_MILLIS = 2 * 60_000L;

    private final Id key;
    private final LocalNode local;
    private final RecordValidator validator;
    private final BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups;
    private final Consumer<SignedRecord> consumer;
    private final Map<Id, byte[]> tokens = new HashMap<>();
    private ClosestProcedure lookup;
    private long renewAt = Long.MIN_VALUE;
    private long seen = -1;
    private Set<InetSocketAddress> holders = Set.of();
    private Set<InetSocketAddress> previousHolders = Set.of();
    private boolean cancelled;
    private int listening;
    private long messages;

    /**
     * @param lookups makes the FIND_NODE lookup toward a key that fills the given token map
     * @param consumer hears every newer record, on the node's thread
     */
    ListenProcedure(Id key, LocalNode local, RecordValidator validator,
                    BiFunction<Id, Map<Id, byte[]>, ClosestProcedure> lookups, Consumer<SignedRecord> consumer) {
        this.key = key;
        this.local = local;
        this.validator = validator;
        this.lookups = lookups;
        this.consumer = consumer;
    }

    Id key() {
        return key;
    }

    /** Stops: nothing more is delivered or sent; it is done at its next poll. */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    @Override
    public long deadline() {
        if (cancelled) return NEVER;
        return lookup != null ? lookup.deadline() : renewAt;
    }

    @Override
    public List<Request> poll(long now) {
        if (isDone()) return List.of();
        if (cancelled) {
            finish(null);
            return List.of();
        }
        if (lookup == null && now >= renewAt) {
            tokens.clear();
            lookup = lookups.apply(key, tokens);
        }
        if (lookup == null) return List.of();
        List<Request> out = lookup.poll(now);
        if (!lookup.isDone()) return out;
        messages += lookup.result().messages();
        List<Request> listens = new ArrayList<>(out);
        Set<InetSocketAddress> subscribed = new HashSet<>();
        Id self = local.id();
        for (Contact c : lookup.result().contacts()) {
            if (c.id().equals(self)) continue; // this node's own store tells it directly
            byte[] token = tokens.getOrDefault(c.id(), new byte[0]);
            long known = seen;
            subscribed.add(c.address());
            listens.add(Request.to(c, tx -> new Message.Listen(tx, self, token, key, known), this));
            messages++;
        }
        previousHolders = holders;
        holders = subscribed;
        lookup = null;
        renewAt = now + RENEW_MILLIS;
        return listens;
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        if (!(reply instanceof Message.Listening answer) || cancelled) return;
        messages++;
        if (answer.status() != Message.Listening.LISTENING) {
            local.metrics().dropped("listen_refused");
            return;
        }
        listening++;
        if (answer.record() != null) accept(answer.record());
    }

    /** An UPDATE from {@code from}; false when it is not from a holder this listener subscribed at. */
    boolean offer(InetSocketAddress from, SignedRecord record) {
        if (cancelled || !(holders.contains(from) || previousHolders.contains(from))) return false;
        accept(record);
        return true;
    }

    /** A record this node's own store took (validated there). */
    void offerLocal(SignedRecord record) {
        if (!cancelled && record.seq() > seen) deliver(record);
    }

    private void accept(SignedRecord record) {
        if (record.seq() <= seen) return; // a duplicate: another holder told us first
        if (validator.check(record, key).isPresent()) {
            local.metrics().dropped("invalid_record");
            return;
        }
        deliver(record);
    }

    private void deliver(SignedRecord record) {
        seen = record.seq();
        consumer.accept(record);
    }

    /** The highest seq delivered, −1 before any. */
    long seen() {
        return seen;
    }

    /** Messages this listener sent and was answered with: its lookups', its LISTENs and their answers. */
    long messages() {
        return messages;
    }

    /** LISTENING answers that accepted a subscription, over all rounds. */
    int listening() {
        return listening;
    }
}
