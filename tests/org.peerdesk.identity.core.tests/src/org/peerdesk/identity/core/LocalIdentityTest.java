package org.peerdesk.identity.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.Signatures;
import org.peerdesk.storage.DataDirectory;

class LocalIdentityTest {

    @TempDir
    Path home;

    private LocalIdentity open(Optional<String> passphrase) throws IdentityException {
        return new LocalIdentity(new IdentityStore(home.resolve("identity"), Clock.systemUTC()),
                passphrase.map(String::toCharArray));
    }

    @Test
    void theFirstStartCreatesAnIdentityThatLaterStartsKeep() throws Exception {
        LocalIdentity first = open(Optional.empty());
        LocalIdentity again = open(Optional.empty());
        assertEquals(first.peerId(), again.peerId());
        assertEquals(PeerId.ofPublicKey(first.certificate().getPublicKey().getEncoded()), first.peerId());
        assertEquals(44, first.certificate().getPublicKey().getEncoded().length, "an Ed25519 public key");
        assertNotEquals(first.peerId(), new LocalIdentity(new IdentityStore(home.resolve("other"), Clock.systemUTC()),
                Optional.empty()).peerId(), "another node gets another identity");
    }

    @Test
    void nodesOnOneMachineAreToldApartByTheirDataDirectoryUnlessItIsTheUsualOne() {
        String usual = LocalIdentity.defaultName(DataDirectory.defaultPath());
        assertTrue(usual.startsWith(System.getProperty("user.name")), usual);
        assertEquals(usual + " (backup-node)", LocalIdentity.defaultName(home.resolve("backup-node")));
        assertEquals(usual + " (backup-node)", LocalIdentity.defaultName(home.resolve("backup-node/")));
    }

    @Test
    void aDefaultNameIsOneThatPeersAccept() throws Exception {
        String named = LocalIdentity.defaultName(home.resolve("a-data-directory-whose-name-goes-on-" + "and-on-".repeat(10)));
        assertEquals(NodeIdentity.MAX_NAME_LENGTH, named.length(), named);
        assertTrue(named.endsWith("…"), named);
        assertEquals(named, NodeIdentity.checkedName(named));
    }

    @Test
    void theKeyIsReadableByTheOwnerOnly() throws Exception {
        open(Optional.empty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("identity/node.key"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("identity"))));
    }

    @Test
    void aKeyOthersCanReadIsRefused() throws Exception {
        open(Optional.empty());
        Files.setPosixFilePermissions(home.resolve("identity/node.key"), PosixFilePermissions.fromString("rw-r--r--"));
        IdentityException refused = assertThrows(IdentityException.class, () -> open(Optional.empty()));
        assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
    }

    @Test
    void aPassphraseProtectsTheKeyAtRest() throws Exception {
        LocalIdentity identity = open(Optional.empty());
        identity.protect("correct horse".toCharArray());
        String stored = Files.readString(home.resolve("identity/node.key"));
        assertTrue(stored.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), stored);

        IdentityException missing = assertThrows(IdentityException.class, () -> open(Optional.empty()));
        assertTrue(missing.getMessage().contains("PEERDESK_PASSPHRASE"), missing.getMessage());
        IdentityException wrong = assertThrows(IdentityException.class, () -> open(Optional.of("wrong horse")));
        assertTrue(wrong.getMessage().contains("passphrase does not open"), wrong.getMessage());
        assertEquals(identity.peerId(), open(Optional.of("correct horse")).peerId());

        open(Optional.of("correct horse")).protect(new char[0]);
        assertEquals(identity.peerId(), open(Optional.empty()).peerId(), "an empty passphrase removes the protection");
    }

    @Test
    void theIdentityTellsItsPassphraseFromOthers() throws Exception {
        LocalIdentity identity = open(Optional.empty());
        assertFalse(identity.passphraseProtected());
        assertFalse(identity.isPassphrase("".toCharArray()), "a plain key has no passphrase to match");
        identity.protect("correct horse".toCharArray());
        assertTrue(identity.passphraseProtected());
        char[] typed = "correct horse".toCharArray();
        assertTrue(identity.isPassphrase(typed));
        assertArrayEquals(new char[typed.length], typed, "what was typed is cleared");
        assertFalse(identity.isPassphrase("correct horse ".toCharArray()));
    }

    @Test
    void aLockedKeyOpensWithThePassphraseTheUserGaveAndOnlyOnce() throws Exception {
        KeyLocks locks = new KeyLocks(Optional.empty());
        assertFalse(locks.locked(home), "a node not created yet needs no passphrase");
        PeerId peer = open(Optional.empty()).peerId();
        assertFalse(locks.locked(home));
        open(Optional.empty()).protect("correct horse".toCharArray());
        assertTrue(locks.locked(home));

        IdentityException wrong = assertThrows(IdentityException.class, () -> locks.unlock(home, "wrong horse".toCharArray()));
        assertTrue(wrong.getMessage().contains("passphrase does not open"), wrong.getMessage());
        assertTrue(locks.locked(home), "still locked after a wrong passphrase");
        char[] typed = "correct horse".toCharArray();
        locks.unlock(home.resolve("identity/.."), typed);
        assertArrayEquals(new char[typed.length], typed, "what was typed is cleared");
        assertFalse(locks.locked(home));

        assertEquals(peer, new LocalIdentity(locks.store(home), locks.take(home)).peerId());
        assertTrue(locks.take(home).isEmpty(), "the passphrase is handed out once");
        assertTrue(locks.locked(home));
        assertFalse(new KeyLocks(Optional.of("correct horse")).locked(home), "PEERDESK_PASSPHRASE was given");
        assertTrue(new KeyLocks(Optional.of("")).locked(home), "an empty variable gives nothing");
    }

    @Test
    void damagedOrMismatchedFilesAreReportedAndLeftAsTheyAre() throws Exception {
        open(Optional.empty());
        Path key = home.resolve("identity/node.key");
        byte[] original = Files.readAllBytes(key);
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        IdentityException damaged = assertThrows(IdentityException.class, () -> open(Optional.empty()));
        assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
        assertEquals("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", Files.readString(key));

        byte[] noise = {(byte) 0xff, 0, (byte) 0x80, 'k', 'e', 'y'};
        Files.write(key, noise);
        IdentityException notText = assertThrows(IdentityException.class, () -> open(Optional.empty()));
        assertTrue(notText.getMessage().contains(key + " (not a PEM file). If it was lost, restore it from a backup"),
                "bytes that are not text are called what they are: " + notText.getMessage());
        assertArrayEquals(noise, Files.readAllBytes(key));

        Files.write(key, original);
        new LocalIdentity(new IdentityStore(home.resolve("other"), Clock.systemUTC()), Optional.empty());
        Files.copy(home.resolve("other/node.crt"), home.resolve("identity/node.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        IdentityException mismatched = assertThrows(IdentityException.class, () -> open(Optional.empty()));
        assertTrue(mismatched.getMessage().contains("different identities"), mismatched.getMessage());
    }

    @Test
    void signaturesVerifyForTheSignerOnly() throws Exception {
        LocalIdentity alice = open(Optional.empty());
        LocalIdentity bob = new LocalIdentity(new IdentityStore(home.resolve("bob"), Clock.systemUTC()), Optional.empty());
        byte[] data = "I am here at 10.0.0.7".getBytes(StandardCharsets.UTF_8);
        byte[] signature = alice.sign(data);
        byte[] aliceKey = alice.certificate().getPublicKey().getEncoded();
        assertTrue(Signatures.verify(alice.peerId(), aliceKey, data, signature));
        assertFalse(Signatures.verify(bob.peerId(), aliceKey, data, signature), "the key must be the claimed peer's");
        byte[] altered = data.clone();
        altered[0] ^= 1;
        assertFalse(Signatures.verify(alice.peerId(), aliceKey, altered, signature));
        assertFalse(Signatures.verify(alice.peerId(), aliceKey, data, new byte[] {1, 2, 3}));
        assertFalse(Signatures.verify(alice.peerId(), new byte[] {1, 2, 3}, data, signature));
    }

    @Test
    void theDisplayNameIsKeptAndChecked() throws Exception {
        LocalIdentity identity = open(Optional.empty());
        assertFalse(identity.displayName().isBlank());
        assertFalse(identity.named(), "a default name is not one the user chose");
        assertFalse(open(Optional.empty()).named());
        identity.rename("  Ana's laptop ");
        assertTrue(identity.named());
        assertEquals("Ana's laptop", open(Optional.empty()).displayName());
        assertTrue(open(Optional.empty()).named(), "the next start knows the user chose it");
        assertThrows(IdentityException.class, () -> identity.rename(" "));
        assertThrows(IdentityException.class, () -> identity.rename("x".repeat(65)));
        assertThrows(IdentityException.class, () -> identity.rename("two\nlines"));
        assertEquals("Ana's laptop", identity.displayName());

        identity.rename("José's Çaderno, 東京");
        assertEquals("José's Çaderno, 東京", open(Optional.empty()).displayName(), "a name is any text, not only ASCII");
    }

    @Test
    void whatAnAreaKeepsWithTheKeyIsMadeOnceChangedAndRemoved() throws Exception {
        byte[] made = open(Optional.empty()).secret("sealed-mail", () -> new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, made);
        assertArrayEquals(made, open(Optional.empty()).secret("sealed-mail", () -> new byte[] {9}), "kept, not made again");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("identity/sealed-mail.kept"))));
        IdentityException failed = assertThrows(IdentityException.class, () -> open(Optional.empty()).secret("other", () -> {
            throw new java.security.GeneralSecurityException("no randomness");
        }));
        assertEquals("Cannot make the secret other: no randomness", failed.getMessage());
        assertFalse(Files.exists(home.resolve("identity/other.kept")), "nothing kept when making it failed");
        assertThrows(IdentityException.class, () -> open(Optional.empty()).secret("../node", () -> new byte[] {1}));

        LocalIdentity identity = open(Optional.empty());
        identity.keep("mailbox", Optional.of(new byte[] {4, 5}));
        assertArrayEquals(new byte[] {4, 5}, open(Optional.empty()).kept("mailbox").orElseThrow());
        identity.keep("mailbox", Optional.empty());
        assertEquals(Optional.empty(), open(Optional.empty()).kept("mailbox"), "kept no more");
        Files.writeString(home.resolve("identity/damaged.kept"), "not base64 ???");
        assertTrue(assertThrows(IdentityException.class, () -> identity.kept("damaged")).getMessage()
                .startsWith("damaged kept with the identity is not Base64"));
    }

    @Test
    void whatIsKeptWithTheKeyIsSealedByItAndOnlyItsKeyOpensIt() throws Exception {
        LocalIdentity identity = open(Optional.empty());
        byte[] secret = "the key that opens sealed mail".getBytes(StandardCharsets.UTF_8);
        identity.keep("sealed-mail", Optional.of(secret));
        Path file = home.resolve("identity/sealed-mail.kept");
        String kept = Files.readString(file).strip();
        assertTrue(kept.startsWith("sealed:"), kept);
        assertFalse(new String(Base64.getDecoder().decode(kept.substring("sealed:".length())), StandardCharsets.ISO_8859_1)
                .contains("sealed mail"), "the value is not in the file as it is");

        identity.protect("correct horse".toCharArray());
        assertArrayEquals(secret, open(Optional.of("correct horse")).kept("sealed-mail").orElseThrow(), "the key protected, the value opens");

        Files.writeString(home.resolve("identity/mailbox.kept"), Base64.getEncoder().encodeToString(new byte[] {4, 5}) + "\n");
        assertArrayEquals(new byte[] {4, 5}, identity.kept("mailbox").orElseThrow(), "a value an earlier version kept in the clear");
        assertTrue(Files.readString(home.resolve("identity/mailbox.kept")).startsWith("sealed:"), "sealed once read");

        Files.copy(file, home.resolve("identity/renamed.kept"));
        assertEquals("renamed kept with the identity was sealed by another node's key, or altered since.",
                assertThrows(IdentityException.class, () -> identity.kept("renamed")).getMessage(), "a value is bound to its name");
        LocalIdentity other = LocalIdentity.inFolder(home.resolve("other"));
        Files.copy(file, home.resolve("other/sealed-mail.kept"));
        assertEquals("sealed-mail kept with the identity was sealed by another node's key, or altered since.",
                assertThrows(IdentityException.class, () -> other.kept("sealed-mail")).getMessage());
    }

    @Test
    void theKeyManagerPresentsThisNodesCertificate() throws Exception {
        LocalIdentity identity = open(Optional.empty());
        String[] aliases = identity.keyManager().getServerAliases("EdDSA", null);
        assertTrue(aliases != null && aliases.length == 1, "one key for TLS");
        assertArrayEquals(identity.certificate().getEncoded(), identity.keyManager().getCertificateChain(aliases[0])[0].getEncoded());
    }
}
