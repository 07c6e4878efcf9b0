package org.peerdesk.identity;

import java.io.IOException;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.peerdesk.core.PeerId;

/** Checks signatures made by other peers' {@link NodeIdentity#sign}. */
public final class Signatures {

    private Signatures() {
    }

    /**
     * True when {@code signature} is a valid Ed25519 signature of {@code data} by the holder of
     * {@code encodedPublicKey} (X.509 SubjectPublicKeyInfo), and that key belongs to {@code signer}.
     * Malformed keys or signatures are simply not valid.
     */
    public static boolean verify(PeerId signer, byte[] encodedPublicKey, byte[] data, byte[] signature) {
        if (!PeerId.ofPublicKey(encodedPublicKey).equals(signer)) {
            return false;
        }
        try {
            if (!(PublicKeyFactory.createKey(encodedPublicKey) instanceof Ed25519PublicKeyParameters key)) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, key);
            verifier.update(data, 0, data.length);
            return verifier.verifySignature(signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
