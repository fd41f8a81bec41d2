package io.kadring.bootstrap.peer;

import io.kadring.bootstrap.state.RecordsFile;
import io.kadring.overlay.KadringNode;
import io.kadring.overlay.node.PutResult;
import io.kadring.routing.Id;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts saved records back at the k closest nodes after a restart, each with what remains of
 * its lifetime, and logs how it went: how many are held here again, how many elsewhere.
 */
final class RecordRestore {
    private static final Logger LOG = LoggerFactory.getLogger(RecordRestore.class);

    private final KadringNode node;
    private final List<RecordsFile.Saved> records;

    RecordRestore(KadringNode node, List<RecordsFile.Saved> records) {
        this.node = node;
        this.records = records;
    }

    /** Starts the puts; {@code notRunning} runs instead when the node is not bound yet (or stopping). */
    void run(Runnable notRunning) {
        long now = System.currentTimeMillis();
        List<CompletableFuture<PutResult>> puts = new ArrayList<>();
        int expired = 0;
        try {
            for (RecordsFile.Saved saved : records) {
                long remaining = saved.remainingMillis(now);
                if (remaining <= 0) {
                    expired++;
                } else {
                    puts.add(node.put(saved.record(), Duration.ofMillis(remaining)));
                }
            }
        } catch (IllegalStateException stopped) {
            if (puts.isEmpty()) notRunning.run();
            return;
        }
        int expiredMeanwhile = expired;
        Id self = node.id();
        CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
            int here = 0;
            int elsewhere = 0;
            int failed = 0;
            for (CompletableFuture<PutResult> put : puts) {
                if (put.isCompletedExceptionally()) {
                    failed++;
                    continue;
                }
                PutResult result = put.join();
                boolean storedHere = result.outcomes().stream().anyMatch(o -> o.holder().id().equals(self)
                        && o.status() == PutResult.Status.STORED);
                if (storedHere) here++;
                if (result.stored() > (storedHere ? 1 : 0)) elsewhere++;
            }
            LOG.info("restored {} saved record{}: {} held here again, {} stored at other nodes{}{}", puts.size(),
                    puts.size() == 1 ? "" : "s", here, elsewhere,
                    expiredMeanwhile == 0 ? "" : "; " + expiredMeanwhile + " expired before they could be restored",
                    failed == 0 ? "" : "; " + failed + " could not be put back");
        });
    }
}
