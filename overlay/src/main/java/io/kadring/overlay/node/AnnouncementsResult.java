package io.kadring.overlay.node;

import io.kadring.routing.Id;
import io.kadring.storage.Announcement;
import java.util.List;

/**
 * What an announcements lookup found under {@code topic}: distinct announcers' entries (the
 * highest valid seq of each, in announcer key order), how many holders it asked and how many
 * answered, and what it cost.
 */
public record AnnouncementsResult(Id topic, List<Found> entries, int holdersAsked, int holdersAnswered,
                                  int messages, long durationMillis) {
    public AnnouncementsResult {
        entries = List.copyOf(entries);
    }

    /** One announcer's entry and the longest lifetime a holder said it has left. */
    public record Found(Announcement announcement, long remainingLifetimeMillis) {}
}
