package org.peerdesk.messaging.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.peerdesk.core.PeerId;

/**
 * Mail that only its recipient can open, for a mailbox peer to hold: a fresh X25519 key agreed with
 * the recipient's key, HKDF-SHA256, then AES-256-GCM with the recipient's peer ID as associated
 * data. The mailbox sees the recipient and the length, nothing else, and cannot change a byte
 * unnoticed. The sealed envelope inside is still signed by its author, so it cannot forge one either.
 * <pre>ephemeral key length (u16), ephemeral key (X.509), nonce (12), ciphertext with tag</pre>
 */
final class SealedMail {

    static final int MAX_BYTES = Envelopes.MAX_BYTES + 512;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] INFO = "peerdesk sealed mail v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedMail() {
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    }

    static KeyPair keyPair(byte[] encodedPublic, byte[] encodedPrivate) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("X25519");
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(encodedPublic)),
                factory.generatePrivate(new PKCS8EncodedKeySpec(encodedPrivate)));
    }

    /** The pair as one secret: the public key's length (two bytes), the public key (X.509), the private key (PKCS#8). */
    static byte[] encodeKeyPair(KeyPair pair) {
        byte[] publicKey = pair.getPublic().getEncoded();
        byte[] privateKey = pair.getPrivate().getEncoded();
        return java.nio.ByteBuffer.allocate(2 + publicKey.length + privateKey.length).putShort((short) publicKey.length)
                .put(publicKey).put(privateKey).array();
    }

    static KeyPair decodeKeyPair(byte[] encoded) throws GeneralSecurityException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(encoded);
        int publicLength = encoded.length < 2 ? -1 : buffer.getShort() & 0xffff;
        if (publicLength < 0 || publicLength > buffer.remaining()) {
            throw new GeneralSecurityException("the kept key pair is damaged");
        }
        byte[] publicKey = new byte[publicLength];
        buffer.get(publicKey);
        byte[] privateKey = new byte[buffer.remaining()];
        buffer.get(privateKey);
        return keyPair(publicKey, privateKey);
    }

    /** Seals {@code plain} for the holder of {@code recipientKey} (X.509 X25519), who is {@code recipient}. */
    static byte[] seal(byte[] plain, byte[] recipientKey, PeerId recipient) throws GeneralSecurityException {
        PublicKey theirs = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(recipientKey));
        KeyPair ephemeral = newKeyPair();
        byte[] ephemeralKey = ephemeral.getPublic().getEncoded();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, ephemeral.getPrivate(), theirs, ephemeralKey, recipientKey, nonce);
        cipher.updateAAD(recipient.bytes());
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(2 + ephemeralKey.length + NONCE_BYTES + sealed.length)
                .putShort((short) ephemeralKey.length).put(ephemeralKey).put(nonce).put(sealed).array();
    }

    /**
     * Opens mail sealed to this node.
     *
     * @throws GeneralSecurityException when it is malformed, sealed to another key, or was altered
     */
    static byte[] open(byte[] mail, KeyPair ours, PeerId self) throws GeneralSecurityException {
        if (mail.length > MAX_BYTES || mail.length < 2) {
            throw new GeneralSecurityException("sealed mail of " + mail.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(mail);
        int keyLength = in.getShort() & 0xffff;
        if (keyLength > 128 || in.remaining() < keyLength + NONCE_BYTES) {
            throw new GeneralSecurityException("sealed mail ends early");
        }
        byte[] ephemeralKey = new byte[keyLength];
        in.get(ephemeralKey);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        PublicKey theirs = KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(ephemeralKey));
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, ours.getPrivate(), theirs, ephemeralKey, ours.getPublic().getEncoded(), nonce);
        cipher.updateAAD(self.bytes());
        return cipher.doFinal(mail, in.position(), in.remaining());
    }

    private static Cipher cipher(int mode, PrivateKey mine, PublicKey theirs, byte[] ephemeralKey, byte[] recipientKey,
            byte[] nonce) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(mine);
        agreement.doPhase(theirs, true);
        byte[] shared = agreement.generateSecret();
        byte[] key = hkdf(shared, concat(ephemeralKey, recipientKey));
        Arrays.fill(shared, (byte) 0);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    /** HKDF-SHA256 (RFC 5869) for one 32-byte key: the salt binds both public keys. */
    private static byte[] hkdf(byte[] secret, byte[] salt) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] pseudoRandomKey = extract.doFinal(secret);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
        expand.update(INFO);
        expand.update((byte) 1);
        return expand.doFinal();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
