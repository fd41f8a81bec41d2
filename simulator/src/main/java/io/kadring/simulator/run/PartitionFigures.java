package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * How the network came back together after a 50/50 split: stabilize intervals after the heal
 * until every honest live node's successor was its true live successor (−1: not within the
 * run; then how many honest nodes still had a wrong successor at the last check, when the
 * workload ended), and the findClosest lookups that finished after the heal.
 */
public record PartitionFigures(long atMillis, long forMillis, long datagramsCut, int roundsToSingleRing,
                               int wrongSuccessorsAtLastCheck, LookupStats afterHeal) {

    /** Writes the {@code "partition"} object. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("partition");
        out.writeNumberField("at_seconds", atMillis / 1000);
        out.writeNumberField("for_seconds", forMillis / 1000);
        out.writeNumberField("datagrams_cut", datagramsCut);
        out.writeNumberField("rounds_to_single_ring", roundsToSingleRing);
        out.writeNumberField("wrong_successors_at_last_check", wrongSuccessorsAtLastCheck);
        out.writeNumberField("lookups_after_heal", afterHeal.count());
        Json.decimal(out, "exact_after_heal", afterHeal.exactRate());
        out.writeEndObject();
    }
}
