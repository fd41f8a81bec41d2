package io.kadring.bootstrap.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kadring.bootstrap.TestPeers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin API's connection limits, made small: slow request heads and idle connections are
 * closed, connections beyond the cap are closed at once, and the API keeps answering fresh
 * clients once the flood has been dealt with. Waits are bounded reads on the sockets.
 */
final class AdminLimitsTest {
    private static final AdminSettings LOOPBACK = new AdminSettings("127.0.0.1", 0, Optional.empty());
    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** A short head timeout, a long idle one. */
    private static final ConnectionLimits HEAD_TIMEOUT = new ConnectionLimits(LONG, SHORT, 8);
    /** A short idle timeout, a long head one. */
    private static final ConnectionLimits IDLE_TIMEOUT = new ConnectionLimits(SHORT, LONG, 8);
    private static final String PARTIAL_HEAD = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    /** The head of a {@code POST /records} whose body is {@code %d} bytes long. */
    private static final String POST_HEAD = "POST /records HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private static Socket connect(AdminFixture admin) throws IOException {
        Socket socket = new Socket();
        socket.connect(admin.http().address(), (int) PATIENCE.toMillis());
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Whether the server closed {@code socket} within {@code wait} (anything it sends meanwhile is skipped). */
    private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        InputStream in = socket.getInputStream();
        while (true) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            socket.setSoTimeout((int) left);
            try {
                if (in.read() == -1) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }
    }

    /** Waits until the server closes {@code socket} and returns how long after {@code since} (nanoTime) it did. */
    private static Duration awaitClosed(Socket socket, long since) throws IOException {
        assertTrue(closedWithin(socket, PATIENCE), "the server did not close the connection within " + PATIENCE);
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** Fails when a connection was closed {@code after} less than the short timeout (less 50 ms of slack). */
    private static void assertNotEarly(Duration after) {
        assertTrue(after.compareTo(SHORT.minusMillis(50)) >= 0, "closed too early, after " + after);
    }

    /** Reads one response (head and body by content-length) and returns its status line. */
    private static String readResponse(Socket socket) throws IOException {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) throw new AssertionError("closed in the middle of a response: " + head);
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        Matcher length = CONTENT_LENGTH.matcher(text);
        if (length.find()) in.readNBytes(Integer.parseInt(length.group(1)));
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static boolean answersHealth(AdminFixture admin) {
        try {
            return admin.http().raw(HEALTH).startsWith("HTTP/1.1 200");
        } catch (AssertionError refused) {
            return false;
        }
    }

    @Test
    void aConnectionThatSendsPartOfARequestHead_isClosedAfterTheHeadTimeout() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT);
             Socket socket = connect(admin)) {
            long start = System.nanoTime();
            send(socket, PARTIAL_HEAD);
            assertNotEarly(awaitClosed(socket, start));
        }
    }

    @Test
    void aSlowlorisDrippingItsHeadByteByByte_isClosedAfterTheHeadTimeout() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT);
             Socket socket = connect(admin)) {
            long start = System.nanoTime();
            long deadline = start + PATIENCE.toNanos();
            String head = PARTIAL_HEAD + "X-Slow: " + "a".repeat(1_000);
            boolean closed = false;
            for (int i = 0; i < head.length() && !closed && System.nanoTime() < deadline; i++) {
                try {
                    send(socket, head.substring(i, i + 1));
                } catch (SocketException broken) {
                    closed = true;
                    break;
                }
                closed = closedWithin(socket, Duration.ofMillis(50)); // a byte every 50 ms
            }
            assertTrue(closed, "the dripping connection was not closed");
            assertNotEarly(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Test
    void aSilentConnection_isClosedAfterTheHeadTimeout() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT);
             Socket socket = connect(admin)) {
            awaitClosed(socket, System.nanoTime());
        }
    }

    @Test
    void aKeptAliveConnection_mayAskAgainAndIsClosedOnceQuietForTheHeadTimeout() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT);
             Socket socket = connect(admin)) {
            String again = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            for (int i = 0; i < 3; i++) {
                send(socket, again);
                assertEquals("HTTP/1.1 200 OK", readResponse(socket));
            }
            long answered = System.nanoTime();
            assertNotEarly(awaitClosed(socket, answered));
        }
    }

    @Test
    void aRequestWhoseHeadHasArrived_isNotCutByTheHeadTimeout() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT);
             Socket socket = connect(admin)) {
            send(socket, POST_HEAD.formatted(2));
            assertTrue(!closedWithin(socket, SHORT.multipliedBy(3)), "the request was cut while its body was due");
            send(socket, "{}");
            assertEquals("HTTP/1.1 400 Bad Request", readResponse(socket));
        }
    }

    @Test
    void theIdleTimeout_closesAConnectionWhoseBodyStopsComing() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, IDLE_TIMEOUT);
             Socket socket = connect(admin)) {
            send(socket, POST_HEAD.formatted(100) + "{");
            long start = System.nanoTime();
            assertNotEarly(awaitClosed(socket, start));
        }
    }

    @Test
    void connectionsBeyondTheCap_areClosedAtOnceAndTheApiAnswersOnceTheOthersGo() throws Exception {
        int cap = 8;
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, new ConnectionLimits(LONG, LONG, cap))) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 2 * cap; i++) sockets.add(connect(admin));
                List<Socket> held = new ArrayList<>(sockets);
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (held.size() > cap && System.nanoTime() < deadline) {
                    for (Socket s : List.copyOf(held)) {
                        if (closedWithin(s, Duration.ofMillis(20))) held.remove(s);
                    }
                }
                assertEquals(cap, held.size(), "connections kept open");
                for (Socket s : held) assertTrue(!closedWithin(s, Duration.ofMillis(20)), "a connection within the cap was closed");
                try (Socket extra = connect(admin)) {
                    awaitClosed(extra, System.nanoTime());
                }

                for (Socket s : held) s.close();
                TestPeers.await(PATIENCE, "a fresh GET /health answered", () -> answersHealth(admin));
            } finally {
                for (Socket s : sockets) s.close();
            }
        }
    }

    @Test
    void aThousandSlowClients_leaveTheApiAnsweringOnceTheirHeadTimeRunsOut() throws Exception {
        try (AdminFixture admin = AdminFixture.alone(LOOPBACK, HEAD_TIMEOUT)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 1_000; i++) {
                    Socket s = connect(admin);
                    sockets.add(s);
                    try {
                        send(s, PARTIAL_HEAD);
                    } catch (SocketException closedAlready) {
                        // beyond the cap: closed at once
                    }
                }
                TestPeers.await(PATIENCE, "a fresh GET /health answered", () -> answersHealth(admin));
                for (Socket s : sockets) assertTrue(closedWithin(s, PATIENCE), "a slow client was left open");
            } finally {
                for (Socket s : sockets) s.close();
            }
        }
    }
}
