package io.kadring.simulator.run;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kadring.simulator.stats.Histogram;
import io.kadring.simulator.stats.HistogramSeries;
import io.kadring.simulator.stats.Share;
import io.kadring.simulator.stats.TimeSeries;
import java.io.IOException;

/**
 * What the lookups of one kind did, checked against the ground truth: how many, how many
 * found the true answer (success) and the whole true set (exact), their hops and latency,
 * and per minute of virtual time the success and exact rates and the latency.
 */
public final class LookupStats {
    private long count;
    private long successes;
    private long exact;
    private final Histogram hops = new Histogram();
    private final Histogram latencyMillis = new Histogram();
    private final TimeSeries successOverTime = new TimeSeries();
    private final TimeSeries exactOverTime = new TimeSeries();
    private final HistogramSeries latencyOverTime = new HistogramSeries();

    /** One finished lookup, at virtual time {@code at}. */
    public void record(long at, boolean success, boolean exactSet, int hopCount, long latency) {
        count++;
        if (success) successes++;
        if (exactSet) exact++;
        hops.record(hopCount);
        latencyMillis.record(latency);
        successOverTime.add(at, success ? 1 : 0);
        exactOverTime.add(at, exactSet ? 1 : 0);
        latencyOverTime.record(at, latency);
    }

    public long count() {
        return count;
    }

    /** Share of lookups that found the true answer; 1 when there were none. */
    public double successRate() {
        return Share.of(successes, count);
    }

    /** Share of lookups that found the whole true set; 1 when there were none. */
    public double exactRate() {
        return Share.of(exact, count);
    }

    /**
     * Writes {@code count}, {@code success_rate}, {@code exact_rate} and a {@code hops} object
     * (mean, the 1st percentile if {@code withHopsP1}, p50, p99, max) into the JSON object
     * {@code out} is in.
     */
    public void writeFields(JsonGenerator out, boolean withHopsP1) throws IOException {
        out.writeNumberField("count", count);
        Json.decimal(out, "success_rate", successRate());
        Json.decimal(out, "exact_rate", exactRate());
        out.writeObjectFieldStart("hops");
        Json.decimal(out, "mean", hops.mean());
        if (withHopsP1) out.writeNumberField("p1", hops.quantile(0.01));
        out.writeNumberField("p50", hops.p50());
        out.writeNumberField("p99", hops.p99());
        out.writeNumberField("max", hops.max());
        out.writeEndObject();
    }

    public Histogram hops() {
        return hops;
    }

    public Histogram latencyMillis() {
        return latencyMillis;
    }

    /** Per simulated minute: the mean of 1 (success) and 0 (failure), i.e. the success rate. */
    public TimeSeries successOverTime() {
        return successOverTime;
    }

    /** Per simulated minute: the share of lookups that found the whole true set. */
    public TimeSeries exactOverTime() {
        return exactOverTime;
    }

    /** Per simulated minute: the latencies (ms) of the lookups that finished in it. */
    public HistogramSeries latencyOverTime() {
        return latencyOverTime;
    }
}
