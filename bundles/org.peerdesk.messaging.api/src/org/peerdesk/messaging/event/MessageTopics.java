package org.peerdesk.messaging.event;

import org.peerdesk.core.Topics;

/** EventAdmin topics of the messaging area; each event carries its record under {@link Topics#DATA}. */
public final class MessageTopics {

    public static final String ROOT = Topics.ROOT + "/messaging";
    public static final String ALL = ROOT + "/*";
    /** A {@link MessageAdded}: a message was sent here or arrived. */
    public static final String MESSAGE_ADDED = ROOT + "/MessageAdded";
    /** A {@link DeliveryChanged}: messages sent here got further (delivered, read) or failed. */
    public static final String DELIVERY_CHANGED = ROOT + "/DeliveryChanged";
    /** A {@link ConversationChanged}: a conversation was created, read, its members changed, or a message in it was edited or deleted. */
    public static final String CONVERSATION_CHANGED = ROOT + "/ConversationChanged";
    /** A {@link ReactionAdded}: a member of a conversation reacted to one of its messages. */
    public static final String REACTION_ADDED = ROOT + "/ReactionAdded";

    /** A {@link TypingChanged}: a member started or stopped typing in a conversation. */
    public static final String TYPING_CHANGED = ROOT + "/TypingChanged";

    private MessageTopics() {
    }
}
