package org.peerdesk.testing.greeter;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.service.component.annotations.Component;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * A protocol that needs a grant: it serves the "notes" share to peers with {@code read} on it,
 * a kilobyte every tenth of a second for as long as the stream stays open, so a test can watch
 * a revocation cut it off.
 */
@Component(service = ProtocolHandler.class, property = {
    ProtocolHandler.PROTOCOL + "=" + NotesServer.PROTOCOL_ID,
    ProtocolHandler.ACCESS + "=read@notes"})
public final class NotesServer implements ProtocolHandler {

    static final String PROTOCOL_ID = "/peerdesk-test/notes/1";
    private static final Logger LOG = System.getLogger(NotesServer.class.getName());

    @Override
    public void handle(Stream stream) throws InterruptedException {
        OutputStream out = stream.output();
        long sent = 0;
        try {
            while (true) {
                out.write(new byte[1024]);
                out.flush();
                sent += 1024;
                Thread.sleep(100);
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "Notes: served {0} bytes to {1} until the stream closed", String.valueOf(sent),
                    stream.peer().shortForm());
        }
    }
}
