package org.peerdesk.identity.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.peerdesk.identity.IdentityException;

/**
 * What areas keep with the identity (a key for sealed mail, say), sealed under the node's own key: AES-256-GCM with a key
 * that HKDF-SHA256 derives from the node's private key, the value's name bound in as associated data. So a value is as
 * safe as the key (a passphrase protects both, or neither), goes with it where the identity goes (a backup, a take-over),
 * and cannot be read or swapped for another by whoever copies the folder without the key. A file written in the clear
 * (before values were sealed) still reads, and the caller seals it again.
 * <pre>
 * file:  "sealed:" Base64(nonce (12 bytes), ciphertext and tag)     a value written in the clear: Base64(value)
 * </pre>
 */
final class KeptValues {

    private static final String SEALED = "sealed:";
    private static final byte[] SALT = "peerdesk/kept-with-identity/1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** Values sealed under a key derived from {@code nodeSecret}, the node's private key. */
    KeptValues(byte[] nodeSecret) throws IdentityException {
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(extract.doFinal(nodeSecret), "HmacSHA256"));
            this.key = new SecretKeySpec(expand.doFinal(new byte[] {1}), "AES");
        } catch (GeneralSecurityException e) {
            throw new IdentityException("This Java runtime cannot derive keys with HMAC-SHA256: " + e.getMessage(), e);
        }
    }

    /** The text a file keeps for the value {@code name}. */
    String seal(String name, byte[] value) throws IdentityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, name, nonce).doFinal(value);
            return SEALED + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IdentityException("Cannot seal " + name + ": " + e.getMessage(), e);
        }
    }

    /** The value {@code name} whose file holds {@code text}, sealed or, from before, in the clear. */
    byte[] open(String name, String text) throws IdentityException {
        try {
            if (!isSealed(text)) {
                return Base64.getDecoder().decode(text);
            }
            byte[] sealed = Base64.getDecoder().decode(text.substring(SEALED.length()));
            if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IdentityException(name + " kept with the identity is too short to be a sealed value.");
            }
            byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, name, nonce).doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (IllegalArgumentException e) {
            throw new IdentityException(name + " kept with the identity is not Base64: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(name + " kept with the identity was sealed by another node's key, or altered since.", e);
        }
    }

    static boolean isSealed(String text) {
        return text.startsWith(SEALED);
    }

    private Cipher cipher(int mode, String name, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
