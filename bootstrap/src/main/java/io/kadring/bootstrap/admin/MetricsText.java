package io.kadring.bootstrap.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.HashSet;
import java.util.Set;

/**
 * The body of {@code GET /metrics}: the registry in the Prometheus text format, without the
 * {@code _max} gauge Micrometer adds beside each histogram. That gauge is the largest value of a moving
 * window of a few minutes and falls back to 0 when nothing was recorded in it, so a quiet node reads
 * "longest lookup: 0 s"; the histogram's buckets (with {@code histogram_quantile} or
 * {@code max_over_time}) say the same without decaying.
 */
final class MetricsText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String MAX = "_max";

    private MetricsText() {
    }

    static String scrape(PrometheusMeterRegistry registry) {
        MetricSnapshots all = registry.getPrometheusRegistry().scrape();
        Set<String> windowMaxima = new HashSet<>();
        for (MetricSnapshot family : all) {
            if (family instanceof HistogramSnapshot || family instanceof SummarySnapshot) {
                windowMaxima.add(family.getMetadata().getPrometheusName() + MAX);
            }
        }
        Set<String> kept = new HashSet<>();
        for (MetricSnapshot family : all) {
            String name = family.getMetadata().getPrometheusName();
            if (!windowMaxima.contains(name)) kept.add(name);
        }
        return registry.scrape(CONTENT_TYPE, kept);
    }
}
