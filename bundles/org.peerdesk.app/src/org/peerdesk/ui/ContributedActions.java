package org.peerdesk.ui;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;

/** The commands of the application model tagged as actions on something, each ready to run on one such thing. */
final class ContributedActions {

    private ContributedActions() {
    }

    /**
     * The commands tagged {@code tag}, each called with {@code value} as its parameter {@code parameter}, named by its
     * command name and enabled as its handler says.
     */
    static List<ContextMenus.Action> of(MApplication application, String tag, String parameter, String value) {
        IEclipseContext context = application.getContext();
        ECommandService commands = context.get(ECommandService.class);
        EHandlerService handlers = context.get(EHandlerService.class);
        return application.getCommands().stream().filter(command -> command.getTags().contains(tag)).map(command -> {
            ParameterizedCommand call = commands.createCommand(command.getElementId(), Map.of(parameter, value));
            return new ContextMenus.Action(command.getCommandName(), call != null && handlers.canExecute(call),
                    () -> handlers.executeHandler(call));
        }).toList();
    }
}
