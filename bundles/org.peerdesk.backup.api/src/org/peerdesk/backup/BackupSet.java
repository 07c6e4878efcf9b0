package org.peerdesk.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * Folders backed up together to the same holders: each chunk on {@code copies} distinct holders, a
 * snapshot every {@code every} when scheduled, with the data of the {@link org.peerdesk.backup.spi.BackupSource sources}
 * named in {@code sources} (the conversations, say) beside the folders. {@code lastRun} and {@code lastProblem} tell how the
 * last run went; {@code lastCheck} and {@code checkProblem} how the last check of the holders' copies
 * did (a verification, asked for or made by the node itself every {@link #CHECK_EVERY}).
 */
public record BackupSet(String name, List<Path> folders, List<String> sources, List<PeerId> holders, int copies,
        Optional<Duration> every, Optional<Instant> lastRun, Optional<String> lastProblem, Optional<Instant> lastCheck, Optional<String> checkProblem) {

    /** How often the node makes the holders prove they still hold a set's copies, unasked. */
    public static final Duration CHECK_EVERY = Duration.ofDays(7);
    /** How soon a check that left something wrong (a holder offline, say) is made again. */
    public static final Duration CHECK_AGAIN = Duration.ofHours(1);
    /** How soon a scheduled run that failed (a holder had not granted storage yet, say) is tried again, at most. */
    public static final Duration RUN_AGAIN = Duration.ofHours(1);

    public BackupSet {
        Objects.requireNonNull(name, "name");
        folders = List.copyOf(folders);
        sources = List.copyOf(sources);
        holders = List.copyOf(holders);
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(lastProblem, "lastProblem");
        Objects.requireNonNull(lastCheck, "lastCheck");
        Objects.requireNonNull(checkProblem, "checkProblem");
    }

    /**
     * Whether the holders' copies are due to be checked: the set has been backed up, and not checked in {@link #CHECK_EVERY}
     * (in {@link #CHECK_AGAIN} when the last check left something wrong).
     */
    public boolean checkDue(Instant now) {
        Duration interval = checkProblem.isPresent() ? CHECK_AGAIN : CHECK_EVERY;
        return lastRun.isPresent() && lastCheck.map(checked -> !checked.plus(interval).isAfter(now)).orElse(true);
    }

    /**
     * When a scheduled set runs next: {@code every} after its last run ({@link #RUN_AGAIN} after one that
     * failed, where that is sooner), or at once if it never ran (a run waits for a holder to be online).
     * Empty for a set that runs only when asked.
     */
    public Optional<Instant> nextRun() {
        return every.map(interval -> lastRun.map(last -> last.plus(lastProblem.isPresent() && RUN_AGAIN.compareTo(interval) < 0
                ? RUN_AGAIN : interval)).orElse(Instant.EPOCH));
    }

    /**
     * Whether a scheduled set missed a whole run: it ran once, and a second interval has passed since it was
     * due again (its holders were offline, or its runs failed). A set that never ran is not behind: it runs
     * as soon as a holder is online.
     */
    public boolean behindSchedule(Instant now) {
        return lastRun.isPresent() && every.isPresent() && now.isAfter(lastRun.get().plus(every.get().multipliedBy(2)));
    }
}
