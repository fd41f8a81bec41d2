/**
 * Keys, signatures and hashes: {@link io.kadring.crypto.Identity} (an Ed25519 key pair on
 * BouncyCastle's low-level RFC 8032 code), {@link io.kadring.crypto.Hashes} (SHA-256) and
 * {@link io.kadring.crypto.IdentityFile} (a key pair at rest, owner-only).
 *
 * <p>Depends on the JDK and BouncyCastle only: no other kadring module, no Vert.x, no sockets
 * or threads, no system clock and no unseeded randomness (build-rules/forbidden-core.txt; the one
 * exception, {@code Identity.generate()}, is marked {@code @SuppressForbidden}). File IO is
 * confined to {@code IdentityFile}.
 */
package io.kadring.crypto;
