/**
 * Keys, signatures and hashes: {@link io.kadring.crypto.Identity} (an Ed25519 key pair on
 * BouncyCastle's low-level RFC 8032 code), {@link io.kadring.crypto.Hashes} (SHA-256),
 * {@link io.kadring.crypto.KeyedDigest} (SipHash-2-4 under a secret key, for fingerprints and
 * tokens), {@link io.kadring.crypto.VerifiedSignatures} (a bounded memo of signature checks that
 * succeeded) and {@link io.kadring.crypto.IdentityFile} (a key pair at rest, owner-only).
 *
 * <p>Depends on the JDK and BouncyCastle only: no other kadring module, no Vert.x, no sockets,
 * no threads of its own, no system clock and no unseeded randomness (build-rules/forbidden-core.txt;
 * the one exception, {@code Identity.generate()}, is marked {@code @SuppressForbidden}). File IO is
 * confined to {@code IdentityFile}. The one piece of state shared across threads is
 * {@code VerifiedSignatures.shared()}, the JVM-wide memo every real node's checks go through: safe
 * for concurrent use, bounded, and holding only digests of checks that passed.
 */
package io.kadring.crypto;
