package org.peerdesk.messaging.core;

import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.MessagingException;

/** This node as the author of envelopes: its peer ID, its public key, and what signs for it. */
record Author(PeerId id, byte[] publicKey, Envelopes.Signer signer) {

    /** The envelope signed alone. */
    byte[] sign(Envelope envelope) throws MessagingException {
        return signAll(List.of(content(envelope))).get(0);
    }

    /** What this node signs for {@code envelope}: its content, to be signed with others as it is sent. */
    byte[] content(Envelope envelope) {
        return Envelopes.content(envelope, publicKey);
    }

    /** Contents signed a batch at a time (see {@link BatchSignatures}), in order. */
    List<byte[]> signAll(List<byte[]> contents) throws MessagingException {
        try {
            return BatchSignatures.sign(contents, signer);
        } catch (Exception e) {
            throw new MessagingException("Could not sign the message: " + e.getMessage(), e);
        }
    }
}
