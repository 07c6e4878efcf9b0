package org.peerdesk.files.core;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Serves the write protocol (uploads and sync notices). The transport lets in peers with write on some
 * share; the writer then checks each file against the exact path.
 */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + WriteWire.PROTOCOL, ProtocolHandler.ACCESS + "=write@shares"})
public final class WriteHandler implements ProtocolHandler {

    private final FilesComponent files;

    @Activate
    public WriteHandler(@Reference FilesComponent files) {
        this.files = files;
    }

    @Override
    public void handle(Stream stream) throws IOException {
        files.serveWrite(stream);
    }
}
