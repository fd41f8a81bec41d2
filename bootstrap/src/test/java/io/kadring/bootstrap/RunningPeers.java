package io.kadring.bootstrap;

import io.kadring.bootstrap.peer.PeerProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The peers a test started, closed after each test: a field
 * {@code @RegisterExtension final RunningPeers running = new RunningPeers();}, and
 * {@link #add} for every peer started.
 */
public final class RunningPeers implements AfterEachCallback {
    private final List<PeerProcess> running = new ArrayList<>();

    /** {@code peer}, to be closed after the test. */
    public PeerProcess add(PeerProcess peer) {
        running.add(peer);
        return peer;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.forEach(PeerProcess::close);
        running.clear();
    }
}
