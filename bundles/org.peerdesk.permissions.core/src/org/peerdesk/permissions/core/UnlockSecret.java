package org.peerdesk.permissions.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Resource;

/**
 * Turns a typed password into the secret that J-PAKE runs on: a slow hash salted with the owner's
 * peer ID and the resource, which both sides know. The owner stores only this, so its database
 * does not hold a password the user may use elsewhere.
 */
final class UnlockSecret {

    static final int MIN_LENGTH = 8;
    private static final int ITERATIONS = 200_000;

    private UnlockSecret() {
    }

    static String derive(char[] password, PeerId owner, Resource resource) {
        byte[] salt = ("peerdesk-unlock\n" + owner.toHex() + "\n" + resource).getBytes(StandardCharsets.UTF_8);
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, 256);
        try {
            return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot derive keys with PBKDF2", e);
        } finally {
            spec.clearPassword();
        }
    }

    static void checkStrength(char[] password) throws InvalidInputException {
        if (password.length < MIN_LENGTH) {
            throw new InvalidInputException("A password for a resource needs at least " + MIN_LENGTH + " characters.");
        }
    }
}
