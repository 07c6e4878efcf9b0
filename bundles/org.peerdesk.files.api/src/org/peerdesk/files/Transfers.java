package org.peerdesk.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Downloads from and uploads to peers' shares. They run in the background, survive restarts of either side (verified
 * blocks are never fetched again) and post a {@code TransferChanged} event as they go.
 */
@ProviderType
public interface Transfers {

    /**
     * Fetches a file or folder ({@code share/path}) from the peer into {@code destination} (a
     * folder; the default is the node's downloads folder). Other connected peers holding the same
     * content serve blocks too.
     */
    Transfer download(PeerId peer, String remote, Optional<Path> destination) throws FilesException;

    /**
     * Sends a local file or folder into {@code remoteFolder} ({@code share} or {@code share/path}) of
     * the peer's share, where the peer granted this node write. The peer verifies every block, keeps
     * what it replaces in its share's trash, and resumes from the blocks it already has.
     */
    Transfer upload(Path local, PeerId peer, String remoteFolder) throws FilesException;

    List<Transfer> transfers() throws FilesException;

    /** One transfer as it stands now (a running one without reading the database). */
    Optional<Transfer> transfer(long id) throws FilesException;

    Transfer cancel(long id) throws FilesException;

    /** Starts a failed or cancelled transfer again, keeping what it already verified. */
    Transfer retry(long id) throws FilesException;

    /**
     * Takes a transfer that is not queued or running off the list. A download that did not finish
     * loses the partial files it kept for a retry, which frees their space.
     */
    Transfer remove(long id) throws FilesException;

    /** Takes the done and cancelled transfers off the list (as {@link #remove} each); how many went. */
    int clearFinished() throws FilesException;
}
