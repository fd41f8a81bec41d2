package io.kadring.bootstrap.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kadring.bootstrap.text.Json;
import io.kadring.overlay.node.ReplicaReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /records/{key}/replicas} as JSON: {@code key}, {@code closest} (how many were
 * asked), {@code newest_seq} (−1 when none holds it), {@code holding_newest}, {@code quorum},
 * {@code meets_quorum}, {@code summary}, {@code holders} ({@code [{seq, count, nodes: [{id,
 * address}]}]}, newest first), {@code none} ({@code {count, nodes: [{id, address, state:
 * "none" | "no_answer"}]}}), {@code messages}, {@code duration_ms}.
 */
final class ReplicaJson {
    private ReplicaJson() {}

    static ObjectNode of(ReplicaReport report) {
        ObjectNode json = Json.object()
                .put("key", report.key().toHex())
                .put("closest", report.closest().size())
                .put("newest_seq", report.newestSeq())
                .put("holding_newest", report.holdingNewest())
                .put("quorum", report.quorum())
                .put("meets_quorum", report.meetsQuorum())
                .put("summary", report.summary());
        ArrayNode holders = Json.array();
        for (Map.Entry<Long, List<ReplicaReport.Replica>> e : report.holdersBySeq().entrySet()) {
            ObjectNode group = Json.object().put("seq", e.getKey()).put("count", e.getValue().size());
            ArrayNode nodes = Json.array();
            e.getValue().forEach(r -> nodes.add(NodeJson.contact(r.node())));
            group.set("nodes", nodes);
            holders.add(group);
        }
        json.set("holders", holders);
        List<ReplicaReport.Replica> none = report.none();
        ObjectNode noneJson = Json.object().put("count", none.size());
        ArrayNode nodes = Json.array();
        none.forEach(r -> nodes.add(NodeJson.contact(r.node()).put("state", r.state().name().toLowerCase(Locale.ROOT))));
        noneJson.set("nodes", nodes);
        json.set("none", noneJson);
        return json.put("messages", report.messages()).put("duration_ms", report.durationMillis());
    }
}
