package io.kadring.overlay.node;

import io.kadring.crypto.Identity;
import io.kadring.overlay.wire.NodeRecord;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's own signed record and the address it advertises. The node signs its record
 * once, and again (seq + 1) only when the address others see it at changes: PONGs report
 * the address a PING came from, and when responders at two different IP addresses agree on
 * an address other than the advertised one (or one does, while the advertised address is
 * still a wildcard), the node adopts it. A node bound to a specific public address never
 * changes it: only a wildcard or private bind (behind a NAT) has anything to learn.
 */
final class SelfRecord {
    private static final int MAX_CANDIDATES = 8;
    private static final int VOTES_NEEDED = 2;

    private final Identity identity;
    private NodeRecord record;
    private final Map<InetSocketAddress, Set<java.net.InetAddress>> votes = new HashMap<>();
    private final boolean fixed;

    /** {@code fixed}: the operator gave {@code advertised}; it is never replaced. */
    SelfRecord(Identity identity, InetSocketAddress advertised, boolean fixed) {
        this.identity = identity;
        this.record = NodeRecord.sign(identity, advertised, 1);
        java.net.InetAddress ip = advertised.getAddress();
        this.fixed = fixed || !(ip.isAnyLocalAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
                || ip.isLoopbackAddress() || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xFE) == 0xFC));
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
        Set<java.net.InetAddress> reporters = votes.computeIfAbsent(observed, a -> new HashSet<>());
        reporters.add(reporter.getAddress()); // one vote per host, however many ports it has
        boolean unknownSoFar = record.address().getAddress().isAnyLocalAddress();
        if (reporters.size() >= VOTES_NEEDED || unknownSoFar) {
            record = NodeRecord.sign(identity, observed, record.seq() + 1);
            votes.clear();
            return true;
        }
        return false;
    }
}
