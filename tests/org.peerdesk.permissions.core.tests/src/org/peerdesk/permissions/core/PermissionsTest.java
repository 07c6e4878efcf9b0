package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessDeniedException;
import org.peerdesk.permissions.AccessRule;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.AuditReport;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.NoSuchEntryException;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.testing.SettableClock;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.event.IdentityMoved;
import org.peerdesk.transport.event.TwinRefused;
import org.peerdesk.transport.event.TwinSeen;
import org.peerdesk.transport.spi.StreamAuthorizer.Authorization;
import org.peerdesk.transport.spi.StreamLease;

class PermissionsTest {

    private static final ProtocolId FILES = ProtocolId.of("/peerdesk/files/1");
    private static final PeerId ALICE = PermissionsFixture.peer(2);
    private static final PeerId BOB = PermissionsFixture.peer(4);
    private static final PeerId STRANGER = PermissionsFixture.peer(3);

    @TempDir
    Path home;
    private PermissionsFixture node;

    @BeforeEach
    void start() throws Exception {
        node = new PermissionsFixture(home.resolve("owner"), 1, new SettableClock(PermissionsFixture.START));
        node.known.add(ALICE);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private Permissions rules() {
        return node.permissions;
    }

    private static Optional<AccessRule> rule(String declared) {
        return Permissions.declaredRule(FILES, declared);
    }

    private Grant grant(PeerId peer, String resource, Right... rights) throws Exception {
        return rules().grant(peer, GrantTerms.of(Resource.parse(resource), EnumSet.of(rights[0], rights)), Grant.Origin.GRANTED);
    }

    /** A grant on docs for {@code lasting} from now. */
    private Grant grantUntil(PeerId peer, Duration lasting, Right... rights) throws Exception {
        return rules().grant(peer, new GrantTerms(Resource.parse("docs"), EnumSet.of(rights[0], rights),
                Optional.of(PermissionsFixture.START.plus(lasting)), OptionalLong.empty()), Grant.Origin.GRANTED);
    }

    @Test
    void nothingIsAllowedByDefaultAndRefusalsAreAudited() throws Exception {
        Authorization decision = rules().authorize(ALICE, FILES, rule("read@shares"));
        assertFalse(decision.allowed());
        assertTrue(decision.reason().contains("no grant of read"), decision.reason());
        assertFalse(rules().allows(ALICE, Resource.parse("docs"), Right.READ));
        assertThrows(AccessDeniedException.class, () -> rules().hold(ALICE, Resource.parse("docs"), Right.READ));
        AuditReport audit = rules().audit(10);
        assertTrue(audit.entries().stream().anyMatch(entry -> entry.event() == AuditEntry.Event.REFUSED
                && entry.peer().equals(Optional.of(ALICE))));
    }

    @Test
    void aProtocolWithoutAnAccessRuleServesNoOne() throws Exception {
        grant(ALICE, "docs", Right.READ);
        assertFalse(rules().authorize(ALICE, FILES, Optional.empty()).allowed());
        assertFalse(rules().authorize(ALICE, FILES, rule("everyone")).allowed());
    }

    @Test
    void trustedProtocolsAreForKnownPeersAndAnyoneMeansStrangersToo() throws Exception {
        assertTrue(rules().authorize(ALICE, FILES, rule("trusted")).allowed());
        assertFalse(rules().authorize(STRANGER, FILES, rule("trusted")).allowed());
        assertTrue(rules().authorize(STRANGER, FILES, rule("anyone")).allowed());
        assertEquals(Optional.of(TrustState.TRUSTED), rules().trust(ALICE));
        assertEquals(Optional.empty(), rules().trust(STRANGER));
    }

    @Test
    void everyRightIsCheckedOnItsOwnResource() throws Exception {
        grant(ALICE, "docs/reports", Right.READ);
        grant(ALICE, "photos", Right.WRITE);
        grant(ALICE, "messages", Right.MESSAGE);
        rules().grant(ALICE, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(10L << 30)), Grant.Origin.GRANTED);
        assertTrue(rules().allows(ALICE, Resource.parse("docs/reports/q3.pdf"), Right.READ));
        assertFalse(rules().allows(ALICE, Resource.parse("docs/reports/q3.pdf"), Right.WRITE));
        assertFalse(rules().allows(ALICE, Resource.parse("docs/private"), Right.READ));
        assertTrue(rules().allows(ALICE, Resource.parse("photos/2026"), Right.WRITE));
        assertFalse(rules().allows(ALICE, Resource.parse("photos"), Right.READ));
        assertTrue(rules().allows(ALICE, Resource.MESSAGES, Right.MESSAGE));
        assertTrue(rules().allows(ALICE, Resource.BACKUP, Right.STORE_BACKUP));
        assertFalse(rules().allows(STRANGER, Resource.MESSAGES, Right.MESSAGE));
        assertTrue(rules().authorize(ALICE, FILES, rule("store-backup@backup")).allowed());
        assertTrue(rules().authorize(ALICE, FILES, rule("read@docs/reports")).allowed());
        assertFalse(rules().authorize(ALICE, FILES, rule("read@docs")).allowed());
        assertThrows(PermissionException.class, () -> grant(ALICE, "messages", Right.READ), "read makes no sense on messages");
    }

    @Test
    void revokingClosesTheStreamsThatNeededTheGrantAndNoOthers() throws Exception {
        Grant docs = grant(ALICE, "docs", Right.READ);
        grant(ALICE, "messages", Right.MESSAGE);
        AtomicInteger filesClosed = new AtomicInteger();
        AtomicInteger chatClosed = new AtomicInteger();
        Authorization files = rules().authorize(ALICE, FILES, rule("read@shares"));
        Authorization chat = rules().authorize(ALICE, ProtocolId.of("/peerdesk/messages/1"), rule("message@messages"));
        files.lease().attach(filesClosed::incrementAndGet);
        chat.lease().attach(chatClosed::incrementAndGet);
        StreamLease held = rules().hold(ALICE, Resource.parse("docs/a.txt"), Right.READ);
        AtomicInteger heldClosed = new AtomicInteger();
        held.attach(heldClosed::incrementAndGet);

        rules().revoke(docs.id());

        assertEquals(1, filesClosed.get());
        assertEquals(1, heldClosed.get());
        assertEquals(0, chatClosed.get());
        assertFalse(rules().authorize(ALICE, FILES, rule("read@shares")).allowed());
        assertThrows(NoSuchEntryException.class, () -> rules().revoke(docs.id()));
        chat.lease().release();
        assertEquals(0, rules().openLeases());
    }

    @Test
    void aGrantThatCoversAnEarlierOneOnTheSameResourceReplacesItSoThatRevokingItEndsTheAccess() throws Exception {
        Grant read = grant(ALICE, "docs", Right.READ);
        Grant elsewhere = grant(ALICE, "docs/reports", Right.READ);
        Grant readWrite = grant(ALICE, "docs", Right.READ, Right.WRITE);
        assertEquals(List.of(elsewhere, readWrite), rules().grants(), "read on docs is in read,write on docs; reports is another resource");
        assertEquals("grant " + read.id() + ": read (granted), replaced by grant " + readWrite.id(), rules().audit(1).entries().get(0).detail());

        Grant writeForADay = grantUntil(ALICE, Duration.ofDays(1), Right.WRITE);
        assertEquals(List.of(elsewhere, readWrite, writeForADay), rules().grants(), "a day of write covers no grant for good");
        Grant again = grant(ALICE, "docs", Right.READ, Right.WRITE);
        assertEquals(List.of(elsewhere, again), rules().grants(), "read,write for good covers both, the same grant among them");
        Grant readForAnHour = grantUntil(ALICE, Duration.ofHours(1), Right.READ);
        assertEquals(List.of(elsewhere, again, readForAnHour), rules().grants(), "an hour of read covers nothing");

        rules().revoke(again.id());
        rules().revoke(readForAnHour.id());
        assertFalse(rules().allows(ALICE, Resource.parse("docs/a.txt"), Right.READ), "revoked, nothing else lets her read docs");
        node.restart();
        assertEquals(List.of(elsewhere), rules().grants(), "for good");
    }

    @Test
    void aForgottenPeerLosesItsGrantsAndItsTrustAndIsNoLongerKnown() throws Exception {
        Grant docs = grant(ALICE, "docs", Right.READ);
        Grant other = grant(PermissionsFixture.peer(3), "docs", Right.READ);
        Authorization files = rules().authorize(ALICE, FILES, rule("read@shares"));
        AtomicInteger closed = new AtomicInteger();
        files.lease().attach(closed::incrementAndGet);

        assertEquals(List.of(docs), rules().forget(ALICE));

        assertEquals(1, closed.get(), "its stream closed");
        assertEquals(List.of(other), rules().grants(), "another peer's grant stays");
        assertEquals(Optional.empty(), rules().trust(ALICE), "a stranger now");
        assertFalse(node.known.contains(ALICE));
        assertEquals(List.of(AuditEntry.Event.TRUST_CHANGED, AuditEntry.Event.REVOKED),
                rules().audit(2).entries().stream().map(AuditEntry::event).toList());
        node.restart();
        assertEquals(List.of(other), rules().grants(), "for good");
    }

    @Test
    void forgettingABlockedPeerKeepsItBlocked() throws Exception {
        rules().setTrust(ALICE, TrustState.BLOCKED);
        assertEquals(List.of(), rules().forget(ALICE));
        assertEquals(Optional.of(TrustState.BLOCKED), rules().trust(ALICE));
        node.restart();
        assertEquals(Optional.of(TrustState.BLOCKED), rules().trust(ALICE));
    }

    @Test
    void aGrantEndsTheMomentItExpiresAndItsStreamsClose() throws Exception {
        rules().grant(ALICE, new GrantTerms(Resource.parse("docs"), EnumSet.of(Right.READ),
                Optional.of(PermissionsFixture.START.plus(Duration.ofHours(1))), OptionalLong.empty()), Grant.Origin.GRANTED);
        Authorization decision = rules().authorize(ALICE, FILES, rule("read@shares"));
        AtomicInteger closed = new AtomicInteger();
        decision.lease().attach(closed::incrementAndGet);
        node.clock.advance(Duration.ofMinutes(59));
        rules().expireDue();
        assertEquals(0, closed.get());
        node.clock.advance(Duration.ofMinutes(1));
        assertFalse(rules().allows(ALICE, Resource.parse("docs"), Right.READ), "refused from the moment it expires");
        rules().expireDue();
        assertEquals(1, closed.get());
        assertEquals(List.of(), rules().grants());
        assertEquals(AuditEntry.Event.EXPIRED, rules().audit(1).entries().get(0).event());
        assertThrows(PermissionException.class, () -> rules().grant(ALICE, new GrantTerms(Resource.parse("docs"),
                EnumSet.of(Right.READ), Optional.of(node.clock.instant().minusSeconds(1)), OptionalLong.empty()), Grant.Origin.GRANTED));
    }

    @Test
    void aBlockedPeerIsRefusedAtTheHandshakeEvenWithGrantsAndStaysBlockedAfterARestart() throws Exception {
        grant(ALICE, "docs", Right.READ);
        Authorization open = rules().authorize(ALICE, FILES, rule("read@shares"));
        AtomicInteger closed = new AtomicInteger();
        open.lease().attach(closed::incrementAndGet);
        assertTrue(rules().admit(ALICE).allowed());

        rules().setTrust(ALICE, TrustState.BLOCKED);

        assertFalse(rules().admit(ALICE).allowed());
        assertEquals(Optional.of(ALICE), node.changes.get(node.changes.size() - 1), "told, so the connection is closed");
        assertEquals(1, closed.get());
        assertFalse(rules().authorize(ALICE, FILES, rule("anyone")).allowed());
        node.restart();
        assertFalse(rules().admit(ALICE).allowed());
        assertEquals(Optional.of(TrustState.BLOCKED), rules().trust(ALICE));
        assertThrows(PermissionException.class, () -> rules().setTrust(node.self, TrustState.BLOCKED));
    }

    @Test
    void unblockingTrustsAPeerTheUserAddedAgainButLeavesAStrangerAStranger() throws Exception {
        rules().setTrust(ALICE, TrustState.BLOCKED);
        rules().setTrust(STRANGER, TrustState.BLOCKED);
        assertEquals(TrustState.TRUSTED, rules().unblock(ALICE));
        assertEquals(TrustState.PENDING, rules().unblock(STRANGER));
        assertTrue(rules().authorize(ALICE, FILES, rule("trusted")).allowed());
        assertFalse(rules().authorize(STRANGER, FILES, rule("trusted")).allowed(), "what only added peers get stays theirs");
        assertTrue(rules().authorize(STRANGER, FILES, rule("anyone")).allowed(), "no longer refused");
    }

    @Test
    void aStrangerStoredAsTrustedCountsAsPendingUntilTheUserAddsIt() throws Exception {
        rules().setTrust(STRANGER, TrustState.TRUSTED); // as an unblock of a stranger once stored it
        assertEquals(Optional.of(TrustState.PENDING), rules().trust(STRANGER));
        assertFalse(rules().authorize(STRANGER, FILES, rule("trusted")).allowed());
        node.known.add(STRANGER);
        assertEquals(Optional.of(TrustState.TRUSTED), rules().trust(STRANGER));
        assertTrue(rules().authorize(STRANGER, FILES, rule("trusted")).allowed());
    }

    @Test
    void grantsAndSettingsSurviveARestart() throws Exception {
        Grant docs = grant(ALICE, "docs", Right.READ, Right.WRITE);
        rules().setInvitesGrantMessages(false);
        node.restart();
        assertEquals(List.of(docs), rules().grants());
        assertTrue(rules().allows(ALICE, Resource.parse("docs/x"), Right.WRITE));
        assertFalse(rules().invitesGrantMessages());
    }

    @Test
    void anInviteGivesTheMessageRightUnlessTurnedOff() throws Exception {
        rules().introducedByInvite(ALICE);
        assertTrue(rules().allows(ALICE, Resource.MESSAGES, Right.MESSAGE));
        assertEquals(Grant.Origin.INVITE, rules().grants().get(0).origin());
        rules().introducedByInvite(ALICE);
        assertEquals(1, rules().grants().size(), "a second invite does not pile up grants");
        rules().setInvitesGrantMessages(false);
        rules().introducedByInvite(STRANGER);
        assertFalse(rules().allows(STRANGER, Resource.MESSAGES, Right.MESSAGE));
    }

    @Test
    void theAuditLogChainsEveryChange() throws Exception {
        Grant docs = grant(ALICE, "docs", Right.READ);
        rules().revoke(docs.id());
        rules().setTrust(STRANGER, TrustState.BLOCKED);
        AuditReport report = rules().audit(10);
        assertTrue(report.intact());
        assertEquals(3, report.total());
        assertEquals(List.of(AuditEntry.Event.TRUST_CHANGED, AuditEntry.Event.REVOKED, AuditEntry.Event.GRANTED),
                report.entries().stream().map(AuditEntry::event).toList());
    }

    @Test
    void aChangedEntryIsFoundAtStart() throws Exception {
        threeEntries();
        node.sql("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2");
        node.restart();
        assertEquals(Optional.of("entry 2 of the audit log was changed"), rules().auditProblemAtStart());
        assertFalse(rules().audit(10).intact());
    }

    @Test
    void aRemovedEntryIsFound() throws Exception {
        threeEntries();
        node.sql("DELETE FROM audit_log WHERE seq = 2");
        node.restart();
        assertEquals(Optional.of("entry 2 is missing from the audit log"), rules().auditProblemAtStart());
    }

    @Test
    void removedNewestEntriesAreFound() throws Exception {
        threeEntries();
        node.sql("DELETE FROM audit_log WHERE seq = 3");
        node.restart();
        assertTrue(rules().auditProblemAtStart().orElseThrow().contains("newest entries were removed"));
    }

    @Test
    void anUntouchedLogChecksOutAfterARestart() throws Exception {
        threeEntries();
        node.restart();
        assertEquals(Optional.empty(), rules().auditProblemAtStart());
    }

    @Test
    void anIdentityMetOnANewerMachineIsAudited() throws Exception {
        rules().identityMoved(new IdentityMoved(ALICE, 1));
        rules().identityMoved(new IdentityMoved(node.self, 2));
        assertEquals(List.of(List.of(AuditEntry.Event.MOVED, Optional.empty(), "this node's identity runs on machine 2 now,"
                + " one that took its place from a backup; peers refuse this machine"), List.of(AuditEntry.Event.MOVED, Optional.of(ALICE), "its identity"
                + " runs on machine 1 now, one that took its place from a backup; the machines it ran on before are refused")),
                rules().audit(2).entries().stream().map(entry -> List.of(entry.event(), entry.peer(), entry.detail())).toList());
    }

    @Test
    void anIdentityMetOnTwoMachinesAtOnceIsAuditedOnceAnHourForEachPeerAndMachineAsTheRefusedCopyKeepsDialing() throws Exception {
        PeerAddress laptop = new PeerAddress("10.0.0.5", 22070);
        PeerAddress copy = new PeerAddress("10.0.0.7", 22070);
        for (int dial = 0; dial < 3; dial++) {
            rules().twinRefused(new TwinRefused(ALICE, laptop, copy, node.clock.instant()));
            rules().twinSeen(new TwinSeen(BOB, copy, false, node.clock.instant()));
            rules().twinSeen(new TwinSeen(BOB, laptop, true, node.clock.instant()));
            node.clock.advance(Duration.ofMinutes(1));
        }
        List<List<Object>> twins = List.of(List.of(AuditEntry.Event.TWIN, Optional.of(BOB), "met this node's identity on another machine"
                + " too, running at the same time at 10.0.0.5:22070, and refused this one; a copy of this node's data directory, or of"
                + " its key, runs there"), List.of(AuditEntry.Event.TWIN, Optional.of(BOB), "met this node's identity on another"
                + " machine too, running at the same time at 10.0.0.7:22070, and refused that one; a copy of this node's data"
                + " directory, or of its key, runs there"), List.of(AuditEntry.Event.TWIN, Optional.of(ALICE), "its identity ran on"
                + " two machines at the same time: kept the one at 10.0.0.5:22070, connected first, and refused the one at"
                + " 10.0.0.7:22070, a copy of its data directory or of its key"));
        assertEquals(twins, rules().audit(10).entries().stream().map(entry -> List.of(entry.event(), entry.peer(), entry.detail())).toList());

        node.clock.advance(Duration.ofHours(1));
        rules().twinRefused(new TwinRefused(ALICE, laptop, copy, node.clock.instant()));
        assertEquals(4, rules().audit(10).entries().size(), "an hour on, the copy still runs");
    }

    private void threeEntries() throws Exception {
        Grant docs = grant(ALICE, "docs", Right.READ);
        grant(ALICE, "photos", Right.READ);
        rules().revoke(docs.id());
    }
}
