package org.peerdesk.transport.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.spi.StreamAuthorizer;

/**
 * Until permissions decide per resource, this is the rule: peers the user added may open streams,
 * strangers may not, except to present an invite (whose handler checks the secret itself). Ranked
 * low, so the permissions service replaces it when it arrives.
 */
@Component(service = StreamAuthorizer.class, property = Constants.SERVICE_RANKING + ":Integer=-100")
public final class KnownPeersAuthorizer implements StreamAuthorizer {

    private static final Logger LOG = System.getLogger(KnownPeersAuthorizer.class.getName());

    private final PeerDirectory directory;

    @Activate
    public KnownPeersAuthorizer(@Reference PeerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Authorization authorize(PeerId peer, ProtocolId protocol) {
        if (InviteProtocol.ID.equals(protocol)) {
            return Authorization.allow("anyone may present an invite");
        }
        try {
            return directory.find(peer).isPresent()
                    ? Authorization.allow("a known peer")
                    : Authorization.deny("this node does not know you; ask its owner for an invite");
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "Refusing {0}: {1}", peer.shortForm(), e.getMessage());
            return Authorization.deny("access cannot be checked now");
        }
    }
}
