package io.kadring.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** {@code --log-level}: how much the {@code io.kadring} loggers say. */
enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, OFF;

    /** Sets the level of every {@code io.kadring} logger (Logback is this module's SLF4J binding). */
    void apply() {
        if (LoggerFactory.getLogger("io.kadring") instanceof Logger logger) {
            logger.setLevel(Level.toLevel(name()));
        }
    }
}
