package org.peerdesk.files.core;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Serves the files protocol. The transport lets in peers with read on some share; the server then
 * checks each request against the exact path.
 */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + FilesWire.PROTOCOL, ProtocolHandler.ACCESS + "=read@shares"})
public final class FilesHandler implements ProtocolHandler {

    private final FilesComponent files;

    @Activate
    public FilesHandler(@Reference FilesComponent files) {
        this.files = files;
    }

    @Override
    public void handle(Stream stream) throws IOException {
        files.serve(stream);
    }
}
