package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessagingException;

/** A user mutes a conversation on their node: its messages still come and count as unread there; the node remembers. */
class MuteTest extends TwoPeers {

    @Test
    void aMutedConversationStillTakesMessagesAndIsKept() throws Exception {
        network.connect(ana, ben);
        ConversationId fromBen = ben.messenger().direct(ana.id()).id();
        Conversation muted = ana.messenger().mute(chat, true);
        assertTrue(muted.muted());
        assertTrue(ana.messenger().isMuted(chat));
        assertFalse(ben.messenger().isMuted(fromBen), "muting is the user's own, on their node");

        ben.messenger().send(fromBen, "Lunch?");
        Await.until(() -> ana.messenger().conversation(chat).orElseThrow().unread() == 1, () -> "the message did not count as unread");
        assertTrue(ana.messenger().conversations().get(0).muted());

        assertEquals(java.util.Set.of(chat), ana.storage.transact(MessageRows::muted), "kept, for the node's next start");
        assertFalse(ana.messenger().mute(chat, false).muted());
        assertFalse(ana.messenger().isMuted(chat));
        assertTrue(ana.conversationsChanged.contains(chat), "the change is news, for the views");

        MessagingException unknown = assertThrows(MessagingException.class, () -> ana.messenger().mute(ConversationId.random(), true));
        assertTrue(unknown.getMessage().startsWith("There is no conversation "), unknown.getMessage());
        assertEquals(1, ana.messenger().conversations().size());
    }
}
