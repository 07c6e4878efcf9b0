package org.peerdesk.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

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
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encodedPublicKey));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
