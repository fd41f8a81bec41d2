package io.kadring.simulator.churn;

import io.kadring.overlay.env.Cancellable;
import io.kadring.simulator.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Keeps a population of nodes churning around a target size N on an {@link EventLoop}: nodes
 * arrive as a Poisson process at rate N / mean session (so by Little's law about N are up in
 * steady state) and each leaves when its session, drawn from {@link SessionTime}, runs out.
 * The driver only decides when; {@link Population} makes and kills the actual nodes.
 *
 * <p>Typical use: {@link #populate()} (or {@link #adopt} each node of a network built by
 * hand), then {@link #start()}. Nodes already up are given residual sessions, so the
 * population is in steady state from the start. All draws come from the one generator
 * given, in event order. Nodes are told apart with {@code equals}.
 *
 * @param <N> what the caller uses for a node
 */
public final class ChurnDriver<N> {

    /** Makes and destroys nodes for the driver. */
    public interface Population<N> {
        /** Creates and starts a new node; it is up when this returns. */
        N spawn();

        /** Crashes {@code node}. The driver has already forgotten it. */
        void kill(N node);
    }

    private final EventLoop loop;
    private final RandomGenerator random;
    private final int target;
    private final SessionTime sessions;
    private final PoissonArrivals arrivalProcess;
    private final Population<N> population;
    private final List<Member<N>> members = new ArrayList<>();
    private final Map<N, Member<N>> memberOf = new HashMap<>();
    private double nextArrivalMillis;
    private Cancellable arrivalTimer;
    private boolean started;
    private boolean stopped;
    private long arrivals;
    private long departures;
    private long failures;

    public ChurnDriver(EventLoop loop, RandomGenerator random, int target, SessionTime sessions,
            Population<N> population) {
        if (target <= 0) {
            throw new IllegalArgumentException("target population must be > 0, got " + target);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.random = Objects.requireNonNull(random, "random");
        this.target = target;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.population = Objects.requireNonNull(population, "population");
        this.arrivalProcess = new PoissonArrivals(sessions.meanMillis() / target);
    }

    /** Spawns nodes until {@link #liveCount()} reaches the target, each with a residual session. */
    public void populate() {
        while (members.size() < target) {
            adopt(population.spawn());
        }
    }

    /** Takes a node that is already up into the churn: it leaves after a residual session. */
    public void adopt(N node) {
        requireNotStopped();
        add(node, sessions.sampleResidualMillis(random));
    }

    /** Starts the arrivals. Departures of nodes already here are scheduled when they join. */
    public void start() {
        requireNotStopped();
        if (started) {
            throw new IllegalStateException("churn has already started");
        }
        started = true;
        nextArrivalMillis = loop.now();
        scheduleArrival();
    }

    /** Stops all arrivals and departures for good; the nodes that are up stay up. */
    public void stop() {
        stopped = true;
        if (arrivalTimer != null) {
            arrivalTimer.cancel();
        }
        for (Member<N> member : members) {
            member.departure.cancel();
        }
    }

    /** At {@code failure.atMillis()}, kills ⌊fraction·live⌋ of the nodes this driver holds. */
    public void schedule(MassFailure failure) {
        loop.scheduleAt(failure.atMillis(), () -> {
            for (N node : failure.choose(live(), random)) {
                remove(node);
                failures++;
                population.kill(node);
            }
        });
    }

    /** Forgets {@code node} (killed by someone else): its departure is called off. */
    public void remove(N node) {
        Member<N> member = memberOf.remove(node);
        if (member == null) {
            return;
        }
        member.departure.cancel();
        Member<N> last = members.remove(members.size() - 1);
        if (last != member) {
            members.set(member.index, last);
            last.index = member.index;
        }
    }

    /** The nodes up now, in the driver's (deterministic) order. */
    public List<N> live() {
        List<N> nodes = new ArrayList<>(members.size());
        for (Member<N> member : members) {
            nodes.add(member.node);
        }
        return nodes;
    }

    public int liveCount() {
        return members.size();
    }

    /** What the churn has done so far. */
    public Counts counts() {
        return new Counts(arrivals, departures, failures);
    }

    /**
     * Churn so far, since the driver was made.
     *
     * @param arrivals nodes spawned by the arrival process (not by {@link #populate()})
     * @param departures nodes killed because their session ended
     * @param failures nodes killed by mass failures
     */
    public record Counts(long arrivals, long departures, long failures) {
    }

    private void scheduleArrival() {
        nextArrivalMillis += arrivalProcess.nextGapMillis(random);
        // Arrival times are kept exact and rounded only to schedule, so the rate does not drift.
        long at = Math.max(loop.now(), Math.round(nextArrivalMillis));
        arrivalTimer = loop.scheduleAt(at, this::arrive);
    }

    private void arrive() {
        arrivals++;
        add(population.spawn(), sessions.sampleMillis(random));
        scheduleArrival();
    }

    private void add(N node, long sessionMillis) {
        Objects.requireNonNull(node, "node");
        if (memberOf.containsKey(node)) {
            throw new IllegalArgumentException(node + " is already churning");
        }
        Member<N> member = new Member<>(node, members.size());
        members.add(member);
        memberOf.put(node, member);
        member.departure = loop.schedule(sessionMillis, () -> depart(member));
    }

    private void depart(Member<N> member) {
        remove(member.node);
        departures++;
        population.kill(member.node);
    }

    private void requireNotStopped() {
        if (stopped) {
            throw new IllegalStateException("churn was stopped");
        }
    }

    private static final class Member<N> {
        final N node;
        int index;
        Cancellable departure;

        Member(N node, int index) {
            this.node = node;
            this.index = index;
        }
    }
}
