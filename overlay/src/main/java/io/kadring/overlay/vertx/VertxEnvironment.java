package io.kadring.overlay.vertx;

import io.kadring.overlay.env.Cancellable;
import io.kadring.overlay.env.DatagramHandler;
import io.kadring.overlay.env.Environment;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * An {@link Environment} over a real UDP socket: one Vert.x {@link DatagramSocket}, Vert.x
 * timers and a monotonic clock, all on one Vert.x context of its own. Everything the node
 * receives (datagrams, timer callbacks) runs on that context; {@link #execute} and
 * {@link #supply} bring calls from other threads onto it.
 *
 * <p>Each environment is deployed as its own Vert.x deployment, so it gets a fresh event-loop
 * context even when many share one {@code Vertx}. Ownership of the {@code Vertx} is explicit:
 * {@link #bind(Vertx, String, int)} leaves a shared instance open on close,
 * {@link #bindWithOwnVertx(String, int)} creates one and closes it on close.
 *
 * <p>The futures returned here complete on a Vert.x thread: do not block in stages chained to
 * them.
 */
public final class VertxEnvironment implements Environment, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(VertxEnvironment.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 10;
    /**
     * The receive buffer a peer asks for: 4 MiB, room for a burst of a few thousand datagrams.
     * Linux grants at most {@code net.core.rmem_max} (see {@link #receiveBufferBytes()}).
     */
    public static final int DEFAULT_RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final AtomicBoolean SMALL_BUFFER_LOGGED = new AtomicBoolean();

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final String host;
    private final int port;
    /** The SO_RCVBUF asked for; 0 leaves the OS default. */
    private final int receiveBufferAsked;
    private volatile int receiveBufferBytes;
    private final RandomGenerator random;
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder callbackFailures = new LongAdder();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Timers not yet fired nor cancelled; touched on the context only. */
    private final Set<ScheduledTask> pending = new HashSet<>();

    private volatile DatagramHandler handler;
    // Set once in deploy(), before the environment is handed out; read-only afterwards.
    private volatile Context context;
    private volatile DatagramSocket socket;
    private volatile InetSocketAddress localAddress;
    private volatile String deploymentId;
    private boolean shutDown; // context only

    private VertxEnvironment(Vertx vertx, boolean ownsVertx, String host, int port, int receiveBufferAsked) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.host = host;
        this.port = port;
        this.receiveBufferAsked = receiveBufferAsked;
        // transaction ids and write-token secrets come from here: on a real network they must
        // not be predictable, so this is the platform's CSPRNG (the simulator seeds its own)
        this.random = new SecureRandom();
    }

    /**
     * Binds a UDP socket on {@code host:port} (port 0 picks a free port) on a new context of a
     * shared {@code vertx}, which stays open when this environment closes. An IPv6 literal host
     * (one containing {@code ':'}) gets an IPv6 socket. The future fails with a
     * {@link BindException} naming host and port if the socket cannot be bound.
     */
    public static CompletableFuture<VertxEnvironment> bind(Vertx vertx, String host, int port) {
        return bind(vertx, host, port, 0);
    }

    /**
     * As {@link #bind(Vertx, String, int)}, asking the OS for a receive buffer (SO_RCVBUF) of
     * {@code receiveBufferBytes} (0 leaves the OS default); a smaller grant is logged once.
     */
    public static CompletableFuture<VertxEnvironment> bind(Vertx vertx, String host, int port, int receiveBufferBytes) {
        Objects.requireNonNull(vertx, "vertx");
        return start(new VertxEnvironment(vertx, false, checkHost(host), checkPort(port),
                checkReceiveBuffer(receiveBufferBytes)));
    }

    /**
     * Like {@link #bind(Vertx, String, int)}, but on a {@code Vertx} created for this environment
     * alone and closed with it.
     */
    public static CompletableFuture<VertxEnvironment> bindWithOwnVertx(String host, int port) {
        return bindWithOwnVertx(host, port, 0);
    }

    /** As {@link #bindWithOwnVertx(String, int)}, with a receive buffer as {@link #bind(Vertx, String, int, int)} asks. */
    public static CompletableFuture<VertxEnvironment> bindWithOwnVertx(String host, int port, int receiveBufferBytes) {
        checkHost(host);
        checkPort(port);
        checkReceiveBuffer(receiveBufferBytes);
        VertxEnvironment env = new VertxEnvironment(Vertx.vertx(), true, host, port, receiveBufferBytes);
        return start(env).whenComplete((ok, failure) -> {
            if (failure != null) {
                env.vertx.close();
            }
        });
    }

    private static CompletableFuture<VertxEnvironment> start(VertxEnvironment env) {
        CompletableFuture<VertxEnvironment> bound = new CompletableFuture<>();
        env.vertx.deployVerticle(env.new Deployment()).onComplete(
                id -> {
                    env.deploymentId = id;
                    bound.complete(env);
                },
                failure -> bound.completeExceptionally(env.bindFailure(failure)));
        return bound;
    }

    private static String checkHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an IP address or host name, got '" + host + "'");
        }
        return host;
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535 (0 = any free port), got " + port);
        }
        return port;
    }

    private static int checkReceiveBuffer(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("receive buffer must be a number of bytes >= 0 (0 = the OS default), got "
                    + bytes);
        }
        return bytes;
    }

    private BindException bindFailure(Throwable cause) {
        String where = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        BindException e = new BindException("cannot bind UDP socket to " + where + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    /** The address the socket is actually bound to (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The receive buffer the OS grants a UDP socket asking for what this one asked (SO_RCVBUF as
     * read back; Linux reports twice the usable size); 0 before binding or when nothing was asked.
     */
    public int receiveBufferBytes() {
        return receiveBufferBytes;
    }

    /**
     * Datagrams the kernel dropped for this socket's port (its buffer was full), or the machine's
     * UDP receive-buffer errors where the socket is not listed; empty where the OS does not say.
     */
    public java.util.OptionalLong kernelReceiveDrops() {
        InetSocketAddress bound = localAddress;
        return bound == null ? java.util.OptionalLong.empty() : KernelReceiveDrops.ofPortOrMachine(bound.getPort());
    }

    /** Whether closing this environment also closes its {@code Vertx}. */
    public boolean ownsVertx() {
        return ownsVertx;
    }

    /**
     * Sets who receives datagrams, from any thread, at any time (or null to stop delivering).
     * Datagrams arriving while no handler is set are dropped. A handler that throws is counted
     * in {@link #callbackFailures()}; the socket keeps receiving.
     */
    public void setHandler(DatagramHandler handler) {
        this.handler = handler;
    }

    /** Monotonic milliseconds from {@link System#nanoTime()}. */
    @Override
    public long now() {
        return System.nanoTime() / 1_000_000;
    }

    /** The system's wall clock. */
    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    /**
     * Runs {@code task} on this environment's context after {@code delayMillis}. Called off the
     * context, the timer is set once the call reaches the context. Tasks still pending when the
     * environment closes never run.
     */
    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must be >= 0, got " + delayMillis);
        }
        ScheduledTask scheduled = new ScheduledTask(Objects.requireNonNull(task, "task"));
        execute(() -> scheduled.start(delayMillis));
        return scheduled;
    }

    /**
     * Sends one datagram (best effort) to an already resolved address; never triggers a DNS
     * lookup. Failures, including an unresolved address or a closed socket, are counted in
     * {@link #sendFailures()}, not thrown. The array may be reused once this returns.
     */
    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        InetAddress address = to.getAddress();
        if (address == null) {
            sendFailures.increment();
            return;
        }
        socket.send(Buffer.buffer(datagram), to.getPort(), address.getHostAddress())
                .onFailure(failure -> sendFailures.increment());
    }

    /** The platform CSPRNG: transaction ids and token secrets must be unpredictable; context only. */
    @Override
    public RandomGenerator random() {
        return random;
    }

    /** Whether the calling thread is running on this environment's context. */
    public boolean isOnContext() {
        return Vertx.currentContext() == context;
    }

    /** Runs {@code task} on the context: at once if already on it, else queued from any thread. */
    public void execute(Runnable task) {
        if (isOnContext()) {
            task.run();
        } else {
            runOnContext(task);
        }
    }

    /** Queues {@code task} to run on the context later, even when called on it. */
    public void runOnContext(Runnable task) {
        Objects.requireNonNull(task, "task");
        context.runOnContext(ignored -> task.run());
    }

    /** Computes {@code call} on the context; the future carries its result or exception. */
    public <T> CompletableFuture<T> supply(Supplier<? extends T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(call.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Runs {@code call}, which may block (a DNS lookup), on a Vert.x worker thread, never on the
     * event loop; the future completes there with its result or exception.
     */
    public <T> CompletableFuture<T> blocking(java.util.concurrent.Callable<T> call) {
        return vertx.executeBlocking(call, false).toCompletionStage().toCompletableFuture();
    }

    /** Datagrams that could not be sent. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    /** Exceptions thrown by the datagram handler or by scheduled tasks, caught and dropped. */
    public long callbackFailures() {
        return callbackFailures.sum();
    }

    /**
     * Cancels every pending timer, closes the socket (releasing the port) and, if owned, the
     * {@code Vertx}. Idempotent: every call returns the same future.
     */
    public CompletableFuture<Void> closeAsync() {
        if (closeStarted.compareAndSet(false, true)) {
            vertx.undeploy(deploymentId).onComplete((ignored, failure) -> {
                // Undeploy fails only when the deployment is already gone (e.g. the shared Vertx
                // was closed first), which closed the socket and timers too.
                if (ownsVertx) {
                    vertx.close().onComplete((nothing, vertxFailure) -> finishClose(vertxFailure));
                } else {
                    finishClose(null);
                }
            });
        }
        return closed;
    }

    private void finishClose(Throwable failure) {
        if (failure == null) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(failure);
        }
    }

    /**
     * Blocking form of {@link #closeAsync()}, waiting up to 10 s (then a
     * {@link java.util.concurrent.CompletionException} wrapping a timeout). On a Vert.x thread it
     * only starts closing and returns, since waiting there could deadlock.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = closeAsync();
        if (!Context.isOnVertxThread()) {
            done.copy().orTimeout(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    /** Timers still pending; context only (tests). */
    int pendingTimers() {
        return pending.size();
    }

    Vertx vertx() {
        return vertx;
    }

    /** Bytes each datagram is read into (tests); -1 when it cannot be told. */
    int readBufferBytes() {
        return DatagramReadBuffer.readBytes(socket);
    }

    private void onPacket(DatagramPacket packet) {
        DatagramHandler target = handler;
        if (target == null) {
            return;
        }
        try {
            target.onDatagram(toInet(packet.sender()), packet.data().getBytes());
        } catch (RuntimeException | UnknownHostException e) {
            callbackFailed("datagram handler", e);
        }
    }

    private void logSmallBuffer() {
        if (receiveBufferAsked > 0 && receiveBufferBytes < receiveBufferAsked && SMALL_BUFFER_LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "UDP receive buffer: asked for " + receiveBufferAsked
                    + " bytes, the OS granted " + receiveBufferBytes + " (on Linux net.core.rmem_max caps it; raise it "
                    + "with sysctl -w net.core.rmem_max=" + receiveBufferAsked + ")");
        }
    }

    private void callbackFailed(String what, Exception e) {
        callbackFailures.increment();
        if (callbackFailures.sum() == 1) { // the first one only: a bug, but the node must go on
            LOG.log(System.Logger.Level.WARNING, what + " threw; further failures are only counted", e);
        }
    }

    /** From an IP literal, so {@link InetAddress#getByName} only parses it: no lookup. */
    private static InetSocketAddress toInet(SocketAddress address) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), address.port());
    }

    /** Runs on the context: binds on deploy; cancels timers and closes the socket on undeploy. */
    private final class Deployment implements Deployable {
        @Override
        public Future<?> deploy(Context ctx) {
            context = ctx;
            DatagramSocketOptions options = new DatagramSocketOptions().setIpV6(host.indexOf(':') >= 0);
            if (receiveBufferAsked > 0) {
                options.setReceiveBufferSize(receiveBufferAsked);
            }
            DatagramSocket s = vertx.createDatagramSocket(options);
            if (receiveBufferAsked > 0) {
                DatagramReadBuffer.apply(s); // Vert.x would read each datagram into a buffer that size
            }
            s.handler(VertxEnvironment.this::onPacket);
            socket = s;
            return s.listen(port, host)
                    .compose(bound -> {
                        try {
                            localAddress = toInet(bound.localAddress());
                            receiveBufferBytes = ReceiveBufferProbe.granted(receiveBufferAsked);
                            logSmallBuffer();
                            return Future.succeededFuture();
                        } catch (UnknownHostException e) {
                            return Future.failedFuture(e);
                        }
                    })
                    .recover(failure -> s.close().transform(ignored -> Future.failedFuture(failure)));
        }

        @Override
        public Future<?> undeploy(Context ctx) {
            shutDown = true;
            for (ScheduledTask task : new ArrayList<>(pending)) {
                task.cancelNow();
            }
            return socket.close();
        }
    }

    /** One {@link #schedule} call; its state is touched on the context only. */
    private final class ScheduledTask implements Cancellable {
        private final Runnable task;
        private long timerId = -1;
        private long dueAt;
        private boolean cancelled;

        ScheduledTask(Runnable task) {
            this.task = task;
        }

        void start(long delayMillis) {
            if (cancelled || shutDown) {
                return;
            }
            pending.add(this);
            dueAt = now() + delayMillis;
            if (delayMillis == 0) { // Vert.x timers need at least 1 ms
                context.runOnContext(ignored -> fire());
            } else {
                timerId = vertx.setTimer(delayMillis, ignored -> fire());
            }
        }

        private void fire() {
            if (!pending.contains(this) || shutDown) {
                return; // cancelled meanwhile
            }
            long left = dueAt - now();
            if (left > 0) { // the event loop's timer woke a little early: never run before the delay
                timerId = vertx.setTimer(left, ignored -> fire());
                return;
            }
            pending.remove(this);
            try {
                task.run();
            } catch (RuntimeException e) {
                callbackFailed("scheduled task", e);
            }
        }

        /** From any thread; off the context it takes effect once the call reaches it. */
        @Override
        public void cancel() {
            execute(this::cancelNow);
        }

        void cancelNow() {
            cancelled = true;
            if (pending.remove(this) && timerId >= 0) {
                vertx.cancelTimer(timerId);
            }
        }
    }
}
