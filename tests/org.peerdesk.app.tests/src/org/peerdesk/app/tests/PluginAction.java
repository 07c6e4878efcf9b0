package org.peerdesk.app.tests;

import org.eclipse.e4.core.di.annotations.Execute;

/** The handler of the action on conversations that {@link ViewPlugin} adds; the tests only look for it in the menus. */
public final class PluginAction {

    @Execute
    void run() {
        // an action that does nothing: what is tested is where it is offered
    }
}
