package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.spi.ProtocolHandler;

/** Tells a trusted peer where the peers it asks about were last reached from here ({@link Whereabouts}). */
@Component(service = ProtocolHandler.class,
        property = { ProtocolHandler.PROTOCOL + "=" + Whereabouts.PROTOCOL_ID, ProtocolHandler.ACCESS + "=trusted" })
public final class WhereaboutsHandler implements ProtocolHandler {

    private final PeerDirectory directory;

    @Activate
    public WhereaboutsHandler(@Reference PeerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void handle(Stream stream) throws IOException, InvalidInputException, TransportException {
        List<PeerId> asked = Whereabouts.readQuestion(new DataInputStream(stream.input()));
        Whereabouts.writeAnswer(new DataOutputStream(stream.output()), Whereabouts.answer(stream.peer(), asked, directory.peers()));
        stream.output().close();
    }
}
