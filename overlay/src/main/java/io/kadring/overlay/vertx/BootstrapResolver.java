package io.kadring.overlay.vertx;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Bootstrap addresses given by name (a DNS name of a Kubernetes headless service, a list of seed
 * hosts): each name stands for every address it resolves to, and is resolved again for each join
 * round, off the event loop. {@link #forNextRound()} answers at once with what the latest
 * resolution found and starts the next one, so a round never waits on DNS; a name that stops
 * resolving keeps its last addresses (a DNS hiccup must not empty the list). Addresses given as
 * IP literals pass through unchanged.
 */
public final class BootstrapResolver {
    private static final System.Logger LOG = System.getLogger(BootstrapResolver.class.getName());

    private final List<InetSocketAddress> given;
    private final Function<Callable<List<InetSocketAddress>>, CompletableFuture<List<InetSocketAddress>>> blocking;
    private final AtomicBoolean resolving = new AtomicBoolean();
    /** Each name's addresses as last resolved, for a name that stops resolving. */
    private final Map<String, List<InetSocketAddress>> lastByName = new ConcurrentHashMap<>();
    private volatile List<InetSocketAddress> latest;

    /**
     * @param given the addresses as the user gave them: resolved ones, and unresolved ones
     *     ({@link InetSocketAddress#createUnresolved}) that carry a name
     * @param blocking runs a task that may block on a worker thread
     */
    public BootstrapResolver(List<InetSocketAddress> given,
                             Function<Callable<List<InetSocketAddress>>, CompletableFuture<List<InetSocketAddress>>> blocking) {
        this.given = List.copyOf(given);
        this.blocking = blocking;
        List<InetSocketAddress> literal = new ArrayList<>();
        for (InetSocketAddress a : this.given) if (!a.isUnresolved()) literal.add(a);
        this.latest = List.copyOf(literal);
    }

    /** Whether any of {@code addresses} is a name still to resolve. */
    public static boolean needed(List<InetSocketAddress> addresses) {
        return addresses.stream().anyMatch(InetSocketAddress::isUnresolved);
    }

    /** Resolves every name now (on a worker); the future completes with the addresses found. */
    public CompletableFuture<List<InetSocketAddress>> resolve() {
        if (!resolving.compareAndSet(false, true)) return CompletableFuture.completedFuture(latest);
        return blocking.apply(() -> resolveAll(given, lastByName)).whenComplete((found, failure) -> {
            if (found != null) latest = found;
            resolving.set(false);
        });
    }

    /** What the latest resolution found, at once; a new resolution is started for the round after. */
    public List<InetSocketAddress> forNextRound() {
        List<InetSocketAddress> now = latest;
        resolve();
        return now;
    }

    /**
     * Each name of {@code given} to all its addresses (in the order DNS gives them), literals as
     * they are; a name that resolves to none keeps its addresses in {@code lastByName}, which is
     * updated with what each name resolved to.
     */
    static List<InetSocketAddress> resolveAll(List<InetSocketAddress> given, Map<String, List<InetSocketAddress>> lastByName) {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        for (InetSocketAddress a : given) {
            if (!a.isUnresolved()) {
                out.add(a);
                continue;
            }
            String name = a.getHostString() + ":" + a.getPort();
            try {
                List<InetSocketAddress> found = new ArrayList<>();
                for (InetAddress ip : InetAddress.getAllByName(a.getHostString())) {
                    found.add(new InetSocketAddress(ip, a.getPort()));
                }
                lastByName.put(name, List.copyOf(found));
                out.addAll(found);
            } catch (UnknownHostException e) {
                LOG.log(System.Logger.Level.WARNING, "bootstrap name '" + a.getHostString()
                        + "' does not resolve (now); trying again next join round");
                out.addAll(lastByName.getOrDefault(name, List.of()));
            }
        }
        return List.copyOf(out);
    }
}
