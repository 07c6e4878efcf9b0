package org.peerdesk.testing.greeter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Topics;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * A plugin as a third party would write one, against the API bundles only: it serves a protocol
 * of its own and, whenever a peer connects, sends that peer a greeting with a megabyte of data,
 * which the peer hashes and confirms. Both ends log what they saw, for the system tests to read, and
 * the peers that would not take a greeting are listed among what needs the user.
 */
@Component(service = {ProtocolHandler.class, EventHandler.class, AttentionSource.class}, property = {
    ProtocolHandler.PROTOCOL + "=" + Greeter.PROTOCOL_ID,
    ProtocolHandler.ACCESS + "=trusted",
    EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED})
public final class Greeter implements ProtocolHandler, EventHandler, AttentionSource {

    static final String PROTOCOL_ID = "/peerdesk-test/greeting/1";
    static final ProtocolId PROTOCOL = ProtocolId.of(PROTOCOL_ID);
    static final int PAYLOAD = 1 << 20;
    private static final Logger LOG = System.getLogger(Greeter.class.getName());

    private final TransportService transport;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    @Activate
    public Greeter(@Reference TransportService transport) {
        this.transport = transport;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof PeerConnected connected) {
            transport.openStream(connected.peer().id(), PROTOCOL).whenComplete((stream, failure) -> {
                if (failure != null) {
                    refused.add(connected.peer().displayName());
                    LOG.log(Level.INFO, "Greeter: {0} did not take the greeting: {1}",
                            connected.peer().id().shortForm(), failure.getMessage());
                } else {
                    greet(stream);
                }
            });
        }
    }

    private void greet(Stream stream) {
        try {
            greetOn(stream);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Greeter: greeting {0} failed: {1}", stream.peer().shortForm(), e.getMessage());
        }
    }

    /** Greets the peer at the other end of {@code stream} and closes it; true when the peer's hash of the payload matches. */
    static boolean greetOn(Stream stream) throws IOException {
        try (stream) {
            byte[] payload = new byte[PAYLOAD];
            new Random().nextBytes(payload);
            DataOutputStream out = new DataOutputStream(stream.output());
            out.writeUTF("hello from a plugin");
            out.writeInt(payload.length);
            out.write(payload);
            out.close();
            String confirmed = new DataInputStream(stream.input()).readUTF();
            boolean matches = confirmed.equals(sha256(payload));
            LOG.log(matches ? Level.INFO : Level.WARNING, "Greeter: {0} confirmed the greeting, hash {1}",
                    stream.peer().shortForm(), matches ? "matches" : "DIFFERS");
            return matches;
        }
    }

    @Override
    public void handle(Stream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        String text = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length > PAYLOAD) {
            throw new IOException("a greeting of " + length + " bytes is too long");
        }
        byte[] payload = in.readNBytes(length);
        DataOutputStream out = new DataOutputStream(stream.output());
        out.writeUTF(sha256(payload));
        out.close();
        in.read(); // until the greeter closes
        LOG.log(Level.INFO, "Greeter: greeting from {0}: \"{1}\" with {2} bytes",
                stream.peer().shortForm(), text, String.valueOf(payload.length));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String area() {
        return "greeter";
    }

    @Override
    public List<Attention> attention() {
        return refused.stream().sorted().map(peer -> new Attention(area(), peer + " would not take a greeting", "", "")).toList();
    }
}
