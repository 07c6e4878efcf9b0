package org.peerdesk.files.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.peerdesk.core.PeerId;

/**
 * What the Remote browser's tree shows: the connected peers at the top, and below each row what was read from
 * its peer. A row's rows are read once, when it is first opened (a "Reading..." note stands in meanwhile), and
 * kept until the user refreshes or the peer goes away. Call on the UI thread.
 */
final class RemoteTreeContent implements ITreeContentProvider {

    /** Reads the rows below an item off the UI thread; {@code done} gets them, or why they cannot be read, on it. */
    interface Reader {
        void read(RemoteItem item, BiConsumer<List<RemoteItem>, String> done);
    }

    private final Reader reader;
    private final Consumer<RemoteItem> changed;
    private final Map<RemoteItem, List<RemoteItem>> below = new HashMap<>();
    private List<RemoteItem.Peer> peers = List.of();
    /** What a search found, shown in place of the peers; null while browsing. */
    private List<RemoteItem> found;

    /** {@code changed} is told which row's rows arrived, to refresh it in the viewer. */
    RemoteTreeContent(Reader reader, Consumer<RemoteItem> changed) {
        this.reader = reader;
        this.changed = changed;
    }

    /** The peers connected now; what was read from the others is forgotten. */
    void peers(List<RemoteItem.Peer> connected) {
        peers = List.copyOf(connected);
        Set<PeerId> ids = peers.stream().map(RemoteItem.Peer::id).collect(Collectors.toSet());
        below.keySet().removeIf(item -> !ids.contains(peerOf(item)));
    }

    /** The row of a connected peer. */
    Optional<RemoteItem.Peer> peer(PeerId id) {
        return peers.stream().filter(peer -> peer.id().equals(id)).findFirst();
    }

    /** Forgets what was read from {@code peer}, so its open rows are read again (what it lets this node see changed). */
    void forget(PeerId peer) {
        below.keySet().removeIf(item -> peerOf(item).equals(peer));
    }

    /** Forgets everything read, so rows are read again as they are opened. */
    void forget() {
        below.clear();
    }

    /** Shows what a search found (and notes about it) in place of the peers; empty for nothing found. */
    void showFound(List<RemoteItem> rows) {
        found = List.copyOf(rows);
    }

    /** Shows the peers again, with what was read from them. */
    void browse() {
        found = null;
    }

    /** Reads the next page of a long folder and puts it in place of {@code more}. */
    void showMore(RemoteItem.More more) {
        List<RemoteItem> rows = below.get(more.folder());
        if (rows == null || !rows.contains(more)) {
            return;
        }
        List<RemoteItem> reading = new ArrayList<>(rows);
        reading.set(reading.indexOf(more), new RemoteItem.Note(more, "Reading..."));
        below.put(more.folder(), reading);
        changed.accept(more.folder());
        reader.read(more, (page, error) -> {
            List<RemoteItem> now = below.get(more.folder());
            if (now == null) {
                return; // forgotten meanwhile
            }
            List<RemoteItem> replaced = new ArrayList<>(now);
            int at = replaced.indexOf(new RemoteItem.Note(more, "Reading..."));
            if (at >= 0) {
                replaced.remove(at);
                replaced.addAll(at, error == null ? page : List.of(new RemoteItem.Note(more, error)));
                below.put(more.folder(), replaced);
                changed.accept(more.folder());
            }
        });
    }

    @Override
    public Object[] getElements(Object input) {
        if (found != null) {
            return found.isEmpty()
                    ? new Object[] {new RemoteItem.Note(null, "No names hold all of those words in what connected peers share with you.")}
                    : found.toArray();
        }
        return peers.isEmpty()
                ? new Object[] {new RemoteItem.Note(null, "No peer is connected. Connect to one in the Peers view; it shows here.")}
                : peers.toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        RemoteItem item = (RemoteItem) parent;
        List<RemoteItem> rows = below.get(item);
        if (rows == null) {
            rows = List.of(new RemoteItem.Note(item, "Reading..."));
            below.put(item, rows);
            reader.read(item, (read, error) -> {
                if (below.containsKey(item)) {
                    below.put(item, error == null ? read : List.of(new RemoteItem.Note(item, error)));
                    changed.accept(item);
                }
            });
        }
        return rows.toArray();
    }

    @Override
    public Object getParent(Object element) {
        return switch ((RemoteItem) element) {
            case RemoteItem.Note note -> note.under();
            case RemoteItem.Unshared unshared -> unshared.peer();
            case RemoteItem.More more -> more.folder();
            default -> null; // not needed: the tree is only ever opened from the top
        };
    }

    @Override
    public boolean hasChildren(Object element) {
        return ((RemoteItem) element).opens();
    }

    /** The peer whose data a row of {@link #below} holds. */
    private static PeerId peerOf(RemoteItem item) {
        return switch (item) {
            case RemoteItem.Peer peer -> peer.id();
            case RemoteItem.Entry entry -> entry.peer();
            case RemoteItem.Found found -> found.entry().peer();
            case RemoteItem.More more -> more.folder().peer();
            case RemoteItem.Note note -> note.under() == null ? null : peerOf(note.under());
            case RemoteItem.Unshared unshared -> unshared.peer().id();
        };
    }
}
