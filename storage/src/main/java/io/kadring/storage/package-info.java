/**
 * Signed records and their rules: {@link io.kadring.storage.SignedRecord} (the record, its key,
 * signing and signature check) and {@link io.kadring.storage.Bep44} (the BEP 44 signing buffer,
 * so a signature also verifies on the BitTorrent Mainline DHT).
 *
 * <p>Depends on crypto, routing and Caffeine only: never on overlay, Vert.x, sockets, threads,
 * files, the system clock or unseeded randomness (build-rules/forbidden-core.txt). Time comes in
 * from the caller.
 */
package io.kadring.storage;
