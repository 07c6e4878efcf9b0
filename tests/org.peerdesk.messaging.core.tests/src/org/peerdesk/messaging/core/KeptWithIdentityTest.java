package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/**
 * The node's key for sealed mail and its mailbox are kept with its identity, so that a node that takes its place opens
 * the mail its mailbox holds for it; a node of an earlier version, which kept them in its database, moves them there.
 */
class KeptWithIdentityTest {

    @TempDir
    Path home;

    @Test
    void aKeptPairOpensWhatWasSealedToItAndADamagedOneIsRefused() throws Exception {
        KeyPair pair = SealedMail.newKeyPair();
        PeerId ben = PeerId.ofPublicKey(new byte[] {7});
        byte[] sealed = SealedMail.seal("meet at noon".getBytes(StandardCharsets.UTF_8), pair.getPublic().getEncoded(), ben);
        byte[] kept = SealedMail.encodeKeyPair(pair);
        assertEquals("meet at noon", new String(SealedMail.open(sealed, SealedMail.decodeKeyPair(kept), ben), StandardCharsets.UTF_8));
        for (byte[] damaged : new byte[][] {{}, {0}, {(byte) 0xff, (byte) 0xff, 1, 2}, Arrays.copyOf(kept, kept.length - 5)}) {
            assertThrows(GeneralSecurityException.class, () -> SealedMail.decodeKeyPair(damaged), Arrays.toString(damaged));
        }
    }

    @Test
    void theKeyAndTheMailboxAnEarlierVersionKeptInTheDatabaseMoveToTheIdentity() throws Exception {
        KeyPair earlier = SealedMail.newKeyPair();
        PeerId box = PeerId.ofPublicKey(new byte[] {9});
        try (DataDirectory data = DataDirectory.open(Files.createDirectories(home.resolve("ana"))); H2Storage storage = new H2Storage(data)) {
            storage.migrate(MessagingSchema.SCHEMA);
            storage.transact(connection -> {
                HelloRows.setSetting(connection, "agreement.public", Optional.of(earlier.getPublic().getEncoded()));
                HelloRows.setSetting(connection, "agreement.private", Optional.of(earlier.getPrivate().getEncoded()));
                HelloRows.setSetting(connection, "mailbox", Optional.of(box.bytes()));
                return null;
            });
        }
        try (TestNetwork network = new TestNetwork(); TestPeer ana = new TestPeer("ana", home, network)) {
            assertArrayEquals(earlier.getPublic().getEncoded(), ana.messaging.messenger.agreement().getPublic().getEncoded());
            assertArrayEquals(SealedMail.encodeKeyPair(earlier), ana.kept.kept("sealed-mail").orElseThrow());
            assertEquals(Optional.of(box), ana.messenger().mailbox());
            assertArrayEquals(box.bytes(), ana.kept.kept("mailbox").orElseThrow());
            assertEquals(List.of(Optional.empty(), Optional.empty()), ana.storage.transact(connection -> List.of(
                    HelloRows.setting(connection, "agreement.private"), HelloRows.setting(connection, "mailbox"))),
                    "the identity keeps them now, not the database");

            ana.messenger().setMailbox(Optional.empty());
            assertEquals(Optional.empty(), ana.kept.kept("mailbox"), "no mailbox, none kept");
        }
    }
}
