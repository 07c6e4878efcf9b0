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
        PeerId chosen = PeerId.parse(peer);
        parts.showPart(partId, PartState.ACTIVATE);
        application.getContext().set(key, chosen);
        application.getContext().set(key, null);
    }

    /** The contributed actions on {@code peer} (its ID), each enabled as its handler says. */
    public static List<ContextMenus.Action> of(MApplication application, String peer) {
        IEclipseContext context = application.getContext();
        ECommandService commands = context.get(ECommandService.class);
        EHandlerService handlers = context.get(EHandlerService.class);
        return application.getCommands().stream().filter(command -> command.getTags().contains(TAG)).map(command -> {
            ParameterizedCommand call = commands.createCommand(command.getElementId(), Map.of(PEER, peer));
            return new ContextMenus.Action(command.getCommandName(), call != null && handlers.canExecute(call),
                    () -> handlers.executeHandler(call));
        }).toList();
    }
}
