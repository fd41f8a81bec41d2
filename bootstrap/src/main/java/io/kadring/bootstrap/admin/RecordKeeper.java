package io.kadring.bootstrap.admin;

import io.kadring.storage.SignedRecord;
import java.util.concurrent.CompletableFuture;

/** Where the admin API makes an acknowledged record durable before it answers. */
@FunctionalInterface
public interface RecordKeeper {
    /** Completes once {@code record} is on disk (forced); fails when it could not be saved. */
    CompletableFuture<Void> keep(SignedRecord record);
}
