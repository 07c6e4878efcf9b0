package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.event.GivenChanged;
import org.peerdesk.testing.SettableClock;

/** What an owner grants a peer, told over the protocol's encoding to the peer's real book and database. */
class GivenBookTest {

    @TempDir
    Path home;
    private SettableClock clock;
    private PermissionsFixture ownerNode;
    private PermissionsFixture peerNode;
    private GivenBook owner;
    private GivenBook peer;
    private final List<GivenChanged> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = new SettableClock(PermissionsFixture.START);
        ownerNode = new PermissionsFixture(home.resolve("owner"), 1, clock);
        peerNode = new PermissionsFixture(home.resolve("peer"), 2, clock);
        owner = new GivenBook(ownerNode.permissions, clock, change -> {
        });
        peerNode.known.add(ownerNode.self);
        peer = new GivenBook(peerNode.permissions, clock, heard::add);
    }

    @AfterEach
    void stop() throws Exception {
        ownerNode.close();
        peerNode.close();
    }

    /** What the owner's node does when the two connect or its grants to the peer change. */
    private Optional<String> tell() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GivenMessages.tell(new DataOutputStream(wire), owner.toTell(peerNode.self));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(GivenMessages.TELL, GivenMessages.readKind(in));
        return peer.told(ownerNode.self, GivenMessages.readList(in));
    }

    private Grant grant(String resource, Right... rights) throws Exception {
        return ownerNode.permissions.grant(peerNode.self, GrantTerms.of(Resource.parse(resource), EnumSet.of(rights[0], rights)),
                Grant.Origin.GRANTED);
    }

    @Test
    void aPeerLearnsWhatItIsGivenWhatIsAddedAndWhatEnds() throws Exception {
        grant("team/docs", Right.READ);
        ownerNode.permissions.grant(peerNode.self, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(20L << 30)), Grant.Origin.GRANTED);
        assertEquals(Optional.empty(), tell());

        List<Given> given = peer.given();
        assertEquals(List.of("store-backup on backup, up to 20.0 GiB", "read on team/docs"),
                given.stream().map(each -> Given.describe(each.terms())).toList());
        assertTrue(given.stream().allMatch(each -> each.owner().equals(ownerNode.self)));
        assertEquals(1, heard.size());
        assertEquals(2, heard.get(0).added().size());

        Grant readWrite = grant("team/docs", Right.READ, Right.WRITE);
        tell();
        assertEquals(List.of(EnumSet.of(Right.WRITE)), heard.get(1).added().stream().map(terms -> EnumSet.copyOf(terms.rights())).toList(),
                "only the right it did not have before is new");
        assertEquals(List.of(), heard.get(1).ended());

        ownerNode.permissions.revoke(readWrite.id());
        tell();
        assertEquals(List.of("read,write on team/docs"), heard.get(2).ended().stream().map(Given::describe).toList());
        assertEquals(List.of("store-backup on backup, up to 20.0 GiB"), peer.given().stream().map(each -> Given.describe(each.terms())).toList());

        Instant since = peer.given().get(0).since();
        clock.advance(Duration.ofMinutes(5));
        ownerNode.permissions.grant(peerNode.self, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(40L << 30)), Grant.Origin.GRANTED);
        tell();
        assertEquals(3, heard.size(), "more room is no new right");
        assertEquals(List.of("store-backup on backup, up to 40.0 GiB"), peer.given().stream().map(each -> Given.describe(each.terms())).toList());
        assertEquals(since, peer.given().get(0).since(), "given since the first telling");
    }

    @Test
    void whatExpiresIsNoLongerListedAndWhatWasNeverGivenIsNotTold() throws Exception {
        ownerNode.permissions.grant(peerNode.self, new GrantTerms(Resource.parse("photos"), EnumSet.of(Right.READ),
                Optional.of(clock.instant().plus(Duration.ofHours(1))), OptionalLong.empty()), Grant.Origin.GRANTED);
        ownerNode.permissions.grant(PermissionsFixture.peer(3), GrantTerms.of(Resource.parse("secret"), EnumSet.of(Right.READ)),
                Grant.Origin.GRANTED);
        tell();
        assertEquals(List.of("photos"), peer.given().stream().map(each -> each.terms().resource().toString()).toList(),
                "a grant to another peer is not told");

        clock.advance(Duration.ofHours(2));
        assertEquals(List.of(), peer.given());
        assertEquals(List.of(), owner.toTell(peerNode.self));
    }

    @Test
    void aPeerThatTellsOverAndOverIsRefusedAndWhatItToldStays() throws Exception {
        grant("team/docs", Right.READ);
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), tell());
        }
        ownerNode.permissions.revoke(ownerNode.permissions.grants().get(0).id());
        assertEquals(Optional.of("told too often; tell again in a few seconds"), tell());
        assertEquals(1, peer.given().size(), "a refused list changes nothing");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), tell());
        assertEquals(List.of(), peer.given());
    }

    @Test
    void aPeerThisNodeDoesNotKnowIsNotHeardAndAForgottenOneGivesNothing() throws Exception {
        peerNode.known.remove(ownerNode.self);
        grant("team/docs", Right.READ);
        assertEquals(Optional.of("this node does not know you (yet); it asks once its user chooses to"), tell());
        assertEquals(List.of(), peer.given());
        assertEquals(List.of(), heard);

        peerNode.known.add(ownerNode.self);
        assertEquals(Optional.empty(), tell());
        assertEquals(1, peer.given().size());
        peerNode.permissions.forget(ownerNode.self);
        assertEquals(List.of(), peer.given(), "a forgotten peer gives nothing, whatever it said");
    }

    @Test
    void whatWasToldSurvivesARestart() throws Exception {
        grant("team/docs", Right.READ, Right.WRITE);
        tell();
        peerNode.restart();
        peer = new GivenBook(peerNode.permissions, clock, heard::add);
        assertEquals(List.of("read,write on team/docs"), peer.given().stream().map(each -> Given.describe(each.terms())).toList());
    }
}
