package org.peerdesk.identity.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeptIdentity;

/** A node recovered on a new machine takes the lost node's identity, from its next start, and sets its own aside. */
class WaitingIdentityTest {

    @TempDir
    Path home;

    /** The identity the node in {@code data} has when it starts, in a process of its own (a KeyLocks of its own). */
    private static LocalIdentity start(Path data, Optional<String> passphrase) throws IdentityException {
        KeyLocks locks = new KeyLocks(passphrase);
        return new LocalIdentity(locks.store(data), locks.take(data));
    }

    /** The identity files of a node that was named {@code name} (none: never named), as its backup kept them. */
    private Path kept(String name, Optional<String> passphrase) throws IdentityException {
        LocalIdentity lost = start(home.resolve("lost"), Optional.empty());
        if (!name.isEmpty()) {
            lost.rename(name);
        }
        lost.secret("sealed-mail", () -> "the lost node's own".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (passphrase.isPresent()) {
            lost.protect(passphrase.get().toCharArray());
        }
        Path kept = home.resolve("backup/identity");
        lost.writeIdentity(kept);
        return kept;
    }

    @Test
    void theNodeTakesTheKeptIdentityWhenItStartsAgainAndKeepsItsOwnAside() throws Exception {
        Path kept = kept("Ana's laptop", Optional.empty());
        PeerId lost = start(home.resolve("lost"), Optional.empty()).peerId();
        Path data = home.resolve("new");
        LocalIdentity running = start(data, Optional.empty());
        PeerId own = running.peerId();

        KeptIdentity taken = running.takeOverAtNextStart(kept, Optional.empty());
        assertEquals(new KeptIdentity(lost, Optional.of("Ana's laptop"), false), taken);
        assertEquals(own, running.peerId(), "a running node keeps the key its connections are made with");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("identity-next/node.key"))));

        LocalIdentity restarted = start(data, Optional.empty());
        assertEquals(lost, restarted.peerId());
        assertEquals(List.of(0, 1), List.of(start(home.resolve("lost"), Optional.empty()).succession(), restarted.succession()),
                "the certificate says the machine that took the place, so that peers refuse the one it ran on before");
        assertEquals("Ana's laptop", restarted.displayName());
        assertEquals("the lost node's own", new String(restarted.secret("sealed-mail", () -> {
            throw new AssertionError("the secret came along");
        }), java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(Files.exists(data.resolve("identity-next")));
        List<Path> aside = aside(data);
        assertEquals(1, aside.size(), aside.toString());
        assertEquals(own, new LocalIdentity(new IdentityStore(aside.get(0), java.time.Clock.systemUTC()), Optional.empty()).peerId(),
                "the node's own identity is kept, not overwritten");
        assertEquals(lost, start(data, Optional.empty()).peerId(), "later starts keep it");
    }

    @Test
    void aRunningNodeDoesNotTakeItBeforeItStartsAgain() throws Exception {
        Path kept = kept("", Optional.empty());
        Path data = home.resolve("new");
        KeyLocks locks = new KeyLocks(Optional.empty());
        LocalIdentity running = new LocalIdentity(locks.store(data), locks.take(data));
        KeptIdentity taken = running.takeOverAtNextStart(kept, Optional.empty());
        assertTrue(taken.name().isEmpty(), "a node never named has no name to take");

        assertFalse(locks.locked(data));
        assertEquals(running.peerId(), new LocalIdentity(locks.store(data), Optional.empty()).peerId(),
                "the process that set it opens its own identity still");
        assertTrue(Files.exists(data.resolve("identity-next/node.key")));
    }

    @Test
    void aProtectedKeyIsTakenOnlyWithItsPassphraseWhichTheNextStartAsksFor() throws Exception {
        Path kept = kept("Ana's laptop", Optional.of("correct horse"));
        Path data = home.resolve("new");
        LocalIdentity running = start(data, Optional.empty());

        IdentityException none = assertThrows(IdentityException.class, () -> running.takeOverAtNextStart(kept, Optional.empty()));
        assertEquals("A passphrase protects the key of Ana's laptop: give it to take its place.", none.getMessage());
        IdentityException wrong = assertThrows(IdentityException.class,
                () -> running.takeOverAtNextStart(kept, Optional.of("wrong horse".toCharArray())));
        assertEquals("That passphrase does not open the key of Ana's laptop.", wrong.getMessage());
        assertFalse(Files.exists(data.resolve("identity-next")), "nothing waits after a refusal");

        char[] typed = "correct horse".toCharArray();
        assertTrue(running.takeOverAtNextStart(kept, Optional.of(typed)).passphraseProtected());
        assertArrayEquals(new char[typed.length], typed, "what was typed is cleared");
        assertTrue(new KeyLocks(Optional.empty()).locked(data), "the next start asks for the lost node's passphrase");
        assertEquals("Ana's laptop", start(data, Optional.of("correct horse")).displayName());
    }

    @Test
    void filesThatDoNotMakeAnIdentityAreRefusedAndChangeNothing() throws Exception {
        Path kept = kept("Ana's laptop", Optional.empty());
        Path data = home.resolve("new");
        LocalIdentity running = start(data, Optional.empty());
        Files.copy(data.resolve("identity/node.crt"), kept.resolve("node.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        IdentityException mismatched = assertThrows(IdentityException.class, () -> running.takeOverAtNextStart(kept, Optional.empty()));
        assertTrue(mismatched.getMessage().contains("belong to different identities"), mismatched.getMessage());
        IdentityException missing = assertThrows(IdentityException.class,
                () -> running.takeOverAtNextStart(home.resolve("nowhere"), Optional.empty()));
        assertTrue(missing.getMessage().startsWith("No node's identity is kept in "), missing.getMessage());
        assertFalse(Files.exists(data.resolve("identity-next")));
        assertEquals(List.of(), aside(data));
        assertEquals(running.peerId(), start(data, Optional.empty()).peerId());
    }

    private static List<Path> aside(Path data) throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(file -> file.getFileName().toString().startsWith("identity-before-")).toList();
        }
    }
}
