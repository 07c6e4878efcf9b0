package org.peerdesk.permissions.ui;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.ui.PeerActions;

/**
 * "Ask for access..." on a peer, or on what a peer refused (a transfer, say): the Access view's Get access dialog,
 * that peer chosen and, where the caller names them, the resource and the rights filled in.
 */
public final class AskAccessHandler {

    @CanExecute
    boolean canExecute(@Optional @Service AccessRequests requests) {
        return requests != null;
    }

    @Execute
    void execute(@Named(PeerActions.PEER) String peer, @Optional @Named(PeerActions.RESOURCE) String resource,
            @Optional @Named(PeerActions.RIGHTS) String rights, MApplication application, EPartService parts) throws InvalidInputException {
        PeerActions.hand(application, parts, AccessPart.ID, AccessPart.ASK_FOR,
                new AccessAsk(PeerId.parse(peer), resource == null ? "" : resource, rights == null ? "read" : rights));
    }
}
