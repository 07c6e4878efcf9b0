package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.Attention;
import org.peerdesk.core.PeerId;

class AccessAttentionTest {

    private static final PeerId GUESSER = PermissionsFixture.peer(7);
    private static final Instant UNTIL = Instant.parse("2026-12-05T22:45:00Z");
    private static final String AT = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(UNTIL);

    @Test
    void aPeerLockedOutIsNamedWithTheCommandThatBlocksIt() {
        Attention told = AccessAttention.of(new AttemptLimiter.LockOut(Optional.of(GUESSER), "docs", UNTIL), peer -> "Mallory");
        assertEquals("Mallory gave too many wrong passwords for docs and is locked out until " + AT
                + "; if you did not give it the password, block it", told.what());
        assertEquals("peerdesk block " + GUESSER.shortForm(), told.command());
    }

    @Test
    void aResourceLockedForEveryoneSendsTheUserToTheAuditLog() {
        Attention told = AccessAttention.of(new AttemptLimiter.LockOut(Optional.empty(), "docs", UNTIL), peer -> "unused");
        assertTrue(told.what().startsWith("passwords for docs are refused until " + AT + ": several peers"), told.what());
        assertEquals("peerdesk audit", told.command());
    }
}
