package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Draft;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** What the user was writing and did not send is kept per conversation, on their node only. */
class DraftTest extends TwoPeers {

    @Test
    void aDraftIsKeptPerConversationUntilForgottenAndTooLongOneIsRefused() throws Exception {
        Message question = ana.messenger().send(chat, "What about the budget?");
        assertEquals(Draft.NONE, ana.messenger().conversation(chat).orElseThrow().draft());
        ana.messenger().saveDraft(chat, new Draft("Dear Ben,\nabout the budget", Optional.empty()));
        assertEquals(new Draft("Dear Ben,\nabout the budget", Optional.empty()), ana.messenger().conversation(chat).orElseThrow().draft());
        assertEquals("Dear Ben,\nabout the budget", ana.messenger().conversations().get(0).draft().text());
        assertTrue(ana.conversationsChanged.contains(chat), "the list learns of it");
        ana.messenger().saveDraft(chat, new Draft("Dear Ben, about the budget:", Optional.of(question.id())));
        assertEquals(new Draft("Dear Ben, about the budget:", Optional.of(question.id())),
                ana.messenger().conversation(chat).orElseThrow().draft(), "the newest is kept, with the message it answers");

        ana.messenger().saveDraft(chat, new Draft(" \n ", Optional.of(question.id())));
        assertEquals(Draft.NONE, ana.messenger().conversation(chat).orElseThrow().draft(), "a blank draft is none, a reply's or not");

        MessagingException tooLong = assertThrows(MessagingException.class,
                () -> ana.messenger().saveDraft(chat, new Draft("x".repeat(MessageService.MAX_DRAFT_CHARS + 1), Optional.empty())));
        assertTrue(tooLong.getMessage().contains("at most " + MessageService.MAX_DRAFT_CHARS), tooLong.getMessage());
        MessagingException unknown = assertThrows(MessagingException.class,
                () -> ana.messenger().saveDraft(ConversationId.random(), new Draft("hi", Optional.empty())));
        assertTrue(unknown.getMessage().startsWith("There is no conversation "), unknown.getMessage());
        ana.messenger().saveDraft(chat, new Draft("x".repeat(MessageService.MAX_DRAFT_CHARS), Optional.empty()));
        assertEquals(MessageService.MAX_DRAFT_CHARS, ana.messenger().conversation(chat).orElseThrow().draft().text().length());
    }
}
