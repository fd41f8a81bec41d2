package io.kadring.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.crypto.Identity;
import io.kadring.overlay.node.GetResult;
import io.kadring.overlay.node.LookupOutcome;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Id;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the embedding example of README.md, so it keeps compiling and working. The lines
 * between the markers are the README's snippet verbatim: change both together.
 */
final class EmbeddingExampleTest {

    @Test
    void readmeEmbeddingSnippet_joinsTwoNodesAndLooksUpAKey() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // ---- README snippet begins ----
            try (KadringNode first = KadringNode.builder().host("127.0.0.1").port(0).build()) {
                first.start().join();                                           // no bootstrap: starts a new network
                try (KadringNode second = KadringNode.builder().host("127.0.0.1").port(0)
                        .bootstrap(List.of(first.localAddress())).build()) {
                    second.start().join();                                      // joins through the first node
                    Id key = Id.sha256("hello".getBytes(StandardCharsets.UTF_8));
                    LookupOutcome closest = second.findClosest(key).join();     // the k nearest by XOR
                    LookupOutcome successor = second.findSuccessor(key).join(); // the first node clockwise
                    System.out.println("closest " + closest.contacts() + ", successor " + successor.contacts());

                    Identity publisher = Identity.generate();                   // signs records; never leaves here
                    PutResult put = second.publish(publisher, "greeting".getBytes(StandardCharsets.UTF_8),
                            "hi there".getBytes(StandardCharsets.UTF_8), -1).join(); // seq 1, refreshed while it runs
                    GetResult got = first.get(put.key()).join();                 // from the other node
                    System.out.println("stored at " + put.stored() + ", read back '"
                            + new String(got.record().orElseThrow().value(), StandardCharsets.UTF_8) + "'");
                }
            }
            // ---- README snippet ends ----
        } finally {
            System.setOut(out);
        }
        String[] lines = printed.toString(StandardCharsets.UTF_8).trim().split("\\R");
        String line = lines[0];
        out.println("[embedding example] " + String.join(" / ", lines));
        assertEquals("stored at 2, read back 'hi there'", lines[1]);

        Matcher m = Pattern.compile("closest \\[(.*)], successor \\[(.*)]").matcher(line);
        assertTrue(m.matches(), line);
        assertEquals(2, m.group(1).split(", ").length, "both nodes are among the closest: " + line);
        assertEquals(1, m.group(2).split(", ").length, "one successor: " + line);
        assertTrue(m.group(1).contains(m.group(2)), "the successor is one of the two nodes: " + line);
    }

    @Test
    void readme_showsExactlyTheSnippetThisTestRuns() throws Exception {
        String test = Files.readString(Path.of("src/test/java/io/kadring/overlay/EmbeddingExampleTest.java"));
        String ran = test.substring(test.indexOf("// ---- README snippet begins ----"), test.indexOf("// ---- README snippet ends ----"));
        ran = ran.substring(ran.indexOf('\n') + 1);
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(squash(readme).contains(squash(ran)),
                "README.md's embedding example must be the snippet EmbeddingExampleTest runs");
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
