package io.kadring.bootstrap.admin;

/** A request the admin API refuses with 400; the message names the field and what was expected. */
final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
