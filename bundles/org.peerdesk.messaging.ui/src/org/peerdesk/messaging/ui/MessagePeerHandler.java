package org.peerdesk.messaging.ui;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.ui.PeerActions;

/** "Send a message..." on a peer: opens the direct conversation with it in the Chat view, ready to write. */
public final class MessagePeerHandler {

    @CanExecute
    boolean canExecute(@Optional @Service MessageService messages) {
        return messages != null;
    }

    @Execute
    void execute(@Named(PeerActions.PEER) String peer, @Service MessageService messages, MApplication application, EPartService parts)
            throws MessagingException, InvalidInputException {
        ConversationId conversation = messages.direct(PeerId.parse(peer)).id();
        application.getContext().set(ConversationId.class, conversation);
        parts.showPart(ConversationsPart.CHAT_PART, PartState.ACTIVATE);
    }
}
