package io.kadring.simulator.run;

import io.kadring.overlay.metrics.NodeMetrics;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one {@link NodeMetrics} all simulated nodes share: messages sent and requests timed
 * out, by message type, and datagrams dropped, by reason, for the whole network. Plain
 * counters (the simulator is one thread); everything else a node reports is ignored.
 */
final class MessageCounts implements NodeMetrics {
    private final Map<String, long[]> sent = new TreeMap<>();
    private final Map<String, long[]> timeouts = new TreeMap<>();
    private final Map<String, long[]> dropped = new TreeMap<>();

    private static void count(Map<String, long[]> counts, String key) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
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

    private static Map<String, Long> snapshot(Map<String, long[]> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    @Override
    public void sent(Enum<?> type, int bytes) {
        count(sent, NodeMetrics.tagValue(type));
    }

    @Override
    public void timeout(Enum<?> type) {
        count(timeouts, NodeMetrics.tagValue(type));
    }

    @Override
    public void dropped(String reason) {
        count(dropped, reason);
    }
}
