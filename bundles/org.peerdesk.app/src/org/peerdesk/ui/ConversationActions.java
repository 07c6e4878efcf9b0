package org.peerdesk.ui;

import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;

/**
 * What can be done with a conversation, as other bundles (a plugin too) contribute it: a command in the application
 * model tagged {@value #TAG}, with a parameter {@value #CONVERSATION} that receives the conversation's ID (as
 * {@code ConversationId.value()} writes it), is offered in the menu of each conversation in the Conversations view,
 * under its command name.
 */
public final class ConversationActions {

    /** The tag that makes a command an action on a conversation. */
    public static final String TAG = "peerdesk:conversation-action";
    /** The command parameter that receives the conversation's ID. */
    public static final String CONVERSATION = "org.peerdesk.conversation";

    private ConversationActions() {
    }

    /** The contributed actions on the conversation {@code conversation} (its ID), each enabled as its handler says. */
    public static List<ContextMenus.Action> of(MApplication application, String conversation) {
        return ContributedActions.of(application, TAG, CONVERSATION, conversation);
    }
}
