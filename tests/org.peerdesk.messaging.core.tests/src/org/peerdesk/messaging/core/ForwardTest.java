package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;

/** A message's text sent on to another conversation, marked with whose it first was. */
class ForwardTest extends TwoPeers {

    @Test
    void aForwardedMessageSaysWhoseItWasOnEveryMembersNodeAndAForwardKeepsTheFirstAuthor() throws Exception {
        network.connect(ana, ben);
        ConversationId team = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Message question = ben.messenger().send(ben.messenger().direct(ana.id()).id(), "@ana lunch at noon?");
        Await.until(() -> ana.messenger().latest(chat, 10).size() == 1, () -> "ana did not get ben's question");

        Message forwarded = ana.messenger().forward(question.id(), team);
        Forwarded fromBen = new Forwarded(ben.id(), "ben");
        assertEquals(List.of(team, "@ana lunch at noon?", Optional.of(fromBen), List.of()),
                List.of(forwarded.conversation(), forwarded.body(), forwarded.forwarded(), forwarded.mentions()),
                "its text, marked as ben's, mentioning no one: whom it mentioned was the first conversation's business");
        Await.until(() -> ben.messenger().latest(team, 10).stream().anyMatch(message -> message.id().equals(forwarded.id())),
                () -> "ben did not get the forwarded message");
        Message atBen = message(ben, forwarded.id());
        assertEquals(List.of(ana.id(), Optional.of(fromBen)), List.of(atBen.author(), atBen.forwarded()), "ana sent it, ben wrote it");
        assertEquals(0, ben.messenger().conversation(team).orElseThrow().unreadMentions());

        Message again = ana.messenger().forward(forwarded.id(), chat);
        assertEquals(Optional.of(fromBen), again.forwarded(), "forwarded once more, it is still ben's");
        assertEquals(Optional.of(fromBen), message(ana, again.id()).forwarded(), "and so it is stored");
    }

    @Test
    void theUsersOwnFilesGoAlongAndAnothersOnceFetchedHere() throws Exception {
        network.connect(ana, ben);
        ConversationId team = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Path plan = Files.writeString(home.resolve("plan.txt"), "the plan");
        Message mine = ana.messenger().send(chat, "the plan", List.of(plan));

        Message forwarded = ana.messenger().forward(mine.id(), team);
        assertEquals(List.of("plan.txt"), forwarded.attachments().stream().map(attachment -> attachment.name()).toList());
        assertTrue(forwarded.attachments().get(0).path().startsWith("attachments/" + forwarded.id() + "/"), "offered again, apart");
        assertEquals(List.of(ben.id()), ana.offeredTo.get(forwarded.id()), "to the members of the conversation it went to");

        Message filesAlone = ben.messenger().send(ben.messenger().direct(ana.id()).id(), "", List.of(plan));
        Await.until(() -> ana.messenger().latest(chat, 10).size() == 2, () -> "ana did not get ben's files");
        assertTrue(assertThrows(MessagingException.class, () -> ana.messenger().forward(filesAlone.id(), team)).getMessage()
                .startsWith("That message is only files, which stay with ben until fetched"));
        Path fetched = Files.writeString(Files.createDirectories(home.resolve("downloads")).resolve("plan.txt"), "the plan");
        ana.fetchedHere.put(filesAlone.id(), List.of(fetched));
        Message passedOn = ana.messenger().forward(filesAlone.id(), team);
        assertEquals(List.of("plan.txt"), passedOn.attachments().stream().map(attachment -> attachment.name()).toList(),
                "fetched here, ben's file goes along, offered by ana");
        assertEquals(List.of(ben.id()), ana.offeredTo.get(passedOn.id()));
        ana.messenger().delete(mine.id());
        assertTrue(assertThrows(MessagingException.class, () -> ana.messenger().forward(mine.id(), team)).getMessage()
                .contains("deleted that message"));
        assertTrue(assertThrows(MessagingException.class, () -> ana.messenger().forward(Envelopes.newId(), team)).getMessage()
                .startsWith("There is no message "));
    }

    @Test
    void aNodeOfAnEarlierVersionReadsWhoseTheTextWasInIt() throws Exception {
        ben.unknownKinds.add(13); // FORWARD
        network.connect(ana, ben);
        ConversationId team = ana.messenger().createGroup("team", List.of(ben.id())).id();
        Message mine = ana.messenger().send(team, "see you at noon");
        Message forwarded = ana.messenger().forward(mine.id(), chat);
        Await.until(() -> ben.messenger().latest(chat, 10).stream().anyMatch(message -> message.id().equals(forwarded.id())),
                () -> "ben's node did not get the forwarded message as a text");
        Message atBen = message(ben, forwarded.id());
        assertEquals(List.of("Forwarded from " + forwarded.forwarded().orElseThrow().name() + ":\nsee you at noon", Optional.empty()),
                List.of(atBen.body(), atBen.forwarded()));
    }

    @Test
    void theWireCarriesWhoseItWasAndRefusesANameThatIsNone() throws Exception {
        Envelope envelope = new Envelope(Envelopes.newId(), chat, ana.id(), 1, new Envelope.Text("hi", List.of(), new Forwarded(ben.id(), "Ben B.")));
        byte[] sealed = ana.seal(envelope);
        assertEquals(13, sealed[1]);
        assertEquals(envelope.payload(), Envelopes.open(sealed).payload());

        byte[] badName = ana.seal(new Envelope(Envelopes.newId(), chat, ana.id(), 1, new Envelope.Text("hi", List.of(),
                new Forwarded(ben.id(), "Ben\nB."))));
        assertTrue(assertThrows(InvalidInputException.class, () -> Envelopes.open(badName)).getMessage().contains("is not a name"));
        assertThrows(IllegalArgumentException.class, () -> new Envelope.Text("@ben", List.of(), Optional.empty(), Optional.empty(),
                List.of(ben.id()), Optional.of(new Forwarded(ben.id(), "ben"))), "a forwarded text is plain");
    }
}
