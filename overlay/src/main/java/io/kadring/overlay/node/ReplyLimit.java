package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.MessageCodec;
import io.kadring.overlay.wire.WireContact;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Defences#antiAmplification()}: a source whose address is not verified may be a forged
 * one, so what it is sent must not be worth forging for (QUIC's rule, RFC 9000 §8.1): a reply
 * to it carries at most {@link #FACTOR}× the bytes of its request (fewer contacts, or the value
 * left out), and all replies to such sources share one budget per second. An address is
 * verified when admission vouches for the sender there, or when a response from it matched a
 * request of ours lately (remembered for {@value #MAX_ANSWERED} addresses, least recently used
 * forgotten first: an honest requester forgotten here still gets whole answers, as it pads its
 * requests).
 */
final class ReplyLimit {
    static final int FACTOR = 3;
    static final int MAX_ANSWERED = 256;
    private static final long ANSWERED_MILLIS = 30 * 60_000;

    /** When a response from each address last matched a request of ours. */
    private final PeerTable<InetSocketAddress> answered = PeerTable.numbers(MAX_ANSWERED);
    private final RateBudget budget;

    ReplyLimit(int unverifiedRepliesPerSecond, long now) {
        this.budget = new RateBudget(unverifiedRepliesPerSecond, unverifiedRepliesPerSecond, now);
    }

    /** A response from {@code from} matched a request of ours: its address is real. */
    void answeredFrom(InetSocketAddress from, long now) {
        answered.put(from, now);
    }

    /** Whether a response from {@code from} matched a request of ours lately. */
    boolean answeredLately(InetSocketAddress from, long now) {
        long at = answered.number(from, Long.MIN_VALUE);
        return at != Long.MIN_VALUE && now - at <= ANSWERED_MILLIS;
    }

    /** Addresses remembered (for tests): at most {@value #MAX_ANSWERED}. */
    int tracked() {
        return answered.size();
    }

    /** Whether the shared budget of replies to unverified sources has one left at {@code now}. */
    boolean takeBudget(long now) {
        return budget.take(now);
    }

    /**
     * {@code reply} cut down to at most {@code limit} encoded bytes: contacts dropped from the
     * end (the farthest), then a NODES's sender record; a VALUE's record left out; an
     * ANNOUNCEMENTS's last entries (it says more follow); null when even
     * that does not fit.
     */
    static Message fit(Message reply, int limit) {
        Message m = reply;
        while (MessageCodec.encodedSize(m) > limit) {
            m = smaller(m);
            if (m == null) return null;
        }
        return m;
    }

    /** One step smaller, or null when nothing more can go. */
    private static Message smaller(Message m) {
        if (m instanceof Message.Nodes n) {
            // the record goes last: an asker that wanted it counts the answer only with it
            if (!n.contacts().isEmpty()) return n.withContacts(shorter(n.contacts()));
            if (n.senderRecord() != null) return n.withoutRecord();
        }
        if (m instanceof Message.Value v) {
            if (v.record() != null) {
                return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, v.contacts());
            }
            if (!v.contacts().isEmpty()) {
                return new Message.Value(v.txId(), v.sender(), v.writeToken(), null, 0, shorter(v.contacts()));
            }
        }
        if (m instanceof Message.Announcements a && !a.entries().isEmpty()) {
            // the asker pages on from the last entry it got
            return new Message.Announcements(a.txId(), a.sender(), a.topic(), a.held(), true,
                    a.entries().subList(0, a.entries().size() - 1));
        }
        if (m instanceof Message.Neighbours n) {
            if (!n.successors().isEmpty()) {
                return new Message.Neighbours(n.txId(), n.sender(), n.predecessor(), shorter(n.successors()));
            }
            if (n.predecessor() != null) return new Message.Neighbours(n.txId(), n.sender(), null, List.of());
        }
        return null;
    }

    private static List<WireContact> shorter(List<WireContact> contacts) {
        return new ArrayList<>(contacts.subList(0, contacts.size() - 1));
    }
}
