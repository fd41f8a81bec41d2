package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;

/**
 * How well the nodes estimate the network's size at the end of a run: the median, 10th and
 * 90th percentiles of the live honest nodes' estimates, against the nodes really up (honest and
 * hostile: both answer lookups).
 */
public record NetworkSizeFigures(long estimateP10, long estimateP50, long estimateP90, long truth) {

    /** The figures of {@code estimates} (one per node) against {@code truth}. */
    static NetworkSizeFigures of(long[] estimates, long truth) {
        if (estimates.length == 0) return new NetworkSizeFigures(0, 0, 0, truth);
        long[] sorted = estimates.clone();
        Arrays.sort(sorted);
        return new NetworkSizeFigures(rank(sorted, 0.10), rank(sorted, 0.50), rank(sorted, 0.90), truth);
    }

    private static long rank(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    /** The median estimate over the truth, less 1: 0.05 means 5% too many. */
    public double relativeError() {
        return truth == 0 ? 0 : (double) estimateP50 / truth - 1;
    }

    /** {@code "network_size": {estimate_p50, estimate_p10, estimate_p90, truth}}. */
    void writeJson(JsonGenerator out) throws IOException {
        out.writeObjectFieldStart("network_size");
        out.writeNumberField("estimate_p50", estimateP50);
        out.writeNumberField("estimate_p10", estimateP10);
        out.writeNumberField("estimate_p90", estimateP90);
        out.writeNumberField("truth", truth);
        out.writeEndObject();
    }
}
