package org.peerdesk.messaging.core;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;

/** Envelopes as the first version wrote them, which an outbox from before may still hold. */
final class EnvelopesOfVersionOne {

    private EnvelopesOfVersionOne() {
    }

    /** The content marked as version 1, then its own signature (u16 length, Ed25519 over the content). */
    static byte[] signed(byte[] content, Envelopes.Signer signer) throws Exception {
        byte[] first = content.clone();
        first[0] = 1;
        byte[] signature = signer.sign(first);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(first);
        out.writeShort(signature.length);
        out.write(signature);
        return bytes.toByteArray();
    }
}
