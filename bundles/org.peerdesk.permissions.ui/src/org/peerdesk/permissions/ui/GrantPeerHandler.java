package org.peerdesk.permissions.ui;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.ui.PeerActions;

/** "Grant access..." on a peer: the Access view's grant dialog, that peer chosen. */
public final class GrantPeerHandler {

    @CanExecute
    boolean canExecute(@Optional @Service PermissionService permissions) {
        return permissions != null;
    }

    @Execute
    void execute(@Named(PeerActions.PEER) String peer, MApplication application, EPartService parts) throws InvalidInputException {
        PeerActions.handTo(application, parts, AccessPart.ID, AccessPart.GRANT_TO, peer);
    }
}
