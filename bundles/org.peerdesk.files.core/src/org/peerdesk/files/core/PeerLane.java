package org.peerdesk.files.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.peerdesk.core.PeerId;

/**
 * One stream to a peer that is reused for small file after small file; opened again when a problem
 * broke it. Several lanes share a queue of files and take a few at a time, asking for the small ones
 * among them at once.
 */
final class PeerLane implements FileFetch.Source {

    /** How many files a lane takes at a time, at most. */
    static final int FILES_PER_TURN = 8;

    private final Connector connector;
    private final PeerId peer;
    private final FilesClient borrowed;
    private FilesClient client;

    /** {@code borrowed} is a stream the caller owns and closes (null for none): the lane starts with it. */
    PeerLane(Connector connector, PeerId peer, FilesClient borrowed) {
        this.connector = connector;
        this.peer = peer;
        this.client = borrowed;
        this.borrowed = borrowed;
    }

    @Override
    public PeerId peer() {
        return peer;
    }

    @Override
    public FilesClient open() throws IOException {
        if (client == null || client.broken()) {
            client = connector.open(peer);
        }
        return client;
    }

    @Override
    public void release(FilesClient used) {
        // kept for the lane's next file
    }

    /**
     * The next files for one of {@code lanes} lanes to take from {@code queue}, of {@code total}: up to
     * {@value #FILES_PER_TURN}, fewer where that would leave lanes idle.
     */
    static <T> List<T> take(Queue<T> queue, int total, int lanes) {
        int count = Math.clamp(total / lanes, 1, FILES_PER_TURN);
        List<T> turn = new ArrayList<>(count);
        for (T next; turn.size() < count && (next = queue.poll()) != null;) {
            turn.add(next);
        }
        return turn;
    }

    /**
     * Asks ahead for those of {@code files} that fit in one request (see {@link FilesClient#requestAhead}).
     * If that fails, the stream is dropped: the first file fetched opens a new one, and meets the
     * problem if it lasts.
     */
    void requestAhead(String share, List<Manifest> files, FileFetch.Settings settings) {
        List<Manifest> small = files.stream().filter(file -> file.blocks() > 0 && FileFetch.oneRange(file, settings)).toList();
        if (small.isEmpty()) {
            return;
        }
        try {
            open().requestAhead(share, small);
        } catch (IOException e) {
            if (client != null) {
                client.abort();
            }
        }
    }

    /** Closes the stream the lane opened itself. */
    void closeOwn() {
        if (client != null && client != borrowed) {
            client.close();
        }
    }
}
