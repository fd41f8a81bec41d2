package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.stats.Share;
import java.io.IOException;

/**
 * The publishers' periodic replica checks ({@code Node.replicas}) over the workload: how many
 * ran, how many found a quorum holding the newest seq, and what they cost.
 *
 * @param checks replica checks that finished
 * @param meetingQuorum of those, the ones that found at least the quorum holding the newest seq
 * @param messages requests they sent (their lookups' and their FIND_VALUEs)
 * @param messagesPerNodePerSecond {@code messages} over the nodes of the run and the workload's seconds
 */
public record ReplicaFigures(long checks, long meetingQuorum, long messages, double messagesPerNodePerSecond) {

    /** Share of the checks that found a quorum (1 when none ran). */
    public double quorumRate() {
        return Share.of(meetingQuorum, checks);
    }

    /** Writes the {@code "replica_checks"} object. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("replica_checks");
        out.writeNumberField("count", checks);
        Json.decimal(out, "meeting_quorum", quorumRate());
        out.writeNumberField("messages", messages);
        Json.decimal(out, "messages_per_node_per_second", messagesPerNodePerSecond);
        out.writeEndObject();
    }
}
