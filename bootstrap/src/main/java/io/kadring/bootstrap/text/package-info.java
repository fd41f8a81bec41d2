/**
 * The text forms of values that the command line and the admin API share, so both spell them
 * the same way: socket addresses ({@link io.kadring.bootstrap.text.AddressText}), keys as a user
 * types them ({@link io.kadring.bootstrap.text.KeyArgument}) and signed records as JSON
 * ({@link io.kadring.bootstrap.text.RecordJson}).
 *
 * <p>A leaf: it depends on the library modules' value types (and Vert.x's JsonObject) only,
 * never on another {@code io.kadring.bootstrap} package, so every one of them may use it.
 */
package io.kadring.bootstrap.text;
