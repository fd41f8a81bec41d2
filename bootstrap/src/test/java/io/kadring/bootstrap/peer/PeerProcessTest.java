package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.RunningPeers;
import io.kadring.bootstrap.TestPeers;
import io.kadring.bootstrap.state.ContactsFile;
import io.kadring.overlay.node.JoinResult;
import io.kadring.routing.Contact;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class PeerProcessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningPeers running = new RunningPeers();

    private PeerProcess start(String name, InetSocketAddress... bootstrap) throws Exception {
        return running.add(TestPeers.start(dir.resolve(name), bootstrap));
    }

    /** Peers "first" and "second", the second joined through the first and knowing it. */
    private List<PeerProcess> twoJoined() throws Exception {
        PeerProcess first = start("first");
        first.joined().get(10, TimeUnit.SECONDS);
        PeerProcess second = start("second", first.udpAddress());
        second.joined().get(10, TimeUnit.SECONDS);
        TestPeers.await(PATIENCE, "the second peer to have a contact", () -> !second.node().contacts().join().isEmpty());
        return List.of(first, second);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aPeerWithNoBootstrapNodes_startsANewNetworkWithAnIdentityInItsDataDirectory() throws Exception {
        PeerProcess peer = start("solo");
        JoinResult result = peer.joined().get(10, TimeUnit.SECONDS);
        assertTrue(result.newNetwork());
        assertTrue(Files.exists(dir.resolve("solo/identity")));
    }

    @Test
    void closing_savesTheContactsAndReleasesTheUdpPort() throws Exception {
        List<PeerProcess> peers = twoJoined();
        PeerProcess first = peers.get(0);
        PeerProcess second = peers.get(1);
        InetSocketAddress udp = second.udpAddress();

        second.close();

        List<Contact> saved = new ContactsFile(dir.resolve("second/contacts")).read();
        assertEquals(List.of(first.id()), saved.stream().map(Contact::id).toList());
        try (DatagramSocket again = new DatagramSocket(udp)) {
            assertTrue(again.isBound());
        }
        second.terminated().get(1, TimeUnit.SECONDS);
    }

    @Test
    void aRestartedPeer_rejoinsThroughItsSavedContactsAlone() throws Exception {
        PeerProcess second = twoJoined().get(1);
        second.close();

        PeerProcess restarted = start("second");

        JoinResult result = restarted.joined().get(10, TimeUnit.SECONDS);
        assertFalse(result.newNetwork());
        assertEquals(second.id(), restarted.id());
    }

    @Test
    void contacts_areSavedPeriodicallyWhileThePeerRuns() throws Exception {
        PeerProcess first = start("first");
        first.joined().get(10, TimeUnit.SECONDS);
        running.add(PeerProcess.start(TestPeers.settings(dir.resolve("second"), List.of(first.udpAddress()),
                Duration.ofMillis(100))));

        TestPeers.await(PATIENCE, "a contacts file naming the first peer", () -> {
            try {
                return new ContactsFile(dir.resolve("second/contacts")).read().stream()
                        .anyMatch(c -> c.id().equals(first.id()));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aPeerKeepsTryingItsBootstrapNodeAndJoinsOnceItAnswers() throws Exception {
        int port = freeUdpPort();
        PeerProcess waiting = start("waiting", new InetSocketAddress("127.0.0.1", port));
        assertFalse(waiting.joined().isDone());

        running.add(PeerProcess.start(TestPeers.settings(dir.resolve("late"), List.of(), PeerSettings.SAVE_INTERVAL)
                .with(s -> s.port = port)));

        assertFalse(waiting.joined().get(PATIENCE.toSeconds(), TimeUnit.SECONDS).newNetwork());
    }

    @Test
    void aTakenUdpPort_stopsThePeerWithTheReason() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PeerProcess peer = running.add(PeerProcess.start(TestPeers.settings(dir.resolve("late"), List.of(),
                    PeerSettings.SAVE_INTERVAL).with(s -> s.port = taken.getLocalPort())));

            var e = assertThrows(ExecutionException.class, () -> peer.terminated().get(10, TimeUnit.SECONDS));
            assertInstanceOf(BindException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains(String.valueOf(taken.getLocalPort())), e.getCause().getMessage());
        }
    }

    @Test
    void aTakenAdminPort_isRefusedAtStartNamingIt() throws Exception {
        PeerProcess first = start("first");
        int adminPort = first.adminPort();
        var e = assertThrows(BindException.class, () -> PeerProcess.start(TestPeers.settings(dir.resolve("second"),
                List.of(), PeerSettings.SAVE_INTERVAL).with(s -> s.adminPort = adminPort)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + adminPort), e.getMessage());
    }
}
