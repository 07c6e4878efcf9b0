package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.core.MessageRows.NewMessage;

/** A message named by the end of its ID, its handle, as a user types it. */
class HandleTest extends TwoPeers {

    @Test
    void aHandleOrMoreOfTheIdNamesTheOneMessageWhoseIdEndsSo() throws Exception {
        Message sent = ana.messenger().send(chat, "Lunch?");
        assertEquals(Message.HANDLE_DIGITS, sent.handle().length());
        assertTrue(sent.id().endsWith(sent.handle()));
        assertEquals(Optional.of(sent.id()), ana.messenger().idEndingIn(sent.handle()));
        assertEquals(Optional.of(sent.id()), ana.messenger().idEndingIn(sent.handle().toUpperCase(Locale.ROOT)), "any case");
        assertEquals(Optional.of(sent.id()), ana.messenger().idEndingIn(sent.id()), "the whole ID");
        assertEquals(Optional.empty(), ana.messenger().idEndingIn(Envelopes.newId()), "an ID this node does not have");
        assertEquals(Optional.empty(), ben.messenger().idEndingIn(sent.handle()), "nor a handle");

        for (String notOne : List.of("1a2b3c4", "1a2b3c4g", sent.id() + "0")) {
            assertTrue(assertThrows(MessagingException.class, () -> ana.messenger().idEndingIn(notOne)).getMessage()
                    .contains("names no message: a message is named by the last 8 or more hex digits of its ID"), notOne);
        }

        String twin = Envelopes.newId().substring(0, 2 * Envelopes.ID_BYTES - Message.HANDLE_DIGITS) + sent.handle();
        ana.storage.transact(connection -> MessageRows.insert(connection,
                new NewMessage(twin, chat, Message.Kind.TEXT, ben.id(), 1, "another", List.of(), false)));
        assertTrue(assertThrows(MessagingException.class, () -> ana.messenger().idEndingIn(sent.handle())).getMessage()
                .startsWith("The IDs of several messages end in " + sent.handle() + "; give more of the ID"));
        assertEquals(Optional.of(sent.id()), ana.messenger().idEndingIn(sent.id().substring(10)), "more of it tells them apart");
    }
}
