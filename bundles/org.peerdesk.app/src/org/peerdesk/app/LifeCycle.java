package org.peerdesk.app;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MStackElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Monitor;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.KeyLock;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.storage.TerminalLog;
import org.peerdesk.storage.TerminationSignals;
import org.peerdesk.transport.TransportService;
import org.peerdesk.ui.PassphrasePrompt;

/**
 * Starts the node inside the desktop app before the window opens (asking for the key's passphrase
 * where one protects it, taking the data directory, opening the database, listening for peers), and
 * stops it when the workbench shuts down: from Quit, from closing the window, or from SIGTERM. Also
 * opens the window where the user left it, and puts the tabs in order.
 */
public final class LifeCycle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Whether the node did not start, and the application ends without opening its window. */
    private boolean ending;

    /**
     * Starts the node; when it cannot start (the user is told why) or the user quits at the
     * passphrase, ends the application instead. E4 makes the workbench in any case (it ignores what
     * this method would return), so ending closes the workbench as soon as it runs, its window unseen.
     */
    @PostContextCreate
    void startNode(IEclipseContext context, IEventBroker events, UISynchronize ui) {
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Path dataPath = NodeStartup.configuredDataPath(bundles);
        NodeStartup node;
        try {
            KeyLock lock = NodeStartup.service(bundles, KeyLock.class, START_TIMEOUT);
            if (lock.locked(dataPath) && unlock(lock, dataPath) != Window.OK) {
                end(context, ui);
                return;
            }
            node = NodeStartup.start(bundles, dataPath, START_TIMEOUT);
        } catch (PeerdeskException e) {
            refuse(e, context, ui);
            return;
        }
        NodeIdentity identity;
        try {
            identity = NodeStartup.service(bundles, NodeIdentity.class, START_TIMEOUT);
            NodeStartup.service(bundles, TransportService.class, START_TIMEOUT);
        } catch (PeerdeskException e) {
            node.close();
            refuse(e, context, ui);
            return;
        }
        context.set(NodeStartup.class, node);
        ReplacedPluginViews pluginViews = new ReplacedPluginViews(Display.getCurrent(), () -> context.get(MApplication.class));
        bundles.addBundleListener(pluginViews);
        events.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, event -> {
            bundles.removeBundleListener(pluginViews);
            node.close();
        });
        events.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, event -> {
            layOutWindows(context);
            askBeforeClosing(context);
            ui.asyncExec(() -> welcome(context, identity, new FirstRun(dataPath)));
        });
        TerminationSignals.onTerminate(() -> closeWorkbench(context, ui));
    }

    /** On the first start, once the window is up: the welcome, over it. */
    private static void welcome(IEclipseContext context, NodeIdentity identity, FirstRun firstRun) {
        if (!firstRun.due(identity.named())) {
            return;
        }
        List<MWindow> windows = context.get(MApplication.class).getChildren();
        Shell parent = !windows.isEmpty() && windows.get(0).getWidget() instanceof Shell shell && !shell.isDisposed() ? shell : null;
        new WelcomeDialog(parent, identity).open();
        try {
            firstRun.done();
        } catch (IOException e) {
            TerminalLog.logger().log(Level.WARNING, "Could not note that the welcome was shown: " + e.getMessage());
        }
    }

    /** Asks for the key's passphrase until it opens the key (the app then starts) or the user quits. */
    private static int unlock(KeyLock lock, Path dataPath) {
        PassphrasePrompt.Wording wording = new PassphrasePrompt.Wording("Unlock Peerdesk",
                "This node's key is protected by a passphrase. Enter it to start Peerdesk with the data in " + dataPath + ".",
                "Unlock", "Quit");
        return new PassphrasePrompt(null, wording, typed -> {
            try {
                lock.unlock(dataPath, typed);
                return Optional.empty();
            } catch (IdentityException e) {
                return Optional.of(e.getMessage());
            }
        }).open();
    }

    /** Once the views' bundles have added their parts: puts the window where the user left it, and orders the tabs. */
    @ProcessAdditions
    void arrange(MApplication application, EModelService models) {
        if (ending) {
            application.getChildren().forEach(window -> window.setToBeRendered(false));
            return;
        }
        placeWindow(application, models);
        orderParts(application, models);
    }

    /**
     * Opens the window where it was when the desktop last closed, its views in the sizes the user gave them (the
     * workbench's own memory of its layout is cleared at each start, so that new versions' views always show), or
     * sized to the screen the first time; and remembers where it is when the desktop closes.
     */
    private void placeWindow(MApplication application, EModelService models) {
        Display display = Display.getCurrent();
        if (display == null || application.getChildren().isEmpty()) {
            return;
        }
        MWindow window = application.getChildren().get(0);
        WindowPlacement placement = new WindowPlacement(
                NodeStartup.configuredDataPath(FrameworkUtil.getBundle(getClass()).getBundleContext()));
        Optional<WindowPlacement.Saved> saved = placement.load();
        WindowPlacement.Bounds opening = WindowPlacement.opening(saved, screens(display));
        window.setX(opening.x());
        window.setY(opening.y());
        window.setWidth(opening.width());
        window.setHeight(opening.height());
        if (saved.map(WindowPlacement.Saved::maximized).orElse(false)) {
            window.getTags().add(IPresentationEngine.WINDOW_MAXIMIZED_TAG);
        }
        saved.ifPresent(last -> DividedParts.weigh(window, models, last.weights()));
        IEventBroker events = application.getContext().get(IEventBroker.class);
        events.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, event -> remember(window, models, placement, opening));
    }

    /** Saves where the window is and how its views divide it; a maximized window keeps the size it will return to when it is restored. */
    private static void remember(MWindow window, EModelService models, WindowPlacement placement, WindowPlacement.Bounds opening) {
        if (!(window.getWidget() instanceof Shell shell) || shell.isDisposed()) {
            return;
        }
        Rectangle now = shell.getBounds();
        WindowPlacement.Bounds normal = shell.getMaximized() ? opening : new WindowPlacement.Bounds(now.x, now.y, now.width, now.height);
        try {
            placement.save(new WindowPlacement.Saved(normal, shell.getMaximized(), DividedParts.weights(window, models)));
        } catch (IOException e) {
            TerminalLog.logger().log(Level.WARNING, "Could not remember where the window was: " + e.getMessage());
        }
    }

    /** The usable area of each screen, the main one first. */
    private static List<WindowPlacement.Bounds> screens(Display display) {
        List<WindowPlacement.Bounds> screens = new ArrayList<>();
        Monitor main = display.getPrimaryMonitor();
        screens.add(bounds(main.getClientArea()));
        for (Monitor monitor : display.getMonitors()) {
            if (!monitor.equals(main)) {
                screens.add(bounds(monitor.getClientArea()));
            }
        }
        return screens;
    }

    private static WindowPlacement.Bounds bounds(Rectangle area) {
        return new WindowPlacement.Bounds(area.x, area.y, area.width, area.height);
    }

    /** Puts the tabs of every stack in the same order at each start. */
    private static void orderParts(MApplication application, EModelService models) {
        for (MPartStack stack : models.findElements(application, null, MPartStack.class)) {
            List<MStackElement> parts = new ArrayList<>(stack.getChildren());
            PartOrder.sort(parts, MStackElement::getElementId);
            if (!parts.equals(stack.getChildren())) {
                MStackElement selected = stack.getSelectedElement();
                stack.getChildren().clear();
                stack.getChildren().addAll(parts);
                stack.setSelectedElement(selected);
            }
        }
    }

    /** The dialog for the user, and the same line on stderr for whoever started the app from a terminal; then the end. */
    private void refuse(PeerdeskException reason, IEclipseContext context, UISynchronize ui) {
        TerminalLog.logger().log(Level.ERROR, reason.getMessage());
        MessageDialog.openError(null, "Peerdesk cannot start", reason.getMessage());
        end(context, ui);
    }

    /** Ends the application as soon as its workbench runs, with no window shown (see {@link #arrange}). */
    private void end(IEclipseContext context, UISynchronize ui) {
        ending = true;
        closeWorkbench(context, ui);
    }

    private static void closeWorkbench(IEclipseContext context, UISynchronize ui) {
        ui.asyncExec(() -> {
            IWorkbench workbench = context.get(IWorkbench.class);
            if (workbench != null) {
                workbench.close();
            }
        });
    }

    /**
     * The first layout happens before the window system has settled the window's real size (without
     * a window manager GTK shrinks it afterwards, pushing the status line out of sight); lay out again
     * once the windows are up.
     */
    private static void layOutWindows(IEclipseContext context) {
        MApplication application = context.get(MApplication.class);
        for (MWindow window : application.getChildren()) {
            if (window.getWidget() instanceof Shell shell && !shell.isDisposed()) {
                shell.layout(true, true);
            }
        }
    }

    /** Closing a window with the mouse asks first while work runs, as Quit does. */
    private static void askBeforeClosing(IEclipseContext context) {
        for (MWindow window : context.get(MApplication.class).getChildren()) {
            if (window.getWidget() instanceof Shell shell) {
                window.getContext().set(IWindowCloseHandler.class, closing -> QuitCheck.confirmed(shell));
            }
        }
    }
}
