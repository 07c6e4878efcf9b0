package org.peerdesk.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This node's shares. Adding a share starts indexing it at once; a file watcher and periodic
 * rescans keep the index current. Removing a share forgets it and never touches its files.
 * Methods block on the database.
 */
@ProviderType
public interface ShareService {

    /**
     * The folder of the data directory that holds files attached to messages: the one place inside
     * the data directory that may be shared (it holds no keys), to the recipients of each message.
     */
    String ATTACHMENTS_FOLDER = "attachments";

    List<Share> shares() throws FilesException;

    Optional<Share> share(String name) throws FilesException;

    /** Shares {@code folder} under {@code name}; the folder must exist and not overlap another share. */
    Share add(String name, Path folder) throws FilesException;

    Share rename(String name, String newName) throws FilesException;

    /** Stops sharing: the index goes, the folder and its files stay as they are. */
    void remove(String name) throws FilesException;

    /** Brings the index up to date now and returns when it is (unchanged files are not hashed again). */
    Share rescan(String name) throws FilesException;

    /**
     * The share's ignore rules as its {@code .peerdeskignore} holds them, {@code .gitignore}-like, one pattern a line;
     * empty where it has none.
     */
    String ignoreRules(String name) throws FilesException;

    /**
     * Replaces the share's ignore rules (blank ones remove the file) and brings the index up to date with them: what
     * they leave out is no longer served, and what they let in again is indexed.
     */
    Share setIgnoreRules(String name, String rules) throws FilesException;

    /**
     * One page of a folder of a local share, as a peer would see it with read on the whole share: in the order of a
     * {@link RemoteListing}, after the entry that {@code after} marks ({@link FileEntry#pageMark}, empty for the first page).
     */
    List<FileEntry> list(String name, String path, String after, int limit) throws FilesException;
}
