package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.Invite;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Invites and hand-typed peers. Both ends of the invite protocol live here: the guest connects to
 * the inviter it expects (TLS proves who answered), sends the invite's secret and its name; the
 * inviter uses the invite up and answers with its own name; each side then remembers the other.
 */
@Component(service = {Introductions.class, ProtocolHandler.class},
        property = ProtocolHandler.PROTOCOL + "=/peerdesk/invite/1")
public final class IntroductionService implements Introductions, ProtocolHandler {

    static final ProtocolId PROTOCOL = ProtocolId.of("/peerdesk/invite/1");

    private static final Logger LOG = System.getLogger(IntroductionService.class.getName());
    private static final int MAX_NAME_BYTES = 255;

    private enum Reply {
        ACCEPTED("accepted"),
        USED("This invite was already used. Ask for a new one."),
        EXPIRED("This invite has expired. Ask for a new one."),
        UNKNOWN("The inviter does not know this invite (it may have been withdrawn). Ask for a new one.");

        final String message;

        Reply(String message) {
            this.message = message;
        }
    }

    private final TransportService transport;
    private final PeerDirectory directory;
    private final NodeIdentity identity;
    private final InviteLedger ledger;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "peerdesk-introductions");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public IntroductionService(@Reference TransportService transport, @Reference PeerDirectory directory,
            @Reference NodeIdentity identity, @Reference Storage storage) throws StorageException {
        this.transport = transport;
        this.directory = directory;
        this.identity = identity;
        this.clock = Clock.systemUTC();
        this.ledger = new InviteLedger(storage, clock);
    }

    @Deactivate
    void stop() {
        exchanges.shutdownNow();
    }

    @Override
    public Invite invite() throws TransportException {
        byte[] secret = new byte[InviteCodes.SECRET_LENGTH];
        random.nextBytes(secret);
        try {
            return new Invite(InviteCodes.encode(identity.peerId(), secret, reachableFirst(transport.listenAddresses())),
                    ledger.record(secret));
        } catch (StorageException e) {
            throw new TransportException("Cannot make an invite: " + e.getMessage(), e);
        }
    }

    /** Addresses other machines can use come first; loopback last (it serves nodes on this machine). */
    private static List<PeerAddress> reachableFirst(List<PeerAddress> addresses) {
        return addresses.stream().sorted(Comparator.comparing((PeerAddress a) -> a.host().startsWith("127.")
                || a.host().equals("0:0:0:0:0:0:0:1") || a.host().equals("::1"))
                .thenComparing(a -> a.host().contains(":"))).toList();
    }

    @Override
    public CompletionStage<KnownPeer> accept(String inviteCode) {
        InviteCodes.Decoded invite;
        try {
            invite = InviteCodes.decode(inviteCode);
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(new TransportException(e.getMessage(), e));
        }
        if (invite.inviter().equals(identity.peerId())) {
            return CompletableFuture.failedFuture(new TransportException("This is this node's own invite: give it to someone else."));
        }
        return connectToAny(invite.inviter(), invite.addresses(), 0, null)
                .thenCompose(connected -> transport.openStream(invite.inviter(), PROTOCOL)
                        .thenApplyAsync(stream -> presentInvite(stream, invite.secret(), connected), exchanges));
    }

    private CompletionStage<ConnectedPeer> connectToAny(PeerId peer, List<PeerAddress> addresses, int index,
            Throwable last) {
        if (index >= addresses.size()) {
            String reason = last == null ? "the invite holds no address" : rootMessage(last);
            return CompletableFuture.failedFuture(new TransportException("Cannot reach the inviter at "
                    + addresses.stream().map(Object::toString).toList() + ": " + reason));
        }
        return transport.connect(peer, addresses.get(index))
                .handle((connected, error) -> error == null ? CompletableFuture.completedFuture(connected)
                        : connectToAny(peer, addresses, index + 1, error))
                .thenCompose(stage -> stage);
    }

    private KnownPeer presentInvite(Stream stream, byte[] secret, ConnectedPeer inviter) {
        try (stream) {
            DataOutputStream out = new DataOutputStream(stream.output());
            out.write(secret);
            writeName(out, identity.displayName());
            out.close();
            DataInputStream in = new DataInputStream(stream.input());
            Reply reply = Reply.values()[Math.min(in.readUnsignedByte(), Reply.values().length - 1)];
            if (reply != Reply.ACCEPTED) {
                throw new CompletionException(new TransportException(reply.message));
            }
            String name = readName(in);
            KnownPeer known = directory.remember(inviter.id(), name, Optional.of(inviter.address()));
            directory.seen(inviter.id(), inviter.address(), clock.instant());
            LOG.log(Level.INFO, "Accepted an invite from {0} ({1})", inviter.id().shortForm(), name);
            return known;
        } catch (IOException | TransportException e) {
            throw new CompletionException(new TransportException("The invite exchange failed: " + rootMessage(e), e));
        }
    }

    /** The inviter's side: a guest presents an invite. */
    @Override
    public void handle(Stream stream) throws IOException, TransportException, StorageException {
        DataInputStream in = new DataInputStream(stream.input());
        byte[] secret = new byte[InviteCodes.SECRET_LENGTH];
        in.readFully(secret);
        String name = readName(in);
        Reply reply = Reply.valueOf(ledger.redeem(secret, stream.peer()).name());
        DataOutputStream out = new DataOutputStream(stream.output());
        out.writeByte(reply.ordinal());
        if (reply == Reply.ACCEPTED) {
            Optional<PeerAddress> address = transport.connection(stream.peer()).map(ConnectedPeer::address);
            directory.remember(stream.peer(), name, address);
            if (address.isPresent()) {
                directory.seen(stream.peer(), address.get(), clock.instant());
            }
            writeName(out, identity.displayName());
            LOG.log(Level.INFO, "{0} ({1}) accepted an invite", stream.peer().shortForm(), name);
        } else {
            LOG.log(Level.INFO, "{0} presented an invite that is {1}", stream.peer().shortForm(), reply);
        }
        out.close();
    }

    @Override
    public CompletionStage<KnownPeer> add(PeerId id, PeerAddress address) {
        return transport.connect(id, address).thenApplyAsync(connected -> {
            try {
                KnownPeer known = directory.remember(id, connected.displayName(), Optional.of(address));
                directory.seen(id, address, clock.instant());
                return known;
            } catch (TransportException e) {
                throw new CompletionException(e);
            }
        }, exchanges);
    }

    private static void writeName(DataOutputStream out, String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        bytes = Arrays.copyOf(bytes, Math.min(bytes.length, MAX_NAME_BYTES));
        out.writeByte(bytes.length);
        out.write(bytes);
    }

    private static String readName(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedByte()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while ((root instanceof CompletionException || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof EOFException ? "the other side hung up" : root.getMessage();
    }
}
