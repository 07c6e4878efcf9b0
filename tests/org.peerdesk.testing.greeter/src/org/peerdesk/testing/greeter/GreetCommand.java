package org.peerdesk.testing.greeter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;
import org.peerdesk.transport.TransportService;

/** {@code ./peerdesk greet PEER}: greets a connected peer on demand and says whether it confirmed the greeting. */
@Component(service = NodeCommand.class)
public final class GreetCommand implements NodeCommand {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private final TransportService transport;
    private final PeerDirectory directory;

    @Activate
    public GreetCommand(@Reference TransportService transport, @Reference PeerDirectory directory) {
        this.transport = transport;
        this.directory = directory;
    }

    @Override
    public String word() {
        return "greet";
    }

    @Override
    public String arguments() {
        return "PEER";
    }

    @Override
    public String summary() {
        return "send a connected peer a greeting with a megabyte of data, and wait for it to confirm what it got";
    }

    @Override
    public Answer run(List<String> arguments) throws PeerdeskException {
        if (arguments.size() != 1) {
            throw new InvalidInputException("greet takes one peer, by name or ID");
        }
        PeerId peer = PeerNames.one(arguments.get(0), directory.peers());
        String name = directory.find(peer).map(KnownPeer::name).orElse(peer.shortForm());
        boolean matches;
        try {
            matches = Greeter.greetOn(transport.awaitStream(peer, Greeter.PROTOCOL, ANSWER_WITHIN));
        } catch (IOException e) {
            throw new PeerdeskException("The greeting of " + name + " broke off: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerdeskException("The greeting of " + name + " was interrupted.", e);
        }
        return new Answer(matches ? name + " confirmed the greeting: the hash of its megabyte matches."
                : name + " answered the greeting with a hash that does not match what was sent.",
                Map.of("peer", peer.toString(), "name", name, "bytes", Greeter.PAYLOAD, "confirmed", matches));
    }
}
