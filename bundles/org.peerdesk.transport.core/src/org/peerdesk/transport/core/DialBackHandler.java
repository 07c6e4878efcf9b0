package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Dials a peer back where this node reaches it, on its request ({@link DialBackWire}), and says whether that got
 * through: only there, so that no one can make this node dial anywhere else, and a few at a time.
 */
@Component(service = ProtocolHandler.class, property = {
        ProtocolHandler.PROTOCOL + "=" + DialBackWire.PROTOCOL, ProtocolHandler.ACCESS + "=trusted"})
public final class DialBackHandler implements ProtocolHandler {

    static final int AT_ONCE = 4;
    /** A dial that gets nowhere ends at the transport's connect timeout; this bounds what holds up a stuck one. */
    private static final Duration PROVEN_WITHIN = Duration.ofSeconds(60);

    private final TransportService transport;
    private final Semaphore dialing = new Semaphore(AT_ONCE);

    @Activate
    public DialBackHandler(@Reference TransportService transport) {
        this.transport = transport;
    }

    @Override
    public void handle(Stream stream) throws IOException, InvalidInputException, InterruptedException {
        DialBackWire.readAsk(new DataInputStream(stream.input()));
        DialBackWire.writeAnswer(new DataOutputStream(stream.output()), dialBack(stream));
    }

    private DialBackWire.Answer dialBack(Stream stream) throws InterruptedException {
        Optional<ConnectedPeer> direct = transport.directConnection(stream.peer());
        if (direct.isEmpty()) {
            return new DialBackWire.Answer(false, "it is reached through a relay, so there is no address to dial it back at");
        }
        if (!dialing.tryAcquire()) {
            return new DialBackWire.Answer(false, "it is dialing " + AT_ONCE + " peers back already");
        }
        try {
            transport.probe(stream.peer(), direct.get().address()).toCompletableFuture().get(PROVEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return new DialBackWire.Answer(true, "");
        } catch (ExecutionException e) {
            return new DialBackWire.Answer(false, e.getCause().getMessage());
        } catch (TimeoutException e) {
            return new DialBackWire.Answer(false, "no answer at " + direct.get().address() + " within " + PROVEN_WITHIN.toSeconds() + " s");
        } finally {
            dialing.release();
        }
    }
}
