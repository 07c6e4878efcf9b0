package org.peerdesk.messaging.ui;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.ui.ConversationActions;

/** Opens a conversation in the Chat view: where "Needs you" sends the user for the messages that mention them there. */
public final class OpenConversationHandler {

    @Execute
    void execute(@Named(ConversationActions.CONVERSATION) String conversation, MApplication application, EPartService parts) {
        application.getContext().set(ConversationId.class, new ConversationId(conversation));
        parts.showPart(ConversationsPart.CHAT_PART, PartState.ACTIVATE);
    }
}
