package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;

/** What the user was writing and did not send is kept per conversation, on their node only. */
class DraftTest extends TwoPeers {

    @Test
    void aDraftIsKeptPerConversationUntilForgottenAndTooLongOneIsRefused() throws Exception {
        assertEquals("", ana.messenger().conversation(chat).orElseThrow().draft());
        ana.messenger().saveDraft(chat, "Dear Ben,\nabout the budget");
        assertEquals("Dear Ben,\nabout the budget", ana.messenger().conversation(chat).orElseThrow().draft());
        assertEquals("Dear Ben,\nabout the budget", ana.messenger().conversations().get(0).draft());
        assertTrue(ana.conversationsChanged.contains(chat), "the list learns of it");
        ana.messenger().saveDraft(chat, "Dear Ben, about the budget:");
        assertEquals("Dear Ben, about the budget:", ana.messenger().conversation(chat).orElseThrow().draft(), "the newest is kept");

        ana.messenger().saveDraft(chat, " \n ");
        assertEquals("", ana.messenger().conversation(chat).orElseThrow().draft(), "a blank draft is none");

        MessagingException tooLong = assertThrows(MessagingException.class,
                () -> ana.messenger().saveDraft(chat, "x".repeat(MessageService.MAX_DRAFT_CHARS + 1)));
        assertTrue(tooLong.getMessage().contains("at most " + MessageService.MAX_DRAFT_CHARS), tooLong.getMessage());
        MessagingException unknown = assertThrows(MessagingException.class, () -> ana.messenger().saveDraft(ConversationId.random(), "hi"));
        assertTrue(unknown.getMessage().startsWith("There is no conversation "), unknown.getMessage());
        ana.messenger().saveDraft(chat, "x".repeat(MessageService.MAX_DRAFT_CHARS));
        assertEquals(MessageService.MAX_DRAFT_CHARS, ana.messenger().conversation(chat).orElseThrow().draft().length());
    }
}
