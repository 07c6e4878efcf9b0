package org.peerdesk.transport.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.ProtocolId;

/**
 * The single decision, made before any handler sees a byte, whether {@code peer} may open a stream
 * for {@code protocol}. The transport asks the highest-ranked registered authorizer, and with none
 * registered refuses every stream: access is denied unless someone grants it.
 */
@ConsumerType
public interface StreamAuthorizer {

    /** May block briefly (a database look-up); it is called off the network threads. */
    Authorization authorize(PeerId peer, ProtocolId protocol);

    /**
     * Whether a connection with {@code peer}, whose identity TLS has just proven, may go on at all.
     * Called on a network thread before any Hello: answer from memory, never block.
     */
    default Authorization admit(PeerId peer) {
        return Authorization.allow("every peer may connect");
    }

    /**
     * The answer, with a reason that is logged and, when refused, sent to the peer. An allowed
     * stream holds {@code lease} while it is open, so that access withdrawn later closes it.
     */
    record Authorization(boolean allowed, String reason, StreamLease lease) {

        public static Authorization allow(String reason) {
            return new Authorization(true, reason, StreamLease.PERMANENT);
        }

        public static Authorization allow(String reason, StreamLease lease) {
            return new Authorization(true, reason, lease);
        }

        public static Authorization deny(String reason) {
            return new Authorization(false, reason, StreamLease.PERMANENT);
        }
    }
}
