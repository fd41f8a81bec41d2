package io.kadring.bootstrap.state;

import java.io.IOException;

/** Another peer holds the data directory's lock; the message names the directory and that process. */
public final class DataDirInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    DataDirInUseException(String message) {
        super(message);
    }
}
