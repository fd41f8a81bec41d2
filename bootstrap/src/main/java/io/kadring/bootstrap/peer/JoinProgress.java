package io.kadring.bootstrap.peer;

import io.kadring.bootstrap.text.AddressText;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.JoinException;
import io.kadring.overlay.node.JoinResult;
import io.kadring.routing.Contact;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the operator how joining goes, one log line per event: whom it tries, a reminder with
 * growing gaps while nobody answers (the node itself retries with backoff and has no per-round
 * hook, so this watches from outside), and the outcome.
 *
 * @param node the joining node
 * @param candidates what the node joins through
 * @param saved how many of the first candidates come from the contacts file
 * @param history whether the data directory is not new
 * @param chores where the reminders are scheduled
 */
record JoinProgress(KadringNode node, List<InetSocketAddress> candidates, int saved, boolean history,
                    ScheduledExecutorService chores) {
    private static final Logger LOG = LoggerFactory.getLogger(JoinProgress.class);
    private static final Duration FIRST_REMINDER = Duration.ofSeconds(5);
    private static final Duration MAX_REMINDER = Duration.ofMinutes(5);
    private static final int NAMED = 4;

    /** Logs the start now, reminders while {@code joined} is pending and its outcome when it succeeds. */
    void follow(CompletableFuture<JoinResult> joined) {
        long startNanos = System.nanoTime();
        if (saved > 0) {
            LOG.info("rejoining through {} saved contact{}{}", saved, saved == 1 ? "" : "s",
                    candidates.size() == saved ? "" : " and " + describe(candidates.subList(saved, candidates.size())));
            remind(joined, FIRST_REMINDER, startNanos);
        } else if (!candidates.isEmpty()) {
            LOG.info("joining through {}", describe(candidates));
            remind(joined, FIRST_REMINDER, startNanos);
        }
        joined.thenAccept(this::report);
    }

    /** A reminder {@code after} from now, while {@code joined} is pending, counting from {@code startNanos}. */
    private void remind(CompletableFuture<?> joined, Duration after, long startNanos) {
        try {
            chores.schedule(() -> {
                if (joined.isDone()) return;
                long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
                String outcomes;
                try {
                    outcomes = JoinException.describe(node.joinOutcomes().get(3, TimeUnit.SECONDS));
                } catch (Exception e) {
                    outcomes = "";
                }
                LOG.info("not joined after {} s: {}; still retrying with backoff", waited,
                        outcomes.isEmpty() ? "none of " + describe(candidates) + " has answered yet" : outcomes);
                Duration next = after.multipliedBy(2);
                remind(joined, next.compareTo(MAX_REMINDER) > 0 ? MAX_REMINDER : next, startNanos);
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the peer is stopping: no more reminders
        }
    }

    private void report(JoinResult result) {
        if (result.newNetwork()) {
            if (history) {
                LOG.info("running alone, as before: no saved contacts and no bootstrap nodes given");
            } else {
                LOG.info("started a new network (no bootstrap nodes given)");
            }
            return;
        }
        node.contacts().thenAccept(contacts -> LOG.info("joined the network through {}: {} contacts, successor {}",
                through(contacts), result.contacts(), successor(result.successor())));
    }

    /**
     * Which candidate let us in. The node does not say; the first candidate now in the routing
     * table is the best guess, else all of them.
     */
    private String through(List<Contact> contacts) {
        return candidates.stream()
                .filter(a -> contacts.stream().anyMatch(c -> c.address().equals(a)))
                .findFirst()
                .map(AddressText::format)
                .orElseGet(() -> candidates.size() == 1 ? AddressText.format(candidates.get(0)) : "one of " + describe(candidates));
    }

    private static String successor(Optional<Contact> successor) {
        return successor.map(c -> c.id().shortHex() + " at " + AddressText.format(c.address())).orElse("not known yet");
    }

    private static String describe(List<InetSocketAddress> addresses) {
        String named = addresses.stream().limit(NAMED).map(AddressText::format).collect(Collectors.joining(", "));
        return addresses.size() <= NAMED ? named : named + " and " + (addresses.size() - NAMED) + " more";
    }
}
