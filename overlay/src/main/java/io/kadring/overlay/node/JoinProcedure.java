package io.kadring.overlay.node;

import io.kadring.overlay.wire.Message;
import io.kadring.overlay.wire.NodeRecord;
import io.kadring.routing.Contact;
import io.kadring.routing.Id;
import io.kadring.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Joining a network through bootstrap nodes: ping them all (a round); the first one whose PONG
 * admits it leads on to a lookup of our own id through it (Kademlia's join, without its refresh
 * of every farther bucket). Joined once the table holds a contact.
 * A round in which no bootstrap node lets us in is tried again after an exponential backoff
 * with jitter, up to the configured number of rounds (0: for ever), then the join fails with
 * what each bootstrap node did ({@link #outcomes()}).
 */
final class JoinProcedure extends AbstractProcedure<Integer> {
    private enum State { PINGING, WAITING, LOOKING, OVER }

    private static final int MAX_BACKOFF_DOUBLINGS = 6;
    static final String NO_ANSWER = "no answer";
    static final String ADMITTED = "answered";

    private final Supplier<List<InetSocketAddress>> bootstrap;
    private final LocalNode local;
    private final Supplier<NodeRecord> selfRecord;
    private final Lookups lookups;
    private final RoutingTable table;
    private final Map<InetSocketAddress, String> outcomes = new LinkedHashMap<>();
    private final Set<Request> pinging = new HashSet<>();
    private State state = State.PINGING;
    private int round;
    private boolean roundStarted;
    private Contact leader;
    private long retryAt = NEVER;
    private ClosestProcedure selfLookup;

    /** Joins through {@code bootstrap}, in rounds of {@code joinAttempts} and {@code joinBackoff} of the config. */
    JoinProcedure(List<InetSocketAddress> bootstrap, LocalNode local, Supplier<NodeRecord> selfRecord, Lookups lookups,
                  RoutingTable table) {
        this(fixed(bootstrap), local, selfRecord, lookups, table);
    }

    /**
     * Joins through the addresses {@code bootstrap} gives at the start of each round (names
     * resolved again); a round it gives none to is one that failed.
     */
    JoinProcedure(Supplier<List<InetSocketAddress>> bootstrap, LocalNode local, Supplier<NodeRecord> selfRecord,
                  Lookups lookups, RoutingTable table) {
        this.bootstrap = bootstrap;
        this.local = local;
        this.selfRecord = selfRecord;
        this.lookups = lookups;
        this.table = table;
    }

    /** What each bootstrap node did in the latest round, in the order they were given. */
    Map<InetSocketAddress, String> outcomes() {
        return new LinkedHashMap<>(outcomes);
    }

    @Override
    public List<Request> poll(long now) {
        switch (state) {
            case PINGING:
                if (roundStarted) return List.of();
                return startRound();
            case WAITING:
                if (now < retryAt) return List.of();
                retryAt = NEVER;
                state = State.PINGING;
                return startRound();
            case LOOKING: {
                List<Request> out = selfLookup.poll(now);
                if (selfLookup.isDone()) lookedUp(now);
                return out;
            }
            default:
                return List.of();
        }
    }

    private static Supplier<List<InetSocketAddress>> fixed(List<InetSocketAddress> bootstrap) {
        if (bootstrap.isEmpty()) throw new IllegalArgumentException("a join needs at least one bootstrap address");
        List<InetSocketAddress> copy = List.copyOf(bootstrap);
        return () -> copy;
    }

    private List<Request> startRound() {
        round++;
        roundStarted = true;
        pinging.clear();
        List<InetSocketAddress> addresses = bootstrap.get();
        if (addresses.isEmpty()) { // their names resolve to nothing (yet)
            retry(local.now());
            return List.of();
        }
        List<Request> out = new ArrayList<>();
        Id self = local.id();
        for (InetSocketAddress address : addresses) {
            Request ping = Request.toAddress(address, tx -> new Message.Ping(tx, self, selfRecord.get()), this);
            pinging.add(ping);
            out.add(ping);
        }
        return out;
    }

    /**
     * The lookup of our own id is over: every node it asked that answered is in the table (their
     * answers carried their records), and the k closest have met us. Farther buckets fill from
     * the lookups we make and the nodes that ask us; a lookup per bucket would cost ~20
     * FIND_NODEs each at join time for contacts that come anyway.
     */
    private void lookedUp(long now) {
        if (table.size() > 0) {
            over();
            finish(round);
        } else {
            // it left meanwhile, or its answers led nowhere: not joined
            outcomes.put(leader.address(), "answered, but every node it named failed");
            retry(now);
        }
    }

    @Override
    public void onPong(Request request, Message.Pong pong, RecordRefusal refusal, long now) {
        if (refusal != null) {
            settle(request, "answered but refused: " + refusal.description(), null, now);
        } else {
            settle(request, ADMITTED, Contact.seen(pong.sender(), request.to(), now), now);
        }
    }

    @Override
    public void onReply(Request request, Message reply, long now) {
        settle(request, "answered with " + reply.type() + " instead of PONG", null, now);
    }

    @Override
    public void onFailure(Request request, long now) {
        settle(request, NO_ANSWER, null, now);
    }

    /** One bootstrap node's answer to this round; the first one admitted leads on. */
    private void settle(Request request, String outcome, Contact admitted, long now) {
        if (!pinging.remove(request)) return; // of an earlier round
        outcomes.put(request.to(), outcome);
        if (state != State.PINGING) return;
        if (admitted != null) {
            leader = admitted;
            selfLookup = lookups.closest(local.id(), null, List.of(admitted));
            state = State.LOOKING;
        } else if (pinging.isEmpty()) {
            retry(now);
        }
    }

    private void retry(long now) {
        roundStarted = false;
        selfLookup = null;
        int maxRounds = local.config().joinAttempts();
        if (maxRounds != 0 && round >= maxRounds) {
            over();
            fail(new JoinException(outcomes, round));
            return;
        }
        long base = local.config().joinBackoffMillis() << Math.min(round - 1, MAX_BACKOFF_DOUBLINGS);
        retryAt = now + base / 2 + local.random().nextLong(base + 1);
        state = State.WAITING;
    }

    /** Joined or given up: the lookups are let go (the node keeps this procedure for its outcomes). */
    private void over() {
        state = State.OVER;
        selfLookup = null;
        pinging.clear();
    }

    @Override
    public long deadline() {
        if (state == State.LOOKING) return selfLookup.deadline();
        return state == State.WAITING ? retryAt : NEVER;
    }
}
