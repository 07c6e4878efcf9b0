package org.peerdesk.app;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MStackElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.storage.TerminalLog;
import org.peerdesk.storage.TerminationSignals;
import org.peerdesk.transport.TransportService;

/**
 * Starts the node inside the desktop app before the window opens (taking the data directory,
 * opening the database, unlocking the identity, listening for peers), and stops it when the
 * workbench shuts down: from Quit, from closing
 * the window, or from SIGTERM.
 */
public final class LifeCycle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Returns false, which ends the application, when the node cannot start; the user is told why. */
    @PostContextCreate
    boolean startNode(IEclipseContext context, IEventBroker events, UISynchronize ui) {
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        NodeStartup node;
        try {
            node = NodeStartup.start(bundles, NodeStartup.configuredDataPath(bundles), START_TIMEOUT);
        } catch (PeerdeskException e) {
            return refuse(e);
        }
        try {
            node.service(bundles, NodeIdentity.class, START_TIMEOUT);
            node.service(bundles, TransportService.class, START_TIMEOUT);
        } catch (PeerdeskException e) {
            node.close();
            return refuse(e);
        }
        context.set(NodeStartup.class, node);
        events.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, event -> node.close());
        events.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, event -> layOutWindows(context));
        TerminationSignals.onTerminate(() -> ui.asyncExec(() -> {
            IWorkbench workbench = context.get(IWorkbench.class);
            if (workbench != null) {
                workbench.close();
            }
        }));
        return true;
    }

    /** Puts the tabs of every stack in the same order at each start, once the views' bundles have added theirs. */
    @ProcessAdditions
    void orderParts(MApplication application, EModelService models) {
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

    /** The dialog for the user; the same line on stderr for whoever started the app from a terminal. */
    private static boolean refuse(PeerdeskException reason) {
        TerminalLog.logger().log(Level.ERROR, reason.getMessage());
        MessageDialog.openError(null, "Peerdesk cannot start", reason.getMessage());
        return false;
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
}
