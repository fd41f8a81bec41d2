package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.NodeRecord;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's own signed record and the address it advertises. The node signs its record
 * once, and again (seq + 1) only when the address others see it at changes: PONGs report
 * the address a PING came from, and the node adopts a new address when responders from two
 * different hosts agree on it. With {@link Defences#addressQuorum()} (the default) "different
 * hosts" means different /24s (IPv4) or /64s (IPv6), since one party often holds a whole
 * prefix, and the quorum is needed even while the advertised address is still a wildcard; only a
 * bootstrap node this node contacted itself ({@link #trust}) is believed alone. Without it,
 * hosts are counted by IP address and one report suffices while the address is unknown.
 * Private and loopback reporters count by IP address when {@code exemptPrivate} (a LAN shares
 * one /24). A node bound to a specific public address never changes it: only a wildcard or
 * private bind (behind a NAT) has anything to learn.
 */
final class SelfRecord {
    private static final int MAX_CANDIDATES = 8;
    private static final int VOTES_NEEDED = 2;
    private static final int MAX_TRUSTED = 64;

    private final Identity identity;
    private NodeRecord record;
    private final Map<InetSocketAddress, Set<String>> votes = new HashMap<>();
    private final Set<InetSocketAddress> trusted = new HashSet<>();
    private final boolean fixed;
    private final boolean quorum;
    private final boolean exemptPrivate;

    /** {@code fixed}: the operator gave {@code advertised}; it is never replaced. With the address quorum. */
    SelfRecord(Identity identity, InetSocketAddress advertised, boolean fixed) {
        this(identity, advertised, fixed, true, true, 1);
    }

    /**
     * {@code quorum}: {@link Defences#addressQuorum()}; {@code exemptPrivate}: {@link NodeConfig#exemptPrivate()};
     * {@code firstSeq}: the seq of the first record, the wall clock's milliseconds for a real node, so that a
     * restarted node's record is newer than any it signed before (peers refuse a seq that goes backwards).
     */
    SelfRecord(Identity identity, InetSocketAddress advertised, boolean fixed, boolean quorum, boolean exemptPrivate,
               long firstSeq) {
        if (firstSeq < 1) throw new IllegalArgumentException("firstSeq must be >= 1, got " + firstSeq);
        this.identity = identity;
        this.record = NodeRecord.sign(identity, advertised, firstSeq);
        this.quorum = quorum;
        this.exemptPrivate = exemptPrivate;
        java.net.InetAddress ip = advertised.getAddress();
        this.fixed = fixed || !(ip.isAnyLocalAddress() || isPrivate(ip));
    }

    /** The bootstrap nodes this node itself chose to contact: each one's report is believed alone. */
    void trust(Collection<InetSocketAddress> bootstrap) {
        for (InetSocketAddress b : bootstrap) {
            if (trusted.size() < MAX_TRUSTED) trusted.add(b);
        }
    }

    NodeRecord record() {
        return record;
    }

    InetSocketAddress address() {
        return record.address();
    }

    /**
     * {@code reporter} says it sees us at {@code observed}. Returns true when that made us
     * re-sign our record with a new address.
     */
    boolean observed(InetSocketAddress observed, InetSocketAddress reporter) {
        if (fixed || observed == null || observed.equals(record.address()) || observed.getPort() == 0
                || observed.getAddress().isAnyLocalAddress()) {
            return false;
        }
        if (!votes.containsKey(observed) && votes.size() >= MAX_CANDIDATES) {
            votes.clear();
        }
        Set<String> reporters = votes.computeIfAbsent(observed, a -> new HashSet<>());
        reporters.add(host(reporter.getAddress())); // one vote per host, however many ports it has
        boolean unknownSoFar = record.address().getAddress().isAnyLocalAddress();
        boolean enough = quorum ? reporters.size() >= VOTES_NEEDED || trusted.contains(reporter)
                : reporters.size() >= VOTES_NEEDED || unknownSoFar;
        if (enough) {
            record = NodeRecord.sign(identity, observed, record.seq() + 1);
            votes.clear();
            return true;
        }
        return false;
    }

    /** Who a reporter counts as: its /24 or /64 under the quorum (its IP if private and exempt), else its IP. */
    private String host(java.net.InetAddress ip) {
        byte[] b = ip.getAddress();
        if (!quorum || (exemptPrivate && isPrivate(ip))) return ip.getHostAddress();
        int prefix = b.length == 4 ? 3 : 8;
        return java.util.HexFormat.of().formatHex(b, 0, prefix) + "/" + b.length;
    }

    private static boolean isPrivate(java.net.InetAddress ip) {
        return ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isLoopbackAddress()
                || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xFE) == 0xFC);
    }
}
