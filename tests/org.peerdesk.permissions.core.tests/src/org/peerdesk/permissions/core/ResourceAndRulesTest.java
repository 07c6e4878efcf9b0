package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRule;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

class ResourceAndRulesTest {

    private static final PeerId PEER = new PeerId(new byte[32]);
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void readsSharesPathsMessagesAndBackup() throws Exception {
        assertEquals(new Resource(Resource.Kind.SHARE, "docs", ""), Resource.parse("docs"));
        assertEquals(new Resource(Resource.Kind.SHARE, "docs", "reports/2026"), Resource.parse(" docs/reports/2026/ "));
        assertEquals(Resource.MESSAGES, Resource.parse("Messages"));
        assertEquals(Resource.BACKUP, Resource.parse("backup"));
        assertEquals("docs/reports", Resource.parse("docs/reports").toString());
    }

    @Test
    void refusesPathsThatLeaveTheShareOrAreNotRelative() {
        for (String bad : new String[] {"docs/../etc", "docs/a/../../b", "..", "/etc/passwd", "C:/Windows", "docs//x",
                "docs/./x", "docs\\..\\x", "docs/a\u0000b", "", "   ", "-docs", "messages/x", "x".repeat(2000)}) {
            assertThrows(InvalidInputException.class, () -> Resource.parse(bad), bad);
        }
    }

    @Test
    void aGrantOnAFolderCoversWhatIsInsideItAndNothingBeside() throws Exception {
        Resource reports = Resource.parse("docs/reports");
        assertTrue(reports.covers(Resource.parse("docs/reports")));
        assertTrue(reports.covers(Resource.parse("docs/reports/q3.pdf")));
        assertFalse(reports.covers(Resource.parse("docs/reports-old")));
        assertFalse(reports.covers(Resource.parse("docs")));
        assertFalse(reports.covers(Resource.parse("other/reports")));
        assertTrue(Resource.parse("docs").covers(Resource.parse("docs/any/thing")));
        assertFalse(Resource.MESSAGES.covers(Resource.BACKUP));
    }

    @Test
    void rightsMustFitTheResource() throws Exception {
        GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.READ, Right.WRITE)).checked();
        GrantTerms.of(Resource.MESSAGES, EnumSet.of(Right.MESSAGE)).checked();
        new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(), OptionalLong.of(1L << 30)).checked();
        assertThrows(InvalidInputException.class, () -> GrantTerms.of(Resource.MESSAGES, EnumSet.of(Right.READ)).checked());
        assertThrows(InvalidInputException.class, () -> GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.STORE_BACKUP)).checked());
        assertThrows(InvalidInputException.class, () -> new GrantTerms(Resource.parse("docs"), EnumSet.of(Right.READ),
                Optional.empty(), OptionalLong.of(10)).checked());
        assertThrows(InvalidInputException.class, () -> Right.parseAll("read,fly"));
        assertThrows(InvalidInputException.class, () -> Right.parseAll(","));
        assertEquals(EnumSet.of(Right.READ, Right.STORE_BACKUP), Right.parseAll("store-backup, read"));
    }

    @Test
    void anApprovalMayNarrowButNeverWiden() throws Exception {
        GrantTerms asked = GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.READ, Right.WRITE));
        assertEquals(EnumSet.of(Right.READ), EnumSet.copyOf(asked.narrowedTo(EnumSet.of(Right.READ)).rights()));
        GrantTerms readOnly = GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.READ));
        assertThrows(InvalidInputException.class, () -> readOnly.narrowedTo(EnumSet.of(Right.READ, Right.WRITE)));
    }

    @Test
    void accessRulesNameALevelOrARightOnAResource() throws Exception {
        assertEquals(AccessRule.Level.ANYONE, AccessRule.parse("anyone").level());
        assertEquals(AccessRule.Level.TRUSTED, AccessRule.parse("trusted").level());
        AccessRule anyShare = AccessRule.parse("read@shares");
        AccessRule messages = AccessRule.parse("message@messages");
        for (String bad : new String[] {"", "everyone", "read", "@docs", "fly@docs", "read@../x"}) {
            assertThrows(InvalidInputException.class, () -> AccessRule.parse(bad), bad);
        }
        Grant docs = grant("docs/reports", Right.READ, Optional.empty());
        assertTrue(anyShare.satisfiedBy(docs, NOW));
        assertFalse(messages.satisfiedBy(docs, NOW));
        assertTrue(AccessRule.parse("read@docs/reports/q3").satisfiedBy(docs, NOW));
        assertFalse(AccessRule.parse("read@docs").satisfiedBy(docs, NOW));
        assertFalse(AccessRule.parse("write@shares").satisfiedBy(docs, NOW));
        Grant expired = grant("docs", Right.READ, Optional.of(NOW));
        assertFalse(anyShare.satisfiedBy(expired, NOW), "a grant ends at its expiry");
        assertTrue(anyShare.satisfiedBy(expired, NOW.minusMillis(1)));
    }

    @Test
    void whoMayUseAProtocolIsSaidInWordsAndNoOneWhereItDeclaresNothingUsable() {
        assertEquals("any peer that connects, strangers too", AccessRule.whoMay("anyone"));
        assertEquals("trusted peers", AccessRule.whoMay("trusted"));
        assertEquals("peers granted read on notes", AccessRule.whoMay("read@notes"));
        assertEquals("peers granted read on any share", AccessRule.whoMay("read@shares"));
        assertEquals("no one: The protocol declares no access rule.", AccessRule.whoMay(null));
        assertTrue(AccessRule.whoMay("everybody").startsWith("no one: 'everybody' is not an access rule"));
    }

    private static Grant grant(String resource, Right right, Optional<Instant> expires) throws InvalidInputException {
        return new Grant(1, PEER, Resource.parse(resource), EnumSet.of(right), OptionalLong.empty(), NOW.minusSeconds(60), expires,
                Grant.Origin.GRANTED);
    }
}
