/**
 * The peer's data directory: its identity, its saved contacts and the records it holds.
 * Files are replaced atomically (temporary file, fsync, rename); a file that cannot be read
 * back is reported and set aside as {@code <name>.corrupt-<n>}, so a bad file never stops a
 * restart. Deals in value types (identity, id, contact, signed record), never in the running node.
 * Of bootstrap it uses {@code text} only.
 */
package io.kadring.bootstrap.state;
