package io.kadring.storage;

/**
 * An announcement as a holder keeps it: until when, and since when (its latest announce).
 * Times are on the holder's clock.
 */
public record HeldAnnouncement(Announcement announcement, long expiresAt, long receivedAt) {
    /** Milliseconds it has left at {@code now}; 0 once expired. */
    public long remainingLifetime(long now) {
        return Math.max(0, expiresAt - now);
    }

    public boolean isExpired(long now) {
        return now >= expiresAt;
    }
}
