package org.peerdesk.testing.greeter;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;

/**
 * Keeps trying to read every connected peer's notes, and logs each change of outcome (refused and
 * why, reading, ended), so that system tests can follow access being granted and withdrawn.
 */
@Component(immediate = true, service = NotesReader.class)
public final class NotesReader {

    private static final ProtocolId PROTOCOL = ProtocolId.of(NotesServer.PROTOCOL_ID);
    private static final Logger LOG = System.getLogger(NotesReader.class.getName());

    private final TransportService transport;
    private final ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(Threads.daemon("greeter-notes"));
    private final ExecutorService readers = Executors.newCachedThreadPool(Threads.daemon("greeter-notes-reader"));
    private final Set<PeerId> reading = ConcurrentHashMap.newKeySet();
    private final Map<PeerId, String> lastRefusal = new ConcurrentHashMap<>();

    @Activate
    public NotesReader(@Reference TransportService transport) {
        this.transport = transport;
        attempts.scheduleWithFixedDelay(this::tryEveryPeer, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        attempts.shutdownNow();
        readers.shutdownNow();
    }

    private void tryEveryPeer() {
        for (ConnectedPeer peer : transport.connectedPeers()) {
            if (!reading.contains(peer.id())) {
                tryReading(peer.id());
            }
        }
    }

    private void tryReading(PeerId peer) {
        try {
            Stream stream = transport.openStream(peer, PROTOCOL).toCompletableFuture().get(10, TimeUnit.SECONDS);
            reading.add(peer);
            lastRefusal.remove(peer);
            LOG.log(Level.INFO, "Notes: reading from {0}", peer.shortForm());
            readers.execute(() -> read(peer, stream));
        } catch (ExecutionException e) {
            String reason = e.getCause().getMessage();
            if (!reason.equals(lastRefusal.put(peer, reason))) {
                LOG.log(Level.INFO, "Notes: {0} refused: {1}", peer.shortForm(), reason);
            }
        } catch (Exception e) {
            LOG.log(Level.INFO, "Notes: could not ask {0}: {1}", peer.shortForm(), e.toString());
        }
    }

    private void read(PeerId peer, Stream stream) {
        long received = 0;
        String end = "the peer closed it";
        try (stream; InputStream in = stream.input()) {
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0;) {
                received += n;
            }
        } catch (IOException e) {
            end = e.getMessage();
        } finally {
            LOG.log(Level.INFO, "Notes: the stream from {0} ended after {1} bytes: {2}", peer.shortForm(),
                    String.valueOf(received), end);
            reading.remove(peer);
        }
    }
}
