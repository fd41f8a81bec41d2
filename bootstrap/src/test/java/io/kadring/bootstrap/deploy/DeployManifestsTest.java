package io.kadring.bootstrap.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kadring.bootstrap.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of deploy/ without a container engine: the YAML parses into what it
 * should be, and every peer flag a manifest passes (the Dockerfile's entrypoint, the compose
 * commands, the Kubernetes container args, the systemd unit's ExecStart and its config file's
 * names) is one {@code kadring peer --help} lists.
 */
final class DeployManifestsTest {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");
    private static final Path DEPLOY = Path.of(System.getProperty("kadring.readme", "../README.md"))
            .toAbsolutePath().getParent().resolve("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theKubernetesManifestsAreAHeadlessServiceAStatefulSetThroughItAndADisruptionBudget() throws IOException {
        List<JsonNode> docs = yamlDocuments(DEPLOY.resolve("kubernetes/kadring.yaml"));
        assertEquals(List.of("Service", "StatefulSet", "PodDisruptionBudget"), docs.stream().map(d -> d.get("kind").asText()).toList());
        JsonNode service = docs.get(0);
        JsonNode set = docs.get(1);
        assertEquals("None", service.at("/spec/clusterIP").asText(), "headless");
        assertEquals(service.at("/metadata/name").asText(), set.at("/spec/serviceName").asText());
        JsonNode container = set.at("/spec/template/spec/containers/0");
        assertEquals("/health", container.at("/readinessProbe/httpGet/path").asText());
        assertTrue(container.at("/args/0").asText().contains("--bootstrap " + service.at("/metadata/name").asText() + ":7420"),
                "pods bootstrap through the service name");
        assertTrue(set.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean());
        assertEquals(1, docs.get(2).at("/spec/maxUnavailable").asInt());
    }

    @Test
    void theComposeFileHasFivePeersJoiningThroughTheFirst() throws IOException {
        JsonNode compose = yamlDocuments(DEPLOY.resolve("compose/compose.yaml")).get(0);
        List<String> names = new ArrayList<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("peer1", "peer2", "peer3", "peer4", "peer5"), names);
        for (String name : names.subList(1, names.size())) {
            assertTrue(compose.at("/services/" + name + "/command/1").asText().startsWith("peer1:7420"), name);
        }
    }

    @Test
    void everyPeerFlagTheManifestsPass_isAFlagOfThePeer() throws IOException {
        TestPeers.Run help = TestPeers.cli("peer", "--help");
        assertEquals(0, help.exitCode(), help.err());
        Set<String> known = flags(help.out());
        assertTrue(known.contains("--bootstrap") && known.contains("--data-dir"), known::toString);

        Set<String> used = new TreeSet<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("docker/Dockerfile"))) {
            if (line.startsWith("ENTRYPOINT") || line.startsWith("CMD")) used.addAll(flags(line));
        }
        JsonNode compose = yamlDocuments(DEPLOY.resolve("compose/compose.yaml")).get(0);
        compose.get("services").forEach(s -> s.path("command").forEach(arg -> used.addAll(flags(arg.asText()))));
        for (JsonNode doc : yamlDocuments(DEPLOY.resolve("kubernetes/kadring.yaml"))) {
            doc.at("/spec/template/spec/containers").forEach(c -> c.path("args").forEach(a -> used.addAll(flags(a.asText()))));
        }
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/kadring.service"))) {
            if (line.startsWith("ExecStart=")) used.addAll(flags(line.substring(line.indexOf(" peer "))));
        }
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/peer.conf"))) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) used.add("--" + t.substring(0, t.indexOf('=')).strip());
        }
        assertTrue(used.size() >= 5, "flags found in the manifests: " + used);
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(known);
        assertFalse(used.isEmpty());
        assertEquals(Set.of(), unknown, "flags the manifests pass that kadring peer does not know");
    }

    private static Set<String> flags(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = FLAG.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    private static List<JsonNode> yamlDocuments(Path file) throws IOException {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) out.add(docs.next());
            return out;
        }
    }
}
