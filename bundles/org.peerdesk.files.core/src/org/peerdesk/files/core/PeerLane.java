package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;

/** One stream to a peer that is reused for small file after small file; opened again when a problem broke it. */
final class PeerLane implements FileFetch.Source {

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
     * Asks ahead for these small files (see {@link FilesClient#requestAhead}). If that fails, the
     * stream is dropped: the first file fetched opens a new one, and meets the problem if it lasts.
     */
    void requestAhead(String share, List<Manifest> files) {
        if (files.isEmpty()) {
            return;
        }
        try {
            open().requestAhead(share, files);
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
