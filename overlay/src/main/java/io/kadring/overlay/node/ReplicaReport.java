package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a replica check found: each of the k nodes closest to a key (as a lookup found them) and
 * what it holds under the key, the newest seq among them, and whether enough hold that seq.
 *
 * @param closest  each of the closest nodes and what it answered, closest first
 * @param quorum   the holders of the newest seq needed: the put quorum, or a majority of the closest
 * @param messages requests sent (the lookup's and one FIND_VALUE per other node)
 */
public record ReplicaReport(Id key, List<Replica> closest, int quorum, int messages, long durationMillis) {
    /** What one of the closest nodes said it holds. */
    public enum State {
        /** It answered with a valid record; {@link Replica#seq()} says which. */
        HOLDS,
        /** It answered without a record (or with one that does not verify for the key). */
        NONE,
        /** It did not answer. */
        NO_ANSWER
    }

    /** One of the closest nodes: what it holds ({@code seq} −1 unless {@link State#HOLDS}). */
    public record Replica(Contact node, State state, long seq) {
        public Replica {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(state, "state");
        }
    }

    public ReplicaReport {
        Objects.requireNonNull(key, "key");
        closest = List.copyOf(closest);
    }

    /** The highest seq any of the closest holds, or −1 when none holds the record. */
    public long newestSeq() {
        long newest = -1;
        for (Replica r : closest) {
            if (r.state() == State.HOLDS) newest = Math.max(newest, r.seq());
        }
        return newest;
    }

    /** How many of the closest hold the newest seq (0 when none holds any). */
    public int holdingNewest() {
        long newest = newestSeq();
        if (newest < 0) return 0;
        int n = 0;
        for (Replica r : closest) {
            if (r.state() == State.HOLDS && r.seq() == newest) n++;
        }
        return n;
    }

    /** Holders per seq, newest first. */
    public Map<Long, List<Replica>> holdersBySeq() {
        Map<Long, List<Replica>> bySeq = new TreeMap<>(Collections.reverseOrder());
        for (Replica r : closest) {
            if (r.state() == State.HOLDS) bySeq.computeIfAbsent(r.seq(), s -> new ArrayList<>()).add(r);
        }
        return bySeq;
    }

    /** The closest that hold nothing under the key, or did not answer. */
    public List<Replica> none() {
        return closest.stream().filter(r -> r.state() != State.HOLDS).toList();
    }

    /** Whether at least {@link #quorum} of the closest hold the newest seq (and some hold it). */
    public boolean meetsQuorum() {
        int holding = holdingNewest();
        return holding > 0 && holding >= quorum;
    }

    /** "17 of 20 closest hold seq 4; 2 hold seq 3; 1 none". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        Map<Long, List<Replica>> bySeq = holdersBySeq();
        if (bySeq.isEmpty()) {
            s.append("0 of ").append(closest.size()).append(" closest hold the record");
        } else {
            boolean first = true;
            for (Map.Entry<Long, List<Replica>> e : bySeq.entrySet()) {
                s.append(first ? "" : "; ").append(e.getValue().size())
                        .append(first ? " of " + closest.size() + " closest" : "")
                        .append(" hold").append(first || e.getValue().size() != 1 ? "" : "s")
                        .append(" seq ").append(e.getKey());
                first = false;
            }
        }
        int none = none().size();
        if (none > 0) s.append("; ").append(none).append(" none");
        return s.toString();
    }
}
