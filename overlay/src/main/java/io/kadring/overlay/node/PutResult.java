package io.kadring.overlay.node;

import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.storage.RejectReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a put did at each of the nodes it asked to store the record. It succeeded when at
 * least {@code required} of them stored it.
 */
public record PutResult(Id key, long seq, List<Outcome> outcomes, int required, long durationMillis, int messages) {

    public PutResult {
        outcomes = List.copyOf(outcomes);
    }

    /** How one node answered the STORE. */
    public enum Status { STORED, REJECTED, TIMED_OUT }

    /** One node's answer: stored, rejected with a reason, or no answer in time. */
    public record Outcome(Contact holder, Status status, Optional<RejectReason> reason) {
        public static Outcome stored(Contact holder) {
            return new Outcome(holder, Status.STORED, Optional.empty());
        }

        public static Outcome rejected(Contact holder, RejectReason reason) {
            return new Outcome(holder, Status.REJECTED, Optional.of(reason));
        }

        public static Outcome timedOut(Contact holder) {
            return new Outcome(holder, Status.TIMED_OUT, Optional.empty());
        }
    }

    /** Nodes that hold the record now. */
    public int stored() {
        return (int) outcomes.stream().filter(o -> o.status() == Status.STORED).count();
    }

    public boolean succeeded() {
        return stored() >= required && required > 0;
    }

    /** How many nodes rejected the record, by reason. */
    public Map<RejectReason, Integer> rejections() {
        Map<RejectReason, Integer> byReason = new EnumMap<>(RejectReason.class);
        for (Outcome o : outcomes) {
            o.reason().ifPresent(r -> byReason.merge(r, 1, Integer::sum));
        }
        return byReason;
    }
}
