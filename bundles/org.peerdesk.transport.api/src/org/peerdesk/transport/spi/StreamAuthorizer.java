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

    /** The answer, with a reason that is logged and, when refused, sent to the peer. */
    record Authorization(boolean allowed, String reason) {

        public static Authorization allow(String reason) {
            return new Authorization(true, reason);
        }

        public static Authorization deny(String reason) {
            return new Authorization(false, reason);
        }
    }
}
