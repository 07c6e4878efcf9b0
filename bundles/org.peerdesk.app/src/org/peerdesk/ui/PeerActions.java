package org.peerdesk.ui;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/**
 * What can be done with a peer, as other bundles (a plugin too) contribute it: a command in the
 * application model tagged {@value #TAG}, with a parameter {@value #PEER} that receives the peer's ID,
 * is offered in the menu of each peer's row, under its command name.
 */
public final class PeerActions {

    /** The tag that makes a command an action on a peer. */
    public static final String TAG = "peerdesk:peer-action";
    /** The command parameter that receives the peer's ID. */
    public static final String PEER = "org.peerdesk.peer";
    /** The command that asks a peer for access, with the Access view's dialog; the permissions UI contributes it. */
    public static final String ASK_FOR_ACCESS = "org.peerdesk.permissions.ui.command.askAccess";
    /** An optional parameter of {@link #ASK_FOR_ACCESS}: the resource, as the CLI writes it ("team/docs"). */
    public static final String RESOURCE = "org.peerdesk.resource";
    /** An optional parameter of {@link #ASK_FOR_ACCESS}: the rights, as the CLI writes them ("read,write"). */
    public static final String RIGHTS = "org.peerdesk.rights";

    private PeerActions() {
    }

    /**
     * Shows the part {@code partId} and hands it {@code peer} (an ID as the command's parameter gives it)
     * under {@code key} in the application's context, for the part to take with an injected
     * {@code @Named(key) PeerId}. The part is shown first so that it is there to hear of the peer, and the
     * key is emptied after, so nothing is left to hand over again when the part is next made.
     */
    public static void handTo(MApplication application, EPartService parts, String partId, String key, String peer)
            throws InvalidInputException {
        hand(application, parts, partId, key, PeerId.parse(peer));
    }

    /** As {@link #handTo}, with any {@code value} for the part to take. */
    public static void hand(MApplication application, EPartService parts, String partId, String key, Object value) {
        parts.showPart(partId, PartState.ACTIVATE);
        application.getContext().set(key, value);
        application.getContext().set(key, null);
    }

    /** Runs the command {@code id} with {@code parameters}; false when no bundle contributes it or its handler cannot run now. */
    public static boolean run(MApplication application, String id, Map<String, String> parameters) {
        IEclipseContext context = application.getContext();
        ParameterizedCommand call = context.get(ECommandService.class).createCommand(id, parameters);
        EHandlerService handlers = context.get(EHandlerService.class);
        if (call == null || !handlers.canExecute(call)) {
            return false;
        }
        handlers.executeHandler(call);
        return true;
    }

    /** The contributed actions on {@code peer} (its ID), each enabled as its handler says. */
    public static List<ContextMenus.Action> of(MApplication application, String peer) {
        return ContributedActions.of(application, TAG, PEER, peer);
    }
}
