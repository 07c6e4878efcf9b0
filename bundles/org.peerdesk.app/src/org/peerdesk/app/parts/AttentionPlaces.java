package org.peerdesk.app.parts;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

import org.eclipse.core.commands.CommandManager;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.commands.SerializationException;
import org.eclipse.core.commands.common.NotDefinedException;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.peerdesk.core.Attention;

/**
 * Where the desktop deals with an {@link Attention}: its {@link Attention#view()} names a part of the
 * window, shown when the user follows the link, or a command, run then (one that opens a dialog). An ID
 * that names neither (a headless-only item, a plugin's view that is not installed) gets no link.
 */
final class AttentionPlaces {

    /** The count some views add to their tab's label, "Access (1)": the link names the view alone. */
    private static final String WAITING_COUNT = " \\(\\d+\\)$";
    private static final Logger LOG = System.getLogger(AttentionPlaces.class.getName());

    private final MApplication application;
    private final EModelService model;
    private final EPartService parts;

    AttentionPlaces(MApplication application, EModelService model, EPartService parts) {
        this.application = application;
        this.model = model;
        this.parts = parts;
    }

    /** The link's words for the place of {@code item}: "Show Access", "Open Settings", or a dialog's own: "Start over...". */
    Optional<String> linkText(Attention item) {
        return part(item.view()).map(part -> "Show " + part.getLabel().replaceFirst(WAITING_COUNT, ""))
                .or(() -> command(item.view()).map(MCommand::getCommandName).map(name -> name.endsWith("...") ? name : "Open " + name));
    }

    void open(Attention item) {
        if (part(item.view()).isPresent()) {
            parts.showPart(item.view(), PartState.ACTIVATE);
            return;
        }
        if (command(item.view()).isPresent()) {
            EHandlerService handlers = application.getContext().get(EHandlerService.class);
            try {
                ParameterizedCommand call = application.getContext().get(CommandManager.class).deserialize(item.view());
                if (handlers.canExecute(call)) {
                    handlers.executeHandler(call);
                }
            } catch (NotDefinedException | SerializationException e) {
                LOG.log(Level.WARNING, "Cannot run " + item.view() + " for \"" + item.what() + "\"", e);
            }
        }
    }

    private Optional<MPart> part(String id) {
        return id.isEmpty() ? Optional.empty() : model.findElements(application, id, MPart.class).stream().findFirst();
    }

    /** The command that {@code view} names, alone or with parameters ({@code commandId(parameter=value)}). */
    private Optional<MCommand> command(String view) {
        String id = view.contains("(") ? view.substring(0, view.indexOf('(')) : view;
        return id.isEmpty() ? Optional.empty() : application.getCommands().stream().filter(command -> id.equals(command.getElementId())).findFirst();
    }
}
