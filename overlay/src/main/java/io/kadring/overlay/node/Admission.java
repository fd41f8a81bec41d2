package io.kadring.overlay.node;

import io.kadring.crypto.KeyedDigest;
import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RingNeighbours;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * Who gets into the routing table and the ring. A contact is admitted only once its signed
 * node record verifies, its id is the hash of the record's key, and the record's address is
 * the one its datagram came from (docs/design.md, "Identities, node records and admission").
 * A sender we cannot vouch for is sent a PING (at most one outstanding per address); the PONG
 * carries its record.
 * Also applies Kademlia's eviction rule: a full bucket pings its oldest contact and
 * evicts it only if that ping fails.
 */
final class Admission implements Vouching {

    /** What admission tells the node; the node dispatches each to whoever acts on it. */
    interface Events {
        /** PING {@code address} so that its PONG's record can admit it; call {@link #verified} after. */
        void verify(InetSocketAddress address);

        /** PING a known contact: a failure makes it pay. */
        void checkAlive(Contact contact);

        /** A verified node met for the first time (whether or not its bucket had room for it). */
        void newContact(Contact contact);

        /** The table or the ring changed. */
        void viewChanged();
    }

    static final int RECENT = 64;
    static final int MAX_FAILED = 1024;
    /**
     * Ids whose highest verified seq is remembered: more than the table and the ring hold (some
     * 160 and 16 at 1000 nodes), whose entries their regular PINGs and PONGs keep recent. 512 cost
     * 6.3 KB a node, half of it slots the growth by doubling left empty (228 ids at the end of
     * a 10 min static run at 1000 nodes).
     */
    static final int MAX_SEQS = 256;
    /**
     * Verified contacts remembered at their address though not in the table or the ring: enough
     * for lookups to find many contacts they are referred to already proven (verifiedContacts).
     */
    static final int VOUCHED = 256;
    /** Verification PINGs outstanding at once; strangers beyond that wait for their next message. */
    private static final int MAX_VERIFYING = 256;
    /** A contact not heard from for this long is worth a PING before it is kept over a newcomer. */
    private static final long QUIET_MILLIS = 15 * 60_000;
    /** How long a stranger that sent us a request gets to send its record before we ask. */
    private static final long VERIFY_DELAY_MILLIS = 1_000;

    private final LocalNode local;
    private final Id self;
    private final SelfRecord selfRecord;
    private final RoutingTable table;
    private final RingNeighbours ring;
    private final Predicate<NodeRecord> verifier;
    private final Events events;
    private final IdleSet<InetSocketAddress> verifying = new IdleSet<>();
    /** Requesters whose verification waits a moment ({@link #requestFrom}). */
    private final IdleSet<InetSocketAddress> delayed = new IdleSet<>();
    /** Verified contacts that may not be in the table (full bucket, diversity), kept briefly. */
    private final PeerTable<Id> recent = PeerTable.objects(VOUCHED);
    /**
     * The fingerprint of the last record verified per id, so a repeated PING costs no signature
     * check (a fingerprint, not the record: 8 bytes instead of about 200).
     */
    private final PeerTable<Id> lastVerified = PeerTable.numbers(RECENT);
    private final KeyedDigest fingerprints;
    /** Records whose signature failed, so that a repeated bad PING costs no check either. */
    private final PeerTable<NodeRecord> failedRecords = PeerTable.keys(MAX_FAILED);
    /** The highest seq verified per id, so that a replayed older record is refused (bounded, LRU). */
    private final PeerTable<Id> highestSeq = PeerTable.numbers(MAX_SEQS);
    /** Checks of records that came unasked ({@link Defences#boundedSignatures()}). */
    private final RateBudget signatureBudget;

    /**
     * @param local whose scheduler runs the delayed verification of a stranger that sent a request
     * @param verifier checks a node record's signature
     */
    Admission(LocalNode local, SelfRecord selfRecord, RoutingTable table, RingNeighbours ring,
              Predicate<NodeRecord> verifier, Events events) {
        this.local = local;
        this.self = local.id();
        this.selfRecord = selfRecord;
        this.table = table;
        this.ring = ring;
        this.verifier = verifier;
        this.events = events;
        this.fingerprints = new KeyedDigest(local.random());
        int checks = local.config().signatureChecksPerSecond();
        this.signatureBudget = new RateBudget(checks, checks, local.now());
    }

    /**
     * A PONG came from {@code from} in answer to a PING of ours: it says where it sees us, and
     * its record may admit its sender. Returns why it did not, or null when it did.
     */
    RecordRefusal onPong(Message.Pong pong, InetSocketAddress from) {
        if (selfRecord.observed(pong.observed(), from)) local.metrics().selfAddressChanged();
        return onRecord(pong.nodeRecord(), pong.sender(), from, true);
    }

    /**
     * A signed record arrived in a datagram from {@code source}: in a PONG that answers a request
     * of ours to {@code source} ({@code answersUs}), or in a PING. Returns why it did not admit
     * its sender, or null when it did.
     *
     * <p>A record whose address is a wildcard says "address unknown": its node is bound to a
     * wildcard address and has not yet learned what others see of it. Such a record admits its
     * node at {@code source} only in an answer to a request we sent there (the answer carried
     * our random transaction id, so it came from whoever that address reaches); in a PING it
     * proves nothing about the address, and the node is asked for its record instead.
     */
    RecordRefusal onRecord(NodeRecord record, Id claimedSender, InetSocketAddress source, boolean answersUs) {
        Id id = record.id();
        if (id.equals(self)) return RecordRefusal.OWN_ID;
        if (!id.equals(claimedSender)) return refuse(RecordRefusal.SENDER_MISMATCH);
        if (record.seq() < highestSeq.number(id, Long.MIN_VALUE)) return refuse(RecordRefusal.STALE_RECORD);
        InetSocketAddress advertised = record.address();
        boolean unknown = advertised.getAddress().isAnyLocalAddress();
        if (!advertised.equals(source) && !(unknown && answersUs)) {
            // not (yet) reachable at the address it claims, e.g. it has not learned it; one that
            // says "unknown" learns it from the PONG we just sent: ask for its record at once
            if (unknown && wouldTake(id)) verify(source);
            return refuse(RecordRefusal.ADDRESS_MISMATCH);
        }
        long fingerprint = record.fingerprint(fingerprints);
        if (lastVerified.number(id, 0) != fingerprint) {
            RecordRefusal before = beforeChecking(record, answersUs);
            if (before != null) return refuse(before);
            if (!verifier.test(record)) {
                if (local.config().defences().boundedSignatures()) failedRecords.add(record);
                return refuse(RecordRefusal.BAD_NODE_RECORD);
            }
            lastVerified.put(id, fingerprint);
            highestSeq.put(id, Math.max(record.seq(), highestSeq.number(id, Long.MIN_VALUE)));
        }
        if (answersUs || !refreshesOnlyOnResponse() || !isVouchedFor(id, source)) {
            observe(Contact.seen(id, source, local.now()));
        }
        if (!answersUs && selfRecord.address().getAddress().isAnyLocalAddress()) {
            // we do not know our own address yet: the PONG of a node that reached us says it
            verify(source);
        }
        return null;
    }

    /**
     * {@link Defences#boundedSignatures()}: why {@code record} is not worth its signature check,
     * or null when it is. An answer to our request is always checked (we asked for it, at a pace
     * of our own); a record that came unasked only when the table could use it, it has not failed
     * before, and this second's budget of checks is not spent.
     */
    private RecordRefusal beforeChecking(NodeRecord record, boolean answersUs) {
        if (answersUs || !local.config().defences().boundedSignatures()) return null;
        if (failedRecords.containsKey(record)) return RecordRefusal.BAD_NODE_RECORD;
        if (!table.contains(record.id()) && !wouldTake(record.id())) return RecordRefusal.NOT_NEEDED;
        if (!signatureBudget.take(local.now())) return RecordRefusal.SIGNATURE_BUDGET;
        return null;
    }

    private RecordRefusal refuse(RecordRefusal refusal) {
        local.metrics().dropped(refusal.metricReason());
        return refusal;
    }

    /**
     * {@code id} answered a request of ours from {@code from}. Known contacts are refreshed;
     * strangers are asked for their record.
     */
    void heardFrom(Id id, InetSocketAddress from) {
        if (id.equals(self)) return;
        if (isVouchedFor(id, from)) {
            observe(Contact.seen(id, from, local.now()));
        } else if (wouldTake(id)) {
            verify(from);
        }
    }

    /**
     * {@code id} sent us a request from {@code from}. As {@link #heardFrom}, but a stranger is
     * asked for its record only after a moment: a node that asks us something usually
     * verifies us next, and its PING brings its record anyway, which makes ours unneeded.
     */
    void requestFrom(Id id, InetSocketAddress from) {
        if (id.equals(self)) return;
        if (isVouchedFor(id, from)) {
            // a request proves nothing about its sender's liveness: its source can be forged
            if (!refreshesOnlyOnResponse()) observe(Contact.seen(id, from, local.now()));
        } else if (wouldTake(id) && !verifying.contains(from) && delayed.size() < MAX_VERIFYING && delayed.add(from)) {
            local.scheduler().schedule(VERIFY_DELAY_MILLIS, () -> {
                delayed.remove(from);
                if (!isVouchedFor(id, from)) verify(from);
            });
        }
    }

    /** {@link Defences#responseLiveness()}: only answers to our requests keep a known contact alive. */
    private boolean refreshesOnlyOnResponse() {
        return local.config().defences().responseLiveness();
    }

    /**
     * Whether a verified {@code id} would get a place: room in its bucket, or a place among
     * our ring neighbours. A stranger that would only be cached is not worth a PING (its own
     * PINGs carry its record, so the replacement cache still fills).
     */
    private boolean wouldTake(Id id) {
        return table.bucketSize(self.commonPrefixLength(id)) < table.config().k() || ring.wouldPlace(id);
    }

    /** Whether {@code id} at {@code address} has proven itself already. */
    @Override
    public boolean isVouchedFor(Id id, InetSocketAddress address) {
        var known = table.get(id);
        if (known.isPresent()) return known.get().address().equals(address);
        return address.equals(recent.value(id)) || hasRingEntry(id, address);
    }

    /** Pings {@code address} so that its PONG's record can admit it (one PING per address at a time). */
    @Override
    public void verify(InetSocketAddress address) {
        if (verifying.size() >= MAX_VERIFYING || !verifying.add(address)) return;
        events.verify(address);
    }

    /** The verification PING to {@code address} is over, answered or not. */
    void verified(InetSocketAddress address) {
        verifying.remove(address);
    }

    /** A verified contact was heard from: table, ring, and the eviction rule. */
    void observe(Contact contact) {
        boolean known = recent.containsKey(contact.id()) || table.contains(contact.id());
        recent.put(contact.id(), contact.address());
        ring.observe(contact);
        RoutingTable.Observation o = table.observe(contact, local.now());
        if (!known) {
            // a node met for the first time (whether or not its bucket had room for it) may
            // now be among the k closest to some of the records held here
            events.newContact(contact);
        }
        // Kademlia's eviction rule, asked only about a contact that has been quiet a while
        // (BEP 5's "questionable"): one heard from recently is alive, and pinging it whenever a
        // stranger shows up at a full bucket would cost a PING per stranger
        if (o.outcome() == RoutingTable.Outcome.PENDING_EVICTION && o.toPing() != null
                && local.now() - o.toPing().lastSeen() >= QUIET_MILLIS) {
            events.checkAlive(o.toPing());
        }
    }

    /**
     * A request to {@code id} at {@code address} failed after its retries. Only the contact
     * we know at that address pays: a referral naming a wrong address for a real node must
     * not get the real one evicted.
     */
    @Override
    public void failed(Id id, InetSocketAddress address) {
        boolean inTable = table.get(id).map(c -> c.address().equals(address)).orElse(false);
        if (inTable) table.onFailure(id, local.now());
        if (hasRingEntry(id, address)) ring.remove(id);
        if (address.equals(recent.value(id))) recent.remove(id);
        events.viewChanged();
    }

    private boolean hasRingEntry(Id id, InetSocketAddress address) {
        for (Contact c : ring.successorsView()) {
            if (c.id().equals(id)) return c.address().equals(address);
        }
        return ring.predecessor().map(p -> p.id().equals(id) && p.address().equals(address)).orElse(false);
    }
}
