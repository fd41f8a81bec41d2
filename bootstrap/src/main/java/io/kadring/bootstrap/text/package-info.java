/**
 * The text forms of values that the command line and the admin API share, so both spell them
 * the same way: socket addresses ({@link io.kadring.bootstrap.text.AddressText}), keys as a user
 * types them ({@link io.kadring.bootstrap.text.KeyArgument}) and signed records as JSON
 * ({@link io.kadring.bootstrap.text.RecordJson}), and the one JSON idiom they use, Jackson trees
 * through one shared mapper ({@link io.kadring.bootstrap.text.Json}).
 *
 * <p>A leaf: it depends on the library modules' value types (and Jackson) only,
 * never on another {@code io.kadring.bootstrap} package, so every one of them may use it.
 */
package io.kadring.bootstrap.text;
