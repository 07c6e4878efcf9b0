package org.peerdesk.backup.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Health;
import org.peerdesk.backup.HeldBackup;
import org.peerdesk.backup.event.BackupTopics;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.Intervals;
import org.peerdesk.core.PeerId;

/**
 * Backups that failed, fell behind their schedule, or lack copies, a recovery phrase not yet
 * written down, and peers that proved they have the recovery phrase of backups held here for
 * another peer (its new machine, most likely, whose request for storage waits). A set's health
 * reads its whole catalog, and changes only when a run, verify or prune ends (each posts an
 * event), so it is kept until the next such event.
 */
@Component(service = {AttentionSource.class, EventHandler.class}, property = EventConstants.EVENT_TOPIC + "=" + BackupTopics.ALL)
public final class BackupAttention implements AttentionSource, EventHandler {

    private static final String VIEW = "org.peerdesk.backup.ui.part.backups";
    private static final String ACCESS_VIEW = "org.peerdesk.permissions.ui.part.access";
    private static final String PEERS_VIEW = "org.peerdesk.transport.ui.part.peers";

    private final BackupService backups;
    /** Guarded by itself, as is {@link #events}. */
    private final Map<String, Health> healths = new HashMap<>();
    /** Counts the events, so that a health read before one is not kept after it. */
    private long events;

    @Activate
    public BackupAttention(@Reference BackupService backups) {
        this.backups = backups;
    }

    @Override
    public void handleEvent(Event event) {
        synchronized (healths) {
            events++;
            healths.clear();
        }
    }

    @Override
    public String area() {
        return "backup";
    }

    @Override
    public List<Attention> attention() throws BackupException {
        List<Attention> waiting = new ArrayList<>();
        List<BackupSet> sets = backups.sets();
        Instant now = Instant.now();
        for (BackupSet set : sets) {
            String name = set.name();
            set.lastProblem().ifPresent(problem -> waiting.add(item("backup " + name + ": " + problem, "peerdesk backup list")));
            set.checkProblem().ifPresent(problem -> waiting.add(item("backup " + name + ": the last check of its copies found: " + problem,
                    "peerdesk backup verify " + name)));
            if (set.behindSchedule(now)) {
                waiting.add(item("backup " + name + " last ran " + Elapsed.since(set.lastRun().orElseThrow(), now) + ", though it is set to run "
                        + Intervals.every(set.every().orElseThrow()), "peerdesk backup run " + name));
            }
            Health health = health(name);
            int missing = health.underCopied() + health.lost();
            if (missing > 0) {
                waiting.add(item("backup " + name + ": " + Counts.of(missing, "chunk has", "chunks have") + " fewer copies than asked",
                        "peerdesk backup verify " + name));
            }
        }
        if (!sets.isEmpty() && !backups.recoveryPhraseNoted()) {
            waiting.add(item("the recovery phrase is not written down yet: without it, a lost machine's backups are lost too",
                    "peerdesk recovery phrase"));
        }
        List<PeerId> unnamed = backups.holdersMissingFromRecoveryFile();
        if (!unnamed.isEmpty()) {
            waiting.add(item("the recovery file you made does not name " + Counts.of(unnamed.size(), "holder") + " your backups use now ("
                    + unnamed.stream().map(PeerId::shortForm).collect(Collectors.joining(", ")) + "): make it again and keep the new one",
                    "peerdesk recovery file FILE"));
        }
        for (HeldBackup held : backups.held()) {
            held.claimants().forEach(claimant -> waiting.add(new Attention(area(), claimant.summary(held.name()), "peerdesk requests",
                    ACCESS_VIEW)));
            // by its full ID: the replaced node may have been granted storage by its ID alone, and then no name or ID start finds it
            held.replaced().forEach(replaced -> waiting.add(new Attention(area(), replaced.summary(held.name()),
                    "peerdesk forget " + replaced.peer(), PEERS_VIEW)));
        }
        return waiting;
    }

    private Health health(String set) throws BackupException {
        long before;
        synchronized (healths) {
            Health known = healths.get(set);
            if (known != null) {
                return known;
            }
            before = events;
        }
        Health read = backups.health(set);
        synchronized (healths) {
            if (events == before) {
                healths.put(set, read);
            }
        }
        return read;
    }

    private Attention item(String what, String command) {
        return new Attention(area(), what, command, VIEW);
    }
}
