package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;

/** Mail sealed to a recipient opens only for it, and not at all once altered. */
class SealedMailTest {

    private static final PeerId BEN = new PeerId(new byte[PeerId.LENGTH]);
    private static final PeerId EVE = PeerId.ofPublicKey(new byte[] {1, 2, 3});

    @Test
    void onlyTheRecipientOpensItUnaltered() throws Exception {
        KeyPair ben = SealedMail.newKeyPair();
        KeyPair eve = SealedMail.newKeyPair();
        byte[] plain = "meet at noon".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = SealedMail.seal(plain, ben.getPublic().getEncoded(), BEN);

        assertArrayEquals(plain, SealedMail.open(sealed, ben, BEN));
        assertThrows(GeneralSecurityException.class, () -> SealedMail.open(sealed, eve, EVE), "another key");
        assertThrows(GeneralSecurityException.class, () -> SealedMail.open(sealed, ben, EVE), "readdressed");
        for (int at : new int[] {5, 50, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[at] ^= 1;
            assertThrows(GeneralSecurityException.class, () -> SealedMail.open(altered, ben, BEN), "byte " + at + " altered");
        }
        assertThrows(GeneralSecurityException.class, () -> SealedMail.open(new byte[] {0, (byte) 200, 1}, ben, BEN), "garbage");
    }
}
