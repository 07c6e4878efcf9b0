package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;

/** Streams of the files protocol to peers, as the transfers and the remote browser need them. */
interface Connector {

    /** A new stream to a connected peer; an IOException that says why when it is not connected or refuses. */
    FilesClient open(PeerId peer) throws IOException;

    List<PeerId> connected();
}
