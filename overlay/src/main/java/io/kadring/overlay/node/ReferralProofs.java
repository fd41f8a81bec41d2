package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.NetworkPrefix;
import io.kadring.routing.RoutingConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code verifiedContacts} defence of one lookup (docs/design.md, "Verified referrals"). The
 * sender id of an answer is only a claim: anyone at an address can answer in any id's name, so
 * a referral may name made-up ids at addresses its sender controls. A contact that admission
 * does not vouch for at its address is asked for proof together with the lookup's query: a
 * FIND_NODE carries our record and asks for its, any other query goes with a PING (whose PONG
 * carries its record). Its answer counts only once admission has admitted its record from that
 * address, and never when it refused it, the answer came without it, or the PING failed. Unverified
 * referrals a lookup takes in are capped per IP address and per /24 (IPv6 /64), so that one host
 * behind many ports cannot fill its candidate list.
 */
final class ReferralProofs {
    /** What the lookup does with a reply once it may count, or with a contact that failed its proof. */
    interface Sink {
        void answer(Request request, Message reply, long now);

        void refused(Id id, long now);
    }

    private enum State { PROVING, PROVEN, REFUSED }

    private static final class Proof {
        State state = State.PROVING;
        Request held;
        Message heldReply;
    }

    private final Vouching vouching;
    private final Supplier<NodeRecord> selfRecord;
    private final RoutingConfig routing;
    private final Id self;
    /** Unverified referrals taken in per IP address: the per-prefix limit of the table ({@link NodeConfig#maxPerPrefix()}). */
    private final int perAddress;
    /** Unverified referrals taken in per /24 or /64: twice that. */
    private final int perPrefix;
    private final Map<Id, Proof> proofs = new HashMap<>();
    private final Set<Request> pings = new HashSet<>();
    /** Queries whose answer is the proof: it carries its sender's record, which admission has judged. */
    private final Set<Request> provenByAnswer = new HashSet<>();
    /** Unverified contacts taken in, by id, and how many per IP address and per prefix. */
    private final Set<Id> unverified = new HashSet<>();
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private final Map<NetworkPrefix.Prefix, Integer> byPrefix = new HashMap<>();
    private int sent;

    /** @param local this node: its id, and the diversity limits its settings give */
    ReferralProofs(Vouching vouching, Supplier<NodeRecord> selfRecord, LocalNode local) {
        this.vouching = vouching;
        this.selfRecord = selfRecord;
        this.routing = local.config().routing();
        this.self = local.id();
        this.perAddress = local.config().maxPerPrefix();
        this.perPrefix = 2 * perAddress;
    }

    /**
     * The requests that ask {@code c}: {@code query} alone when it needs no proof or its answer
     * brings one (a FIND_NODE carrying our record and asking for its); else a proof PING first.
     */
    List<Request> ask(Contact c, LookupRequest query, Procedure<?> owner) {
        if (c.id().equals(self) || vouching.isVouchedFor(c.id(), c.address()) || proofs.containsKey(c.id())) {
            return List.of(Request.once(c, tx -> query.request(tx, null), owner));
        }
        if (query.carriesProof()) {
            Request q = Request.once(c, tx -> query.request(tx, selfRecord.get()), owner);
            proofs.put(c.id(), new Proof());
            provenByAnswer.add(q);
            return List.of(q);
        }
        Request q = Request.once(c, tx -> query.request(tx, null), owner);
        Id id = self;
        // retried as any PING: a spurious timeout would rule out an honest contact whose answer came
        Request ping = Request.to(c, tx -> new Message.Ping(tx, id, selfRecord.get()), owner);
        pings.add(ping);
        proofs.put(c.id(), new Proof());
        sent++;
        return List.of(ping, q);
    }

    /** Whether {@code request} is a proof PING (its outcome goes to {@link #onPong} or {@link #onPingFailed}). */
    boolean isProof(Request request) {
        return pings.contains(request);
    }

    /** The PONG answering a proof PING; {@code refusal} is admission's verdict on its record. */
    void onPong(Request ping, RecordRefusal refusal, long now, Sink sink) {
        if (!pings.remove(ping)) return;
        Proof p = proofs.get(ping.expected());
        if (p == null || p.state != State.PROVING) return;
        if (refusal != null || !vouching.isVouchedFor(ping.expected(), ping.to())) {
            refuse(ping.expected(), p, now, sink);
            return;
        }
        p.state = State.PROVEN;
        if (p.held != null) {
            Request r = p.held;
            Message m = p.heldReply;
            p.held = null;
            p.heldReply = null;
            sink.answer(r, m, now);
        }
    }

    /** A proof PING failed (silence, another id answered, an answer that is no PONG). */
    void onPingFailed(Request ping, long now, Sink sink) {
        if (!pings.remove(ping)) return;
        Proof p = proofs.get(ping.expected());
        if (p != null && p.state == State.PROVING) refuse(ping.expected(), p, now, sink);
    }

    private void refuse(Id id, Proof p, long now, Sink sink) {
        p.state = State.REFUSED;
        p.held = null;
        p.heldReply = null;
        sink.refused(id, now);
    }

    /**
     * The query's {@code reply}: true when it may count now; false when it is held until the
     * proof is in, or dropped because the proof failed (then {@code sink} hears it refused). An
     * answer that was to bring its own proof counts only when admission vouches for its sender
     * now (its record came with it and was admitted).
     */
    boolean mayCount(Request request, Message reply, long now, Sink sink) {
        Proof p = proofs.get(request.expected());
        if (provenByAnswer.remove(request) && p != null && p.state == State.PROVING) {
            if (vouching.isVouchedFor(request.expected(), request.to())) {
                p.state = State.PROVEN;
                return true;
            }
            refuse(request.expected(), p, now, sink);
            return false;
        }
        if (p == null || p.state == State.PROVEN) return true;
        if (p.state == State.PROVING && p.held == null) {
            p.held = request;
            p.heldReply = reply;
        }
        return false;
    }

    /** {@code referrals} less the unverified ones beyond the caps of their address and prefix. */
    List<Contact> admit(List<Contact> referrals) {
        List<Contact> out = new ArrayList<>(referrals.size());
        for (Contact c : referrals) {
            if (c.id().equals(self) || unverified.contains(c.id()) || vouching.isVouchedFor(c.id(), c.address())
                    || routing.isExempt(c.address())) {
                out.add(c);
                continue;
            }
            InetAddress ip = c.address().getAddress();
            NetworkPrefix.Prefix prefix = NetworkPrefix.of(c.address());
            if (byAddress.getOrDefault(ip, 0) >= perAddress || (prefix != null && byPrefix.getOrDefault(prefix, 0) >= perPrefix)) {
                continue;
            }
            unverified.add(c.id());
            byAddress.merge(ip, 1, Integer::sum);
            if (prefix != null) byPrefix.merge(prefix, 1, Integer::sum);
            out.add(c);
        }
        return out;
    }

    /** Proof PINGs sent. */
    int messages() {
        return sent;
    }
}
