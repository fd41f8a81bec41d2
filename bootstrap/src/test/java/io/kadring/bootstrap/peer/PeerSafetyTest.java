package io.kadring.bootstrap.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.Main;
import io.kadring.bootstrap.RunningPeers;
import io.kadring.bootstrap.TestPeers;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a peer refuses, with the message a user reads: writes before it has joined, a data directory in use. */
final class PeerSafetyTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final RunningPeers running = new RunningPeers();

    /** The defaults of {@code kadring peer} (the node's own protocol settings) on free UDP and admin ports, then {@code change}. */
    private static PeerSettings onFreePorts(Path dataDir, Consumer<PeerSettings.Draft> change) {
        return PeerSettings.defaults(dataDir).with(s -> {
            s.port = 0;
            s.adminPort = 0;
            change.accept(s);
        });
    }

    @Test
    void aPutThroughAPeerStillJoining_exitsOneSayingSo() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // a bootstrap node that never answers: the peer stays in phase joining
            InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
            PeerProcess joining = PeerProcess.start(onFreePorts(dir.resolve("joining"),
                    s -> s.bootstrap = List.of(nobody)));
            running.add(joining);
            String admin = "127.0.0.1:" + joining.adminPort();
            assertEquals(0, TestPeers.cli("keygen", "--out", dir.resolve("me.key").toString()).exitCode());

            TestPeers.Run put = TestPeers.cli("put", "--admin", admin, "--identity", dir.resolve("me.key").toString(),
                    "too early");
            TestPeers.Run lookup = TestPeers.cli("lookup", "--admin", admin, "00".repeat(32));

            for (TestPeers.Run run : List.of(put, lookup)) {
                assertEquals(Main.FAILED, run.exitCode(), run.err());
                assertTrue(run.err().contains("the peer has not joined the network yet (phase joining, 0 contacts)"),
                        run.err());
            }
            assertEquals("", put.out(), "no key printed for a record that was not stored");
        }
    }

    @Test
    void aSecondPeerOnADataDirectoryInUse_exitsOneNamingTheProcess() throws Exception {
        Path data = dir.resolve("shared");
        PeerProcess first = PeerProcess.start(onFreePorts(data, s -> { }));
        running.add(first);
        first.joined().get(10, TimeUnit.SECONDS);

        TestPeers.Run second = TestPeers.cli("peer", "--data-dir", data.toString(), "--port", "0",
                "--admin-port", "0");

        assertEquals(Main.FAILED, second.exitCode(), second.err());
        assertTrue(second.err().contains("data directory " + data + " is in use by process "
                + ProcessHandle.current().pid()), second.err());
    }

    @Test
    void anAdvertisedAddress_isWhatTheNodeRecordSays() throws Exception {
        InetSocketAddress advertised = new InetSocketAddress("198.51.100.7", 7420);
        PeerProcess peer = PeerProcess.start(onFreePorts(dir.resolve("nat"), s -> s.advertise = advertised));
        running.add(peer);
        peer.joined().get(10, TimeUnit.SECONDS);
        assertEquals(advertised, peer.node().advertisedAddress().get(10, TimeUnit.SECONDS));
    }
}
