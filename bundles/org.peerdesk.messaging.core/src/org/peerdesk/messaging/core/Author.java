package org.peerdesk.messaging.core;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.MessagingException;

/** This node as the author of envelopes: its peer ID, its public key, and what signs for it. */
record Author(PeerId id, byte[] publicKey, Envelopes.Signer signer) {

    byte[] sign(Envelope envelope) throws MessagingException {
        try {
            return Envelopes.seal(envelope, publicKey, signer);
        } catch (Exception e) {
            throw new MessagingException("Could not sign the message: " + e.getMessage(), e);
        }
    }
}
