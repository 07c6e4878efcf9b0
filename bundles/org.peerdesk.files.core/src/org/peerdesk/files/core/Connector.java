package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;

/** Streams of the files protocol to peers, as the transfers and the remote browser need them. */
interface Connector {

    /** A new stream to a connected peer; an IOException that says why when it is not connected or refuses. */
    FilesClient open(PeerId peer) throws IOException;

    /** A new stream of the write protocol ({@value WriteWire#PROTOCOL}) to a connected peer. */
    WriteClient openWrite(PeerId peer) throws IOException;

    List<PeerId> connected();

    /** How the user knows the peer, for what is said about it: its name, or its ID's short form. */
    default String nameOf(PeerId peer) {
        return peer.shortForm();
    }

    /** The peer as a source of blocks: a new stream for each worker. */
    default FileFetch.Source source(PeerId peer) {
        return new FileFetch.Source() {
            @Override
            public PeerId peer() {
                return peer;
            }

            @Override
            public FilesClient open() throws IOException {
                return Connector.this.open(peer);
            }
        };
    }
}
