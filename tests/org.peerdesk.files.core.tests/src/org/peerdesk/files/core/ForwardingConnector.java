package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;

import org.peerdesk.core.PeerId;

/** A connector that passes everything on to another; tests override what they make go wrong. */
class ForwardingConnector implements Connector {
    private final Connector direct;

    ForwardingConnector(Connector direct) {
        this.direct = direct;
    }

    @Override
    public FilesClient open(PeerId peer) throws IOException {
        return direct.open(peer);
    }

    @Override
    public WriteClient openWrite(PeerId peer) throws IOException {
        return direct.openWrite(peer);
    }

    @Override
    public List<PeerId> connected() {
        return direct.connected();
    }
}
