package io.kadring.overlay.node;

import io.kadring.routing.Id;
import io.kadring.storage.SignedRecord;
import java.util.Optional;

/**
 * What a get found: the valid record with the highest seq (empty when no node had one),
 * how many answers carried that seq, and what the lookup cost.
 */
public record GetResult(Id key, Optional<SignedRecord> record, int agreeing, int hops, int messages,
                        long durationMillis) {}
