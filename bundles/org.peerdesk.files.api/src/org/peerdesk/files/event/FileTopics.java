package org.peerdesk.files.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics of the file-sharing area; each event carries its record under {@link Topics#DATA}. */
public final class FileTopics {

    public static final String ROOT = Topics.ROOT + "/files";
    public static final String ALL = ROOT + "/*";
    /** A {@link SharesChanged}: a share was added, renamed, removed or re-indexed. */
    public static final String SHARES_CHANGED = ROOT + "/SharesChanged";
    /** A {@link TransferChanged}: a transfer started, moved on, or ended. */
    public static final String TRANSFER_CHANGED = ROOT + "/TransferChanged";
    /** A {@link TransferRemoved}: a transfer was taken off the list. */
    public static final String TRANSFER_REMOVED = ROOT + "/TransferRemoved";

    /** A {@link SyncChanged}: a sync pair started, stopped, finished a round, or found a conflict. */
    public static final String SYNC_CHANGED = ROOT + "/SyncChanged";

    private FileTopics() {
    }
}
