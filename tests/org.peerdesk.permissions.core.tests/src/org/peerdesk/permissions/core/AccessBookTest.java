package org.peerdesk.permissions.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
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
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequest.Direction;
import org.peerdesk.permissions.AccessRequest.State;
import org.peerdesk.permissions.Approval;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.testing.SettableClock;

/** Requests between two nodes' real rules and databases; the "wire" encodes every message as the protocol does. */
class AccessBookTest {

    @TempDir
    Path home;
    private PermissionsFixture ownerNode;
    private PermissionsFixture askerNode;
    private AccessBook owner;
    private AccessBook asker;
    private boolean online = true;
    private final List<PeerId> approvedStrangers = new CopyOnWriteArrayList<>();
    private final List<Optional<String>> approvedStrangersNames = new CopyOnWriteArrayList<>();
    /** The name the asker gives for itself while it is connected. */
    private Optional<String> askerSays = Optional.of("Cai");

    @BeforeEach
    void start() throws Exception {
        SettableClock clock = new SettableClock(PermissionsFixture.START);
        ownerNode = new PermissionsFixture(home.resolve("owner"), 1, clock);
        askerNode = new PermissionsFixture(home.resolve("asker"), 2, clock);
        owner = book(ownerNode, () -> asker, askerNode.self);
        asker = book(askerNode, () -> owner, ownerNode.self);
    }

    @AfterEach
    void stop() throws Exception {
        ownerNode.close();
        askerNode.close();
    }

    private AccessBook book(PermissionsFixture node, java.util.function.Supplier<AccessBook> other, PeerId otherId) {
        return new AccessBook(node.permissions, node.clock, new AccessBook.Messenger() {
            @Override
            public Optional<String> send(PeerId peer, AccessMessages.Message message) throws PermissionException {
                try {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    AccessMessages.write(new DataOutputStream(bytes), message);
                    AccessMessages.Message received = AccessMessages.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                    return other.get().received(node.self, received);
                } catch (Exception e) {
                    throw new PermissionException(e.getMessage(), e);
                }
            }

            @Override
            public boolean online(PeerId peer) {
                return online && peer.equals(otherId);
            }

            @Override
            public Optional<String> selfName(PeerId peer) {
                return online(peer) && peer.equals(askerNode.self) ? askerSays : Optional.empty();
            }
        }, new AccessBook.Listener() {
            @Override
            public void requestChanged(AccessRequest request) {
            }

            @Override
            public void approvedStranger(PeerId peer, Optional<String> askerName) {
                approvedStrangers.add(peer);
                ownerNode.known.add(peer); // as the node remembers it among its peers
                approvedStrangersNames.add(askerName);
            }
        });
    }

    private GrantTerms readWrite(String resource) throws InvalidInputException {
        return GrantTerms.of(Resource.parse(resource), EnumSet.of(Right.READ, Right.WRITE));
    }

    @Test
    void aStrangerAsksTheOwnerApprovesFewerRightsAndTheAskerLearnsAtOnce() throws Exception {
        AccessRequest sent = asker.request(ownerNode.self, readWrite("docs/reports"), "for the Q3 review");

        AccessRequest incoming = owner.requests().get(0);
        assertEquals(Direction.INCOMING, incoming.direction());
        assertEquals(State.PENDING, incoming.state());
        assertEquals("for the Q3 review", incoming.note());
        assertEquals(Optional.of(TrustState.PENDING), ownerNode.permissions.trust(askerNode.self), "a stranger who asks is pending");

        owner.approve(incoming.id(), new Approval(Optional.of(EnumSet.of(Right.READ)), Optional.empty(), Optional.empty()));

        assertTrue(ownerNode.permissions.allows(askerNode.self, Resource.parse("docs/reports/q3.pdf"), Right.READ));
        assertFalse(ownerNode.permissions.allows(askerNode.self, Resource.parse("docs/reports/q3.pdf"), Right.WRITE));
        assertEquals(Optional.of(TrustState.TRUSTED), ownerNode.permissions.trust(askerNode.self));
        assertEquals(List.of(askerNode.self), approvedStrangers);
        assertEquals(List.of(Optional.of("Cai")), approvedStrangersNames, "named as it asked, to be known by that name");
        AccessRequest answered = asker.requests().get(0);
        assertEquals(sent.id(), answered.id());
        assertEquals(State.APPROVED, answered.state());
        assertEquals(EnumSet.of(Right.READ), EnumSet.copyOf(answered.granted().orElseThrow().rights()));
        assertThrows(PermissionException.class, () -> owner.deny(incoming.id()), "decided once");
    }

    @Test
    void aStrangersRequestIsShownByTheNameItGaveAsItAskedMarkedAsAStrangers() throws Exception {
        asker.request(ownerNode.self, readWrite("docs"), "");
        askerSays = Optional.empty();
        asker.request(ownerNode.self, readWrite("photos"), "");

        List<AccessRequest> incoming = owner.requests(); // newest first
        String id = askerNode.self.shortForm();
        assertEquals(Optional.of("Cai"), incoming.get(1).askerName(), "kept with the request, for when the asker has gone");
        assertEquals("Cai (stranger " + id + ")", incoming.get(1).peerName(Optional.empty()));
        assertEquals(id + " (stranger)", incoming.get(0).peerName(Optional.empty()), "a peer that gave no name");
        assertEquals("Cai Lee", incoming.get(1).peerName(Optional.of("Cai Lee")), "a known peer goes by the name this node knows");
        assertEquals(Optional.empty(), asker.requests().get(0).askerName(), "this node's own requests name no asker");
    }

    @Test
    void theOwnerGivesBackupStorageWithAQuotaOfItsOwnButNoQuotaOnAShare() throws Exception {
        asker.request(ownerNode.self, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(500L << 30)), "for my photos");
        long storage = owner.requests().get(0).id();

        owner.approve(storage, new Approval(Optional.empty(), Optional.empty(), Optional.of(OptionalLong.of(20L << 30))));

        Grant given = ownerNode.permissions.grants().get(0);
        assertEquals(OptionalLong.of(20L << 30), given.quotaBytes(), "the owner's quota, not the one asked for");
        assertEquals(OptionalLong.of(20L << 30), asker.requests().get(0).granted().orElseThrow().quotaBytes(), "and the asker learns it");

        asker.request(ownerNode.self, readWrite("docs"), "");
        long share = owner.requests().stream().filter(request -> request.state() == State.PENDING).findFirst().orElseThrow().id();
        PermissionException refused = assertThrows(PermissionException.class,
                () -> owner.approve(share, new Approval(Optional.empty(), Optional.empty(), Optional.of(OptionalLong.of(1L << 30)))));
        assertEquals("A quota is a positive size, and only backup storage takes one.", refused.getMessage());
        assertEquals(State.PENDING, owner.requests().stream().filter(request -> request.id() == share).findFirst().orElseThrow().state(),
                "still waits for an answer that can be given");
    }

    @Test
    void anApprovalKeepsTheQuotaAskedForUnlessItGivesAnotherOrNone() throws Exception {
        GrantTerms asked = new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(), OptionalLong.of(500L << 30));
        asker.request(ownerNode.self, asked, "");
        owner.approve(owner.requests().get(0).id(), new Approval(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(OptionalLong.of(500L << 30), ownerNode.permissions.grants().get(0).quotaBytes(), "as asked");

        asker.request(ownerNode.self, new GrantTerms(Resource.BACKUP, EnumSet.of(Right.STORE_BACKUP), Optional.empty(),
                OptionalLong.of(2L << 40)), "more, please");
        long again = owner.requests().stream().filter(request -> request.state() == State.PENDING).findFirst().orElseThrow().id();
        owner.approve(again, new Approval(Optional.empty(), Optional.empty(), Optional.of(OptionalLong.empty())));
        assertEquals(List.of(OptionalLong.empty()), ownerNode.permissions.grants().stream().map(Grant::quotaBytes).toList(),
                "no limit, in the one grant that replaced the first");
        assertEquals(OptionalLong.empty(), asker.requests().stream().filter(request -> request.id() == again).findFirst().orElseThrow()
                .granted().orElseThrow().quotaBytes(), "and the asker learns it");
    }

    @Test
    void aRequestTheOwnersGrantsGiveInFullIsAnsweredWithoutTheOwner() throws Exception {
        asker.request(ownerNode.self, readWrite("docs/reports"), "");
        long waiting = owner.requests().get(0).id();
        ownerNode.permissions.grant(askerNode.self, GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.READ)), Grant.Origin.GRANTED);
        owner.answerCovered(askerNode.self);
        assertEquals(State.PENDING, owner.requests().get(0).state(), "read alone leaves write to decide");

        Grant write = ownerNode.permissions.grant(askerNode.self, GrantTerms.of(Resource.parse("docs/reports"), EnumSet.of(Right.WRITE)),
                Grant.Origin.GRANTED);
        owner.answerCovered(askerNode.self);

        AccessRequest answered = owner.requests().get(0);
        assertEquals(State.APPROVED, answered.state());
        assertEquals(State.APPROVED, asker.requests().get(0).state(), "the asker is told");
        assertEquals(2, ownerNode.permissions.grants().size(), "no grant more than the owner made");
        assertTrue(ownerNode.permissions.audit(20).entries().stream().anyMatch(entry -> entry.detail()
                .equals("request " + waiting + " approved: already given by grant 1, grant " + write.id())));
        assertThrows(PermissionException.class, () -> owner.deny(waiting), "decided once");
    }

    @Test
    void grantsCoverARequestOnlyForAsLongAndWithAsMuchRoomAsItAsks() throws Exception {
        Instant soon = PermissionsFixture.START.plusSeconds(3600);
        Instant later = soon.plusSeconds(3600);
        Resource backup = Resource.parse("backup");
        GrantTerms forever = GrantTerms.of(Resource.parse("docs"), EnumSet.of(Right.READ));
        GrantTerms untilLater = new GrantTerms(Resource.parse("docs"), EnumSet.of(Right.READ), Optional.of(later), OptionalLong.empty());
        GrantTerms tenMiB = new GrantTerms(backup, EnumSet.of(Right.STORE_BACKUP), Optional.empty(), OptionalLong.of(10 << 20));

        assertEquals(List.of(), AccessBook.covering(forever, List.of(held(forever.resource(), Optional.of(soon), OptionalLong.empty()))));
        assertEquals(List.of(), AccessBook.covering(untilLater, List.of(held(forever.resource(), Optional.of(soon), OptionalLong.empty()))));
        assertEquals(1, AccessBook.covering(untilLater, List.of(held(forever.resource(), Optional.of(later), OptionalLong.empty()))).size());
        assertEquals(List.of(), AccessBook.covering(tenMiB, List.of(held(backup, Optional.empty(), OptionalLong.of(1 << 20)))));
        assertEquals(1, AccessBook.covering(tenMiB, List.of(held(backup, Optional.empty(), OptionalLong.empty()))).size());
        assertEquals(List.of(), AccessBook.covering(forever, List.of(held(Resource.parse("docs/reports"), Optional.empty(),
                OptionalLong.empty()))), "a grant of a folder inside does not give the whole share");
    }

    private Grant held(Resource resource, Optional<Instant> expires, OptionalLong quota) {
        Right right = resource.kind() == Resource.Kind.BACKUP ? Right.STORE_BACKUP : Right.READ;
        return new Grant(1, askerNode.self, resource, EnumSet.of(right), quota, PermissionsFixture.START, expires, Grant.Origin.GRANTED);
    }

    @Test
    void askingForWhatIsAlreadyHeldIsAnsweredAtOnce() throws Exception {
        ownerNode.permissions.grant(askerNode.self, readWrite("docs"), Grant.Origin.GRANTED);
        asker.request(ownerNode.self, readWrite("docs/reports"), "");
        owner.answerCovered(askerNode.self);
        assertEquals(State.APPROVED, asker.requests().get(0).state());
    }

    @Test
    void requestsAndAnswersWaitForAnOfflinePeer() throws Exception {
        online = false;
        asker.request(ownerNode.self, readWrite("docs"), "");
        assertEquals(List.of(), owner.requests());
        online = true;
        asker.flush(ownerNode.self);
        AccessRequest incoming = owner.requests().get(0);
        online = false;
        owner.deny(incoming.id());
        assertEquals(State.PENDING, asker.requests().get(0).state());
        online = true;
        owner.flush(askerNode.self);
        assertEquals(State.DENIED, asker.requests().get(0).state());
        owner.flush(askerNode.self);
        asker.flush(ownerNode.self);
        assertEquals(1, owner.requests().size(), "delivered once");
    }

    @Test
    void aFloodOfRequestsIsCutOffAndTheAskerIsTold() throws Exception {
        for (int i = 0; i < 5; i++) {
            asker.request(ownerNode.self, readWrite("docs" + i), "");
        }
        AccessRequest sixth = asker.request(ownerNode.self, readWrite("docs"), "");
        assertEquals(5, owner.requests().size());
        AccessRequest refused = asker.requests().stream().filter(r -> r.id() == sixth.id()).findFirst().orElseThrow();
        assertEquals(State.DENIED, refused.state());
        assertTrue(ownerNode.permissions.audit(20).entries().stream().noneMatch(entry -> entry.resource().equals("docs")
                && entry.event() == org.peerdesk.permissions.AuditEntry.Event.REQUESTED));
    }

    @Test
    void anAnswerToARequestNeverMadeIsRefused() {
        Optional<String> refusal = asker.received(ownerNode.self, new AccessMessages.Answer("made-up", true,
                Optional.of(GrantTerms.of(Resource.MESSAGES, EnumSet.of(Right.MESSAGE)))));
        assertTrue(refusal.isPresent());
    }

    @Test
    void malformedMessagesAreRefusedOnReading() throws Exception {
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref-1", "docs/../etc", "read", -1L, -1L, "")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref-1", "/etc", "read", -1L, -1L, "")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref 1", "docs", "read", -1L, -1L, "")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref-1", "messages", "read", -1L, -1L, "")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref-1", "docs", "read", -5L, -1L, "")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(9, "ref-1")));
        assertThrows(InvalidInputException.class, () -> AccessMessages.read(bytes(1, "ref-1", "docs", "read", -1L, -1L, "x".repeat(1001))));
        assertThrows(java.io.EOFException.class, () -> AccessMessages.read(bytes(1, "ref-1", "docs")));
    }

    private static DataInputStream bytes(Object... fields) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (Object field : fields) {
            switch (field) {
                case Integer type -> out.writeByte(type);
                case String text -> out.writeUTF(text);
                case Long number -> out.writeLong(number);
                default -> throw new IllegalArgumentException(String.valueOf(field));
            }
        }
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
