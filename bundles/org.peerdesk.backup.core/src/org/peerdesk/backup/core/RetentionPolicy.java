package org.peerdesk.backup.core;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.peerdesk.backup.Retention;
import org.peerdesk.backup.Snapshot;

/** Which snapshots a {@link Retention} keeps, by the calendar of the zone the user lives in. */
final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /** The IDs of the snapshots to keep; {@code newestFirst} must be sorted newest first. */
    static Set<String> kept(List<Snapshot> newestFirst, Retention retention, ZoneId zone) {
        Set<String> kept = new LinkedHashSet<>();
        newestFirst.stream().limit(retention.last()).forEach(snapshot -> kept.add(snapshot.id()));
        Set<LocalDate> days = new HashSet<>();
        Set<String> weeks = new HashSet<>();
        for (Snapshot snapshot : newestFirst) {
            LocalDate day = snapshot.time().atZone(zone).toLocalDate();
            if (days.size() < retention.daily() && days.add(day)) {
                kept.add(snapshot.id());
            }
            String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            if (weeks.size() < retention.weekly() && weeks.add(week)) {
                kept.add(snapshot.id());
            }
        }
        return kept;
    }
}
