/**
 * Signed records and the local store that holds them.
 *
 * <ul>
 *   <li>{@link io.kadring.storage.SignedRecord}: the record, its key, signing and signature check;
 *       {@link io.kadring.storage.Bep44}: the BEP 44 signing buffer, so a signature also
 *       verifies on the BitTorrent Mainline DHT.
 *   <li>{@link io.kadring.storage.RecordValidator}: the stateless acceptance rules;
 *       {@link io.kadring.storage.RejectReason}: why a record was refused, as one wire byte.
 *   <li>{@link io.kadring.storage.RecordStore}: the Caffeine-backed store (byte budget, per-record
 *       expiry, quotas) with {@link io.kadring.storage.StoreConfig},
 *       {@link io.kadring.storage.StoredRecord} and {@link io.kadring.storage.StoreOutcome}.
 * </ul>
 *
 * <p>Depends on crypto, routing and Caffeine only: never on overlay, Vert.x, sockets, threads,
 * files, the system clock or unseeded randomness (build-rules/forbidden-core.txt). Time comes in
 * from the caller: a {@code now} argument or the clock handed to the store.
 */
package io.kadring.storage;
