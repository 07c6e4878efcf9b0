package org.peerdesk.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Backs up folders to peers: content-defined chunks, deduplicated across files, snapshots and sets,
 * encrypted on this machine before they leave, each on several holders that granted
 * {@code store-backup}. Snapshots are listed, compared, restored and pruned here; a recovery phrase
 * brings them back on a new machine. The same service holds other peers' backups within the quotas
 * this node granted.
 *
 * <p>Every method may block on disk and network: call it from a thread of its own (a Job in the
 * desktop), never the UI thread.
 */
@ProviderType
public interface BackupService {

    int DEFAULT_COPIES = 2;
    int MAX_COPIES = 8;
    /** How many words a recovery phrase has. */
    int RECOVERY_PHRASE_WORDS = 24;
    /** A snapshot may be named by this word instead of its ID. */
    String LATEST = "latest";
    /**
     * The source that keeps the node itself in a set's snapshots: its identity, the peers it knows and the grants it gave,
     * so that a node recovered on a new machine can take its place ({@link #takeOver}).
     */
    String NODE_SOURCE = "node";

    List<BackupSet> sets() throws BackupException;

    Optional<BackupSet> set(String name) throws BackupException;

    /**
     * Adds (or, for a name in use, changes) a set; a set changed keeps the sources it took.
     *
     * @throws BackupException for a folder that does not exist, no holders, fewer holders than copies
     */
    default BackupSet addSet(String name, List<Path> folders, List<PeerId> holders, int copies, Optional<Duration> every)
            throws BackupException {
        return addSet(name, folders, set(name).map(BackupSet::sources).orElse(List.of()), holders, copies, every);
    }

    /**
     * Adds (or, for a name in use, changes) a set that also keeps the data of the {@code sources} named (see
     * {@link #sources()}).
     *
     * @throws BackupException as the form without sources does, and for a source not installed here
     */
    BackupSet addSet(String name, List<Path> folders, List<String> sources, List<PeerId> holders, int copies, Optional<Duration> every)
            throws BackupException;

    /** The sources of data of their own that areas and plugins here offer to back up: each one's name, and what it keeps. */
    SortedMap<String, String> sources();

    /**
     * Asks each of the set's holders whether it will store this node's backup and how much room its
     * grant leaves, so that a holder without the grant is known when the set is added, not at its
     * first run. Holders that are offline, or do not answer within seconds, are said to be so.
     */
    List<HolderAnswer> askHolders(String set) throws BackupException;

    /** Forgets the set here; its snapshots stay with the holders until pruned. */
    void removeSet(String name) throws BackupException;

    /** Makes a snapshot of the set now; returns it once every chunk it needs is held. */
    Snapshot run(String set, BackupProgress progress) throws BackupException;

    /** The set's snapshots, newest first. */
    List<Snapshot> snapshots(String set) throws BackupException;

    /**
     * The entries directly inside {@code folder} ("" for the top) of a snapshot, folders first, then files, each by name as
     * people sort names (numbers by value); a path that names a file gives that file alone, one that names nothing fails.
     */
    List<SnapshotEntry> list(String set, String snapshot, String folder) throws BackupException;

    SnapshotDiff diff(String set, String from, String to) throws BackupException;

    /**
     * Restores a snapshot, or the file or folder at {@code path} in it ("" for all), into
     * {@code target} with the names, modes and times it had. Existing files there are replaced only
     * once their new content is complete.
     */
    RestoreResult restore(String set, String snapshot, String path, Path target, BackupProgress progress) throws BackupException;

    /**
     * Removes the snapshots the retention does not keep, then every chunk no snapshot needs. Holders keep what is deleted
     * for a while ({@link #keepDeleted()} on theirs), and {@link #undelete} brings it back meanwhile.
     */
    PruneResult prune(String set, Retention retention) throws BackupException;

    /**
     * Brings back every snapshot this node deleted (a prune) that its holders still keep, with what those snapshots need,
     * into its quota with each holder again; a set removed since comes back with them. Holders offline are not asked, and
     * keep what they keep until asked again.
     *
     * @throws BackupException where no holder is online, or this node never backed anything up
     */
    Undeleted undelete(BackupProgress progress) throws BackupException;

    /**
     * Asks each holder to prove it holds the set's chunks (a hash over the stored bytes with a
     * fresh nonce), and makes missing or corrupt copies again from a good one.
     */
    VerifyReport verify(String set, BackupProgress progress) throws BackupException;

    Health health(String set) throws BackupException;

    /** The words that recover every set on a new machine; keep them away from this one. */
    String recoveryPhrase() throws BackupException;

    /**
     * Whether the user said they wrote the {@link #recoveryPhrase} down (or recovered with it); until
     * then a program that shows backups reminds them, since a lost machine takes its backups along
     * without it.
     */
    boolean recoveryPhraseNoted() throws BackupException;

    /** Records that the user wrote the recovery phrase down. */
    void noteRecoveryPhrase() throws BackupException;

    /**
     * Checks that {@code phrase} is a recovery phrase (its words and their checksum) without
     * recovering anything, so that a form can say which word is wrong before a recovery starts.
     *
     * @throws BackupException saying which word is not a recovery word, or that the checksum fails
     */
    void checkRecoveryPhrase(String phrase) throws BackupException;

    /**
     * The recovery file: the holders of every set, with where each was last reached, sealed so that only the recovery
     * phrase opens it. Kept with the phrase, it lets a new node reach holders on other networks.
     *
     * @throws BackupException where there is no set, hence no holder to name
     */
    String recoveryFile() throws BackupException;

    /**
     * Notes that the user keeps the recovery file {@link #recoveryFile()} just gave (it was saved): the holders it names,
     * so that holders added later are said to be missing from it.
     */
    void recoveryFileKept() throws BackupException;

    /**
     * The holders the sets use that the last recovery file kept does not name (sets or holders added since): a new node
     * given that file would not reach them first. None when no recovery file was kept, or it names them all.
     */
    List<PeerId> holdersMissingFromRecoveryFile() throws BackupException;

    /**
     * On a new node: finds the holders of the backup the phrase belongs to among the connected peers, those the recovery
     * file names ({@code recoveryFile}, its text, where the user gives one), the holders their snapshots name, and failing
     * those the peers heard on the local network; makes its sets and snapshots this node's and its holders known peers.
     *
     * @throws BackupException for a phrase that is not one (a clear message saying which word), a recovery file made
     *         with another phrase or damaged, or when no peer reached holds anything for it
     */
    Recovered recover(String phrase, Optional<String> recoveryFile, BackupProgress progress) throws BackupException;

    /**
     * The node whose place this one can take: the one kept in the newest snapshot, among each set's latest, that keeps a
     * node other than this one ({@link #NODE_SOURCE}); empty when none does. Reads it from the holders.
     */
    Optional<KeptNode> keptNode() throws BackupException;

    /**
     * Takes the place of the node {@link #keptNode} names, once its machine is lost: this node knows the peers it knew
     * (and blocks those it blocked), gives the grants it gave, and from its next start has its identity (its peer ID,
     * key and name), so that its peers and holders know it again and what they kept for it reaches it; this node's own
     * identity is set aside in the data directory then. {@code passphrase} opens the lost node's key where one protects
     * it (the array is cleared afterwards).
     *
     * @throws BackupException when no snapshot keeps another node, the holders cannot be reached, or the key is
     *         protected and the passphrase is absent or wrong; nothing changes then
     */
    KeptNode takeOver(Optional<char[]> passphrase) throws BackupException;

    /** What this node holds for other peers. */
    List<HeldBackup> held() throws BackupException;

    /** How long data stays here after its owner's store-backup grant ended. */
    Duration removalGrace() throws BackupException;

    void setRemovalGrace(Duration grace) throws BackupException;

    /**
     * How long what owners delete of their backups here stays on this node's disk, out of their sight (and their quota, up to
     * its size: beyond, it counts), before it
     * goes for good: a recovery in that time brings it back (see {@link HeldBackup#keptDeleted}), should the deletion have
     * come from the owner's machine taken over (ransomware, a thief). Zero frees it at once.
     */
    Duration keepDeleted() throws BackupException;

    void setKeepDeleted(Duration keep) throws BackupException;
}
