package org.peerdesk.files;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Two-way sync of a share with the same-named share of a peer, where both granted each other write.
 * Changes go both ways; a file changed on both sides keeps both versions (a {@link Conflict});
 * whatever a peer deletes or replaces here goes to the share's {@code .peerdesk/trash} folder, kept
 * for {@link #trashKeep()}. Methods block on the database.
 */
@ProviderType
public interface SyncService {

    Duration DEFAULT_TRASH_KEEP = Duration.ofDays(30);
    /** The most files {@link #trash} lists. */
    int TRASH_LISTED = 10_000;

    List<SyncPair> pairs() throws FilesException;

    /** The peers that synced a share with this node in the last few minutes while this node does not sync it with them. */
    List<SyncFromHere> syncingFromHere() throws FilesException;

    /** Starts keeping the whole of {@code share} in sync with the peer (a first round starts at once). */
    default SyncPair sync(String share, PeerId peer) throws FilesException {
        return sync(share, peer, List.of());
    }

    /**
     * Starts keeping {@code folders} of {@code share} (paths in it, at most 100; none, the whole share) in sync
     * with the peer, or changes which folders an existing pair keeps. What lies outside them is neither fetched
     * nor removed here, as if ignored; the peer's side is its own to choose.
     */
    SyncPair sync(String share, PeerId peer, List<String> folders) throws FilesException;

    /** Stops syncing; both sides keep their files as they are. */
    void stop(String share, PeerId peer) throws FilesException;

    /**
     * Pauses the pair: no round takes the peer's changes in until it is resumed (a round under way ends first).
     * What the pair agreed on is kept, so resuming takes up only what changed since, where stopping and syncing
     * again would compare everything anew. The peer may still take this node's changes, as its grant allows.
     */
    SyncPair pause(String share, PeerId peer) throws FilesException;

    /** Resumes a paused pair; a round starts at once. */
    SyncPair resume(String share, PeerId peer) throws FilesException;

    /** The conflicts not yet resolved, newest first. */
    List<Conflict> conflicts() throws FilesException;

    /**
     * Makes the choice for a conflict; whatever it replaces goes to the share's trash.
     *
     * @throws FilesException for a conflict not listed, a version gone, or a merge that cannot be made (no merger takes
     *                        the file, or the one that does refuses these two); nothing is changed then
     */
    void resolve(long conflictId, Conflict.Choice choice) throws FilesException;

    /**
     * The lines that differ between a conflict's original and its kept copy, as a unified diff (empty when
     * they have the same lines), so the user can choose knowing what each holds.
     *
     * @throws FilesException if either is gone, is not text, is too large, or the two differ in too many lines
     */
    String compare(long conflictId) throws FilesException;

    Duration trashKeep() throws FilesException;

    void setTrashKeep(Duration keep) throws FilesException;

    /**
     * What the trash of {@code share} keeps, the newest day first, then by path; at most {@link #TRASH_LISTED}
     * files (the oldest beyond that are left out).
     */
    List<TrashedFile> trash(String share) throws FilesException;

    /**
     * Puts the file the trash of {@code share} keeps as {@code kept} on {@code day} back at the path it came from,
     * where peers it syncs with get it again; a file there now goes to the trash in its place, so nothing is
     * lost. Returns the path it went back to. Throws with a message for the user for one not kept, a folder in
     * its place, or a name that leaves the trash.
     */
    String restoreFromTrash(String share, LocalDate day, String kept) throws FilesException;
}
