package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.testing.SettableClock;

/** Password unlocks through J-PAKE, between the owner's real rules and an asker, over in-memory pipes. */
class UnlockingTest {

    private static final PeerId ASKER = PermissionsFixture.peer(2);
    private static final PeerId RELAY = PermissionsFixture.peer(4);
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path home;
    private PermissionsFixture owner;
    private Unlocking unlocking;
    private Resource docs;

    @BeforeEach
    void start() throws Exception {
        owner = new PermissionsFixture(home.resolve("owner"), 1, new SettableClock(PermissionsFixture.START));
        unlocking = new Unlocking(owner.permissions, owner.clock);
        docs = Resource.parse("docs");
        owner.permissions.setPassword(GrantTerms.of(docs, EnumSet.of(Right.READ)), PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        owner.close();
    }

    /** Runs the owner's side for {@code provenAsker} and the asker's side, wired back to back; returns the asker's result. */
    private String attempt(PeerId provenAsker, PeerId askerClaims, char[] password) throws Exception {
        PipedOutputStream toOwner = new PipedOutputStream();
        PipedInputStream ownerIn = new PipedInputStream(toOwner, 1 << 16);
        PipedOutputStream toAsker = new PipedOutputStream();
        PipedInputStream askerIn = new PipedInputStream(toAsker, 1 << 16);
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
            try (DataOutputStream out = new DataOutputStream(toAsker)) {
                unlocking.serve(provenAsker, new DataInputStream(ownerIn), out);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (DataOutputStream out = new DataOutputStream(toOwner)) {
            return Unlocking.prove(askerClaims, owner.self, docs, password, new DataInputStream(askerIn), out);
        } finally {
            served.handle((done, failure) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRightPasswordGivesTheGrantAndNeverCrossesTheWire() throws Exception {
        assertEquals("read", attempt(ASKER, ASKER, PASSWORD));
        assertTrue(owner.permissions.allows(ASKER, Resource.parse("docs/report.pdf"), Right.READ));
        assertEquals(AuditEntry.Event.UNLOCKED, owner.permissions.audit(1).entries().get(0).event());
        assertEquals("read", attempt(ASKER, ASKER, PASSWORD));
        assertEquals(1, owner.permissions.grants().size(), "unlocking again does not pile up grants");
    }

    @Test
    void aWrongPasswordIsRefusedCountedAndSlowedDown() throws Exception {
        AccessDeniedException wrong = assertThrows(AccessDeniedException.class,
                () -> attempt(ASKER, ASKER, "incorrect horse".toCharArray()));
        assertEquals("The owner refused: wrong password; try again in 1 s.", wrong.getMessage());
        assertFalse(owner.permissions.allows(ASKER, docs, Right.READ));
        AuditEntry failure = owner.permissions.audit(1).entries().get(0);
        assertEquals(AuditEntry.Event.UNLOCK_FAILED, failure.event());
        assertEquals("wrong password", failure.detail(), "the owner reads what happened, not the exchange's inner words");
        assertEquals(List.of(failure), owner.audited, "told at once, so that the Audit log view and what needs the owner follow");
        AccessDeniedException tooSoon = assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, PASSWORD));
        assertEquals("The owner would not take a password: the last password given was wrong; try again in 1 s.",
                tooSoon.getMessage(), "one wrong password is not called too many");
    }

    @Test
    void repeatedFailuresLockThePeerOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, "guess".toCharArray()));
            owner.clock.advance(java.time.Duration.ofSeconds(16));
        }
        assertEquals(AuditEntry.Event.LOCKED_OUT, owner.permissions.audit(1).entries().get(0).event());
        assertEquals("wrong password; locked out for 15 minutes", owner.permissions.audit(1).entries().get(0).detail());
        Instant lockedAt = owner.clock.instant().minusSeconds(16);
        assertEquals(List.of(new AttemptLimiter.LockOut(Optional.of(ASKER), "docs", lockedAt.plus(Duration.ofMinutes(15)))),
                unlocking.lockOuts(), "the owner can be told while it lasts");
        owner.clock.advance(java.time.Duration.ofMinutes(1));
        AccessDeniedException locked = assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, PASSWORD));
        assertTrue(locked.getMessage().contains("too many wrong passwords; try again in 14 minutes"), locked.getMessage());
        owner.clock.advance(java.time.Duration.ofMinutes(15));
        assertEquals("read", attempt(ASKER, ASKER, PASSWORD), "the lock-out ends");
        assertEquals(List.of(), unlocking.lockOuts());
    }

    @Test
    void aLockOutOutlastsARestartOfTheOwnersNode() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, "guess".toCharArray()));
            owner.clock.advance(Duration.ofSeconds(16));
        }
        owner.restart();
        unlocking = new Unlocking(owner.permissions, owner.clock);
        AccessDeniedException locked = assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, PASSWORD));
        assertTrue(locked.getMessage().contains("too many wrong passwords; try again in 15 minutes"), locked.getMessage());
        assertEquals(1, unlocking.lockOuts().size(), "the owner is still told of it");
        owner.clock.advance(Duration.ofMinutes(15));
        assertEquals("read", attempt(ASKER, ASKER, PASSWORD), "the lock-out ends when it would have");
        owner.restart();
        unlocking = new Unlocking(owner.permissions, owner.clock);
        assertEquals("read", attempt(ASKER, ASKER, PASSWORD), "and a success is not undone by a restart");
    }

    @Test
    void aNodeRelayingAnotherPeersExchangeGetsNothing() throws Exception {
        // The relay's TLS identity is RELAY; it forwards the real asker's messages byte for byte.
        assertThrows(Exception.class, () -> attempt(RELAY, ASKER, PASSWORD));
        assertFalse(owner.permissions.allows(RELAY, docs, Right.READ));
        assertFalse(owner.permissions.allows(ASKER, docs, Right.READ));
        assertEquals(AuditEntry.Event.UNLOCK_FAILED, owner.permissions.audit(1).entries().get(0).event());
    }

    @Test
    void noPasswordOnTheResourceMeansNoExchange() throws Exception {
        owner.permissions.removePassword(docs);
        AccessDeniedException refused = assertThrows(AccessDeniedException.class, () -> attempt(ASKER, ASKER, PASSWORD));
        assertTrue(refused.getMessage().contains("no password is set on docs"), refused.getMessage());
    }

    @Test
    void shortPasswordsAreRefused() {
        assertThrows(PermissionException.class,
                () -> owner.permissions.setPassword(GrantTerms.of(docs, EnumSet.of(Right.READ)), "short".toCharArray()));
    }
}
