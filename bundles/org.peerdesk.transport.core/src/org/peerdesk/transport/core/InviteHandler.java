package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.event.PeerIntroduced;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * The inviter's side of an invite: a guest (whose peer ID TLS has proven) presents a secret; if it
 * is a valid, unused invite, it is used up, the guest becomes a known peer (given what invites give
 * before the answer leaves), and this node answers with its name.
 */
@Component(service = ProtocolHandler.class, property = { ProtocolHandler.PROTOCOL + "=/peerdesk/invite/1", ProtocolHandler.ACCESS + "=anyone" })
public final class InviteHandler implements ProtocolHandler {

    private static final Logger LOG = System.getLogger(InviteHandler.class.getName());

    private final PeerDirectory directory;
    private final EventAdmin events;
    private final NodeIdentity identity;
    private final InviteLedger ledger;

    @Activate
    public InviteHandler(@Reference PeerDirectory directory, @Reference NodeIdentity identity, @Reference Storage storage,
            @Reference EventAdmin events) throws StorageException {
        this.directory = directory;
        this.events = events;
        this.identity = identity;
        this.ledger = new InviteLedger(storage, Clock.systemUTC());
    }

    @Override
    public void handle(Stream stream) throws IOException, TransportException, StorageException {
        DataInputStream in = new DataInputStream(stream.input());
        byte[] secret = new byte[InviteCodes.SECRET_LENGTH];
        in.readFully(secret);
        String name = WireNames.read(in);
        InviteProtocol.Reply reply = InviteProtocol.Reply.of(ledger.redeem(secret, stream.peer()));
        if (reply == InviteProtocol.Reply.ACCEPTED) {
            directory.remember(stream.peer(), name, Optional.empty());
            Introduced.send(events, stream.peer(), PeerIntroduced.Way.OUR_INVITE);
        }
        DataOutputStream out = new DataOutputStream(stream.output());
        out.writeByte(reply.ordinal());
        if (reply == InviteProtocol.Reply.ACCEPTED) {
            WireNames.write(out, identity.displayName());
            LOG.log(Level.INFO, "{0} ({1}) accepted an invite", stream.peer().shortForm(), name);
        } else {
            LOG.log(Level.INFO, "{0} presented an invite that is {1}", stream.peer().shortForm(), reply);
        }
        out.close();
    }
}
