package org.peerdesk.backup.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics of the backup area; each event carries its record under {@link Topics#DATA}. */
public final class BackupTopics {

    public static final String ROOT = Topics.ROOT + "/backup";
    public static final String ALL = ROOT + "/*";
    /** A {@link BackupChanged}: a set was added or removed, or a run, verify, prune or restore ended. */
    public static final String BACKUP_CHANGED = ROOT + "/BackupChanged";
    /** A {@link HeldChanged}: what this node holds for other peers changed. */
    public static final String HELD_CHANGED = ROOT + "/HeldChanged";

    private BackupTopics() {
    }
}
