package org.peerdesk.files.core;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.peerdesk.core.PeerId;

/** A connector that passes everything on to another; tests override what they make go wrong. */
class ForwardingConnector implements Connector {
    private final Connector direct;
    private final AtomicBoolean opened = new AtomicBoolean();

    ForwardingConnector(Connector direct) {
        this.direct = direct;
    }

    /** True the first time it is asked, false after: tests make the first stream go wrong. */
    boolean first() {
        return !opened.getAndSet(true);
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
