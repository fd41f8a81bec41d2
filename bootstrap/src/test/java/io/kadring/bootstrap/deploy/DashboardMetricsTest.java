package io.kadring.bootstrap.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.peer.PeerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kadring series that the Grafana dashboard and the Prometheus alert rules of deploy/ name
 * is in a live peer's {@code /metrics} from its start (labelled series registered at zero).
 */
final class DashboardMetricsTest {
    private static final Pattern SERIES = Pattern.compile("kadring_[a-z0-9_]+");
    private static final Path DEPLOY = Path.of(System.getProperty("kadring.readme", "../README.md"))
            .toAbsolutePath().getParent().resolve("deploy");

    @TempDir
    Path dir;

    @Test
    void everySeriesTheDashboardAndTheAlertsName_isInAFreshPeersMetrics() throws Exception {
        Set<String> named = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/kadring.json").toFile());
        dashboard.get("panels").forEach(p -> p.path("targets").forEach(t -> named.addAll(series(t.get("expr").asText()))));
        named.addAll(series(dashboard.at("/templating/list/1/query").asText()));
        JsonNode alerts = new ObjectMapper(new YAMLFactory()).readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile());
        alerts.at("/groups/0/rules").forEach(r -> named.addAll(series(r.get("expr").asText())));
        assertTrue(named.size() >= 15, "series named: " + named);

        try (PeerProcess peer = TestPeers.start(dir.resolve("peer"))) {
            peer.joined().get(10, TimeUnit.SECONDS);
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + peer.adminPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            Set<String> exposed = new TreeSet<>();
            for (String line : metrics.body().split("\n")) {
                if (line.startsWith("kadring_")) exposed.add(line.split("[{ ]", 2)[0]);
            }
            Set<String> missing = new TreeSet<>(named);
            missing.removeAll(exposed);
            assertEquals(Set.of(), missing, "named by deploy/grafana or deploy/prometheus but not in /metrics");
            assertTrue(metrics.body().contains("kadring_build_info{"), "build info");
            assertTrue(metrics.body().contains("kadring_phase{") && metrics.body().contains("phase=\"alone\""), "phase");
        }
    }

    private static Set<String> series(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = SERIES.matcher(expr);
        while (m.find()) out.add(m.group());
        return out;
    }
}
