package org.peerdesk.files.ui;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.ui.PeerActions;

/** "Browse its shares" on a peer: opens Browse peers on that peer, its shares listed. */
public final class BrowsePeerHandler {

    @CanExecute
    boolean canExecute(@Optional @Service RemoteFiles remote) {
        return remote != null;
    }

    @Execute
    void execute(@Named(PeerActions.PEER) String peer, MApplication application, EPartService parts) throws InvalidInputException {
        PeerActions.handTo(application, parts, RemotePart.ID, RemotePart.BROWSE, peer);
    }
}
