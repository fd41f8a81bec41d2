package io.kadring.simulator.run;

import io.kadring.overlay.metrics.NodeMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one {@link NodeMetrics} all simulated nodes share: messages sent and requests timed
 * out, by message type, and datagrams dropped, by reason, for the whole network. Plain
 * counters (the simulator is one thread); everything else a node reports is ignored.
 *
 * <p>Counted by the key the node passes (an enum constant, or a reason's string), which is
 * turned into its tag value only for a snapshot: a count per message costs one hash look-up
 * by identity, no string.
 */
final class MessageCounts implements NodeMetrics {
    private final Map<Object, long[]> sent = new HashMap<>();
    private final Map<Object, long[]> timeouts = new HashMap<>();
    private final Map<Object, long[]> dropped = new HashMap<>();

    private static void count(Map<Object, long[]> counts, Object key) {
        long[] n = counts.get(key);
        if (n == null) counts.put(key, n = new long[1]);
        n[0]++;
    }

    Map<String, Long> sent() {
        return snapshot(sent);
    }

    Map<String, Long> timeouts() {
        return snapshot(timeouts);
    }

    Map<String, Long> dropped() {
        return snapshot(dropped);
    }

    /** By tag value, in order; an enum constant and the string of its tag value add up. */
    private static Map<String, Long> snapshot(Map<Object, long[]> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.merge(k instanceof Enum<?> e ? NodeMetrics.tagValue(e) : (String) k, v[0], Long::sum));
        return out;
    }

    @Override
    public void sent(Enum<?> type, int bytes) {
        count(sent, type);
    }

    @Override
    public void timeout(Enum<?> type) {
        count(timeouts, type);
    }

    @Override
    public void dropped(Enum<?> reason) {
        count(dropped, reason);
    }

    @Override
    public void dropped(String reason) {
        count(dropped, reason);
    }
}
