package org.peerdesk.transport.netty;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Both ends of the relay protocol ({@link RelayWire}) on a node: as the relay, it carries a peer's connection to
 * another peer it is connected to directly, byte for byte, at most {@value #MOST_CIRCUITS} at once; as the peer
 * reached, it takes the connection that comes through a relay as it takes one over the network.
 */
final class RelayHandler implements ProtocolHandler {

    static final int MOST_CIRCUITS = 16;
    private static final Logger LOG = System.getLogger(RelayHandler.class.getName());
    private static final long ONWARD_SECONDS = 15;

    private final NettyTransport transport;
    private final PeerId self;
    private final Executor threads;
    private final BooleanSupplier relaysForPeers;
    private final AtomicInteger circuits = new AtomicInteger();

    /** {@code relaysForPeers} says, at each request, whether this node's user lets it carry connections for others. */
    RelayHandler(NettyTransport transport, PeerId self, Executor threads, BooleanSupplier relaysForPeers) {
        this.transport = transport;
        this.self = self;
        this.threads = threads;
        this.relaysForPeers = relaysForPeers;
    }

    @Override
    public void handle(Stream stream) throws Exception {
        DataOutputStream answer = new DataOutputStream(stream.output());
        RelayWire.Request request = RelayWire.readRequest(new DataInputStream(stream.input()));
        if (request.kind() == RelayWire.INCOMING) {
            transport.acceptRelayed(stream, request.peer(), answer);
        } else {
            carry(stream, request.peer(), answer);
        }
    }

    private void carry(Stream asker, PeerId target, DataOutputStream answer) throws IOException, InterruptedException {
        Optional<String> refusal = refusal(asker.peer(), target);
        if (refusal.isPresent()) {
            RelayWire.writeAnswer(answer, refusal);
            return;
        }
        if (circuits.incrementAndGet() > MOST_CIRCUITS) {
            circuits.decrementAndGet();
            RelayWire.writeAnswer(answer, Optional.of("this node relays " + MOST_CIRCUITS + " connections already"));
            return;
        }
        try (Stream onward = transport.openStream(target, RelayWire.ID).toCompletableFuture().get(ONWARD_SECONDS, TimeUnit.SECONDS)) {
            RelayWire.writeRequest(new DataOutputStream(onward.output()), RelayWire.INCOMING, asker.peer());
            Optional<String> theirs = RelayWire.readAnswer(new DataInputStream(onward.input()));
            RelayWire.writeAnswer(answer, theirs.map(reason -> target.shortForm() + " refused: " + reason));
            if (theirs.isEmpty()) {
                LOG.log(Level.INFO, "Relaying a connection from {0} to {1}", asker.peer().shortForm(), target.shortForm());
                both(asker, onward);
                LOG.log(Level.INFO, "Relayed connection from {0} to {1} ended", asker.peer().shortForm(), target.shortForm());
            }
        } catch (ExecutionException | TimeoutException e) {
            RelayWire.writeAnswer(answer, Optional.of("could not reach " + target.shortForm() + ": "
                    + (e.getCause() == null ? "no answer in time" : e.getCause().getMessage())));
        } finally {
            circuits.decrementAndGet();
        }
    }

    private Optional<String> refusal(PeerId asker, PeerId target) {
        if (!relaysForPeers.getAsBoolean()) {
            return Optional.of("this node's owner has turned relaying off");
        }
        if (target.equals(asker)) {
            return Optional.of("a peer is not relayed to itself");
        }
        if (target.equals(self)) {
            return Optional.of("that is this node: connect to it directly");
        }
        Optional<ConnectedPeer> connection = transport.connection(target);
        if (connection.isEmpty()) {
            return Optional.of("this node is not connected to " + target.shortForm());
        }
        if (connection.get().relay().isPresent()) {
            return Optional.of("this node reaches " + target.shortForm() + " only through a relay itself");
        }
        return Optional.empty();
    }

    /** Copies each stream's input to the other's output until both ends finished; a failure either way ends both. */
    private void both(Stream one, Stream other) throws InterruptedException {
        CompletableFuture<Void> back = CompletableFuture.runAsync(() -> copy(other, one), threads);
        copy(one, other);
        try {
            back.get();
        } catch (ExecutionException e) {
            // copy has reset both already
        }
    }

    private static void copy(Stream from, Stream to) {
        try {
            InputStream in = from.input();
            OutputStream out = to.output();
            in.transferTo(out);
            out.close();
        } catch (IOException e) {
            from.reset();
            to.reset();
        }
    }
}
