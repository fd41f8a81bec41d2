package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * How the network came back together after a 50/50 split: stabilize intervals after the heal
 * until every honest live node's successor was its true live successor (−1: not within the
 * run), and the findClosest lookups that finished after the heal.
 */
public record PartitionFigures(long atMillis, long forMillis, long datagramsCut, int roundsToSingleRing,
                               LookupStats afterHeal) {

    /** Writes the {@code "partition"} object. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("partition");
        out.writeNumberField("at_seconds", atMillis / 1000);
        out.writeNumberField("for_seconds", forMillis / 1000);
        out.writeNumberField("datagrams_cut", datagramsCut);
        out.writeNumberField("rounds_to_single_ring", roundsToSingleRing);
        out.writeNumberField("lookups_after_heal", afterHeal.count());
        Json.decimal(out, "exact_after_heal", afterHeal.exactRate());
        out.writeEndObject();
    }
}
