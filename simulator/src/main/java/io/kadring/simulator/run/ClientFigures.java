package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Client mode in a run: how many client-mode nodes there were, how their own findClosest
 * lookups fared (judged against the nodes that are not clients), and at the end how many
 * routing-table and ring entries of the other nodes named a client (0 when client mode holds).
 *
 * @param clients client-mode nodes started over the run
 * @param lookups the findClosest lookups the clients made
 * @param entriesNamingClients table, successor-list and predecessor entries of non-client live nodes
 *     that are clients, at the end
 * @param answersNamingClients lookup answers (any node's) that named a client
 */
public record ClientFigures(int clients, LookupStats lookups, long entriesNamingClients, long answersNamingClients) {

    /** Writes the {@code "clients"} object. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("clients");
        out.writeNumberField("count", clients);
        out.writeNumberField("lookups", lookups.count());
        Json.decimal(out, "lookups_exact", lookups.exactRate());
        out.writeNumberField("lookups_latency_p50_ms", lookups.latencyMillis().p50());
        out.writeNumberField("entries_naming_clients", entriesNamingClients);
        out.writeNumberField("answers_naming_clients", answersNamingClients);
        out.writeEndObject();
    }
}
