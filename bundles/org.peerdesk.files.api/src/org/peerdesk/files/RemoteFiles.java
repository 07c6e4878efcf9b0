package org.peerdesk.files;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/** Browsing the shares of connected peers, as far as their grants reach. Methods block on the network. */
@ProviderType
public interface RemoteFiles {

    int MAX_PAGE = 1000;
    /** The most words a search may have, and the longest text. */
    int MAX_SEARCH_WORDS = 8;
    int MAX_SEARCH_CHARS = 200;

    /** The names of the peer's shares that this node may read at least part of. */
    List<String> shares(PeerId peer) throws FilesException;

    /**
     * One page of a folder ({@code share} or {@code share/path}) in the peer's share, after the entry that
     * {@code after} marks (a listing's {@link RemoteListing#next}, or an entry's {@link FileEntry#pageMark}; empty for
     * the first page), at most {@code limit} entries.
     */
    RemoteListing list(PeerId peer, String folder, String after, int limit) throws FilesException;

    /**
     * The files and folders in any of the peer's shares this node may read whose names hold every word
     * of {@code text} (case does not matter), at most {@code limit} of them ({@link #MAX_PAGE} at most).
     */
    RemoteMatches find(PeerId peer, String text, int limit) throws FilesException;
}
