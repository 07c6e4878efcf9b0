package org.peerdesk.files.ui;

import java.util.ArrayList;
import java.util.List;

import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.files.RemoteMatches;

/**
 * Reads from a peer what lies below a row of the Remote browser: a peer's shares, a folder's first page, or the
 * page after a {@link RemoteItem.More}; and searches peers' shares by name. It blocks on the network, so call it
 * off the UI thread.
 */
final class RemoteFolders {

    /** Enough to pick from; more asks for another word. */
    private static final int FOUND_PER_PEER = 200;

    private final RemoteFiles remote;

    RemoteFolders(RemoteFiles remote) {
        this.remote = remote;
    }

    List<RemoteItem> below(RemoteItem item) throws FilesException {
        return switch (item) {
            case RemoteItem.Peer peer -> shares(peer);
            case RemoteItem.Entry folder -> page(folder, "", 0);
            case RemoteItem.More more -> page(more.folder(), more.after(), more.shown());
            case RemoteItem.Found found -> List.of(); // a search's row: never opened
            case RemoteItem.Note note -> List.of();
            case RemoteItem.Unshared unshared -> List.of();
        };
    }

    /**
     * The files and folders whose names hold every word of {@code text} in what each of {@code peers} shares
     * with this node; a peer that cannot be searched, or has more than are shown, gets a note saying so.
     */
    List<RemoteItem> find(List<RemoteItem.Peer> peers, String text) {
        List<RemoteItem> rows = new ArrayList<>();
        for (RemoteItem.Peer peer : peers) {
            try {
                RemoteMatches found = remote.find(peer.id(), text, FOUND_PER_PEER);
                found.matches().forEach(match -> rows.add(RemoteItem.Found.of(peer, match)));
                if (found.more()) {
                    rows.add(new RemoteItem.Note(null, peer.displayName() + " has more that match: add a word to narrow it down."));
                }
            } catch (FilesException e) {
                rows.add(new RemoteItem.Note(null, peer.displayName() + " could not be searched: " + e.getMessage()));
            }
        }
        return rows;
    }

    private List<RemoteItem> shares(RemoteItem.Peer peer) throws FilesException {
        List<String> names = remote.shares(peer.id());
        if (names.isEmpty()) {
            return List.of(new RemoteItem.Unshared(peer));
        }
        return names.stream().<RemoteItem>map(name -> RemoteItem.Entry.share(peer.id(), name)).toList();
    }

    private List<RemoteItem> page(RemoteItem.Entry folder, String after, int shown) throws FilesException {
        RemoteListing listing = remote.list(folder.peer(), folder.path(), after, RemoteFiles.MAX_PAGE);
        List<RemoteItem> rows = new ArrayList<>();
        listing.entries().forEach(entry -> rows.add(RemoteItem.Entry.in(folder.peer(), folder.path(), entry)));
        listing.next().ifPresent(next -> rows.add(new RemoteItem.More(folder, next, shown + listing.entries().size())));
        if (rows.isEmpty() && after.isEmpty()) {
            rows.add(new RemoteItem.Note(folder, "Empty, or nothing in it is shared with you."));
        }
        return rows;
    }
}
