package org.peerdesk.files;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/** Browsing the shares of connected peers, as far as their grants reach. Methods block on the network. */
@ProviderType
public interface RemoteFiles {

    int MAX_PAGE = 1000;

    /** The names of the peer's shares that this node may read at least part of. */
    List<String> shares(PeerId peer) throws FilesException;

    /**
     * One page of a folder ({@code share} or {@code share/path}) in the peer's share, after the
     * entry named {@code after} (empty for the first page), at most {@code limit} entries.
     */
    RemoteListing list(PeerId peer, String folder, String after, int limit) throws FilesException;
}
