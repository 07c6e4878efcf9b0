package org.peerdesk.messaging.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.peerdesk.core.PeerId;

/** A new Ed25519 key pair that signs as a node's identity does (with Bouncy Castle's Ed25519). */
final class SigningKey {

    final byte[] publicKey;
    final PeerId id;
    private final Ed25519PrivateKeyParameters privateKey;

    SigningKey() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            this.publicKey = pair.getPublic().getEncoded();
            this.privateKey = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this Java runtime makes no Ed25519 keys", e);
        }
        this.id = PeerId.ofPublicKey(publicKey);
    }

    byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }
}
