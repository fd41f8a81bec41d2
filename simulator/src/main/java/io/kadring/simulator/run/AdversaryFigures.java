package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.adversary.Adversaries;
import java.io.IOException;

/**
 * What the adversaries of a run were and did: the setup, how many there were, what their
 * policies did to their nodes' responses, and the key pairs made grinding their ids (with
 * the wall time that took, which the JSON leaves out: it is not a function of the seed).
 */
public record AdversaryFigures(Adversaries setup, int count, long responsesDropped, long responsesRewritten,
                               long responsesPassed, long requestsHeld, long keyPairsGround,
                               double grindWallSeconds) {

    /** Writes the {@code "adversaries"} object. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("adversaries");
        Json.decimal(out, "fraction", setup.fraction());
        out.writeStringField("attack", setup.attack().label());
        out.writeNumberField("subnets", setup.subnets());
        out.writeNumberField("count", count);
        out.writeNumberField("responses_dropped", responsesDropped);
        out.writeNumberField("responses_rewritten", responsesRewritten);
        out.writeNumberField("responses_passed", responsesPassed);
        out.writeNumberField("requests_held", requestsHeld);
        out.writeNumberField("key_pairs_ground", keyPairsGround);
        out.writeEndObject();
    }
}
