package org.peerdesk.app;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationElement;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Keeps the window's model in step with the plugins that add to it (a {@code Model-Fragment}) as they come and go while
 * it runs. The workbench takes a stopped plugin's views out, and forgets its model fragment, later, on the UI thread; a
 * new build installed before that had its fragment read from the one the workbench still remembered, whose views were on
 * their way out, and its own views never showed: so each install waits until the window has done what it was asked.
 * The workbench leaves a removed plugin's commands and handlers in the model, though: its actions on peers and
 * conversations stayed in their menus, and a new build's, which bear the same IDs, were taken for them and never
 * added. So the commands and handlers a plugin contributed leave the model with it. Plugins are installed off the UI
 * thread (by the plugin loader), so holding that thread until the window has done what it was asked costs the window nothing.
 */
final class ReplacedPluginViews implements SynchronousBundleListener {

    private static final String MODEL_FRAGMENT = "Model-Fragment";
    private static final Duration AT_MOST = Duration.ofSeconds(5);

    private final Display display;
    private final Supplier<MApplication> application;

    ReplacedPluginViews(Display display, Supplier<MApplication> application) {
        this.display = display;
        this.application = application;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getHeaders("").get(MODEL_FRAGMENT) == null || display.isDisposed() || display.getThread() == Thread.currentThread()) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.INSTALLED -> onTheUiThread(() -> { });
            case BundleEvent.UNINSTALLED -> onTheUiThread(() -> forgetCommandsOf(bundle.getSymbolicName()));
            default -> {
                // nothing to keep in step
            }
        }
    }

    /** Runs {@code work} on the UI thread after what it was asked before, and waits for it (a few seconds at most). */
    private void onTheUiThread(Runnable work) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            display.asyncExec(() -> {
                try {
                    work.run();
                } finally {
                    done.countDown();
                }
            });
            done.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (SWTException closed) {
            // the window is gone, and its model with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the handlers and commands that the bundle {@code symbolicName} contributed out of the model. */
    private void forgetCommandsOf(String symbolicName) {
        MApplication model = application.get();
        if (model == null || symbolicName == null) {
            return;
        }
        List<MHandler> handlers = model.getHandlers().stream().filter(handler -> contributedBy(handler, symbolicName)
                || Objects.requireNonNullElse(handler.getContributionURI(), "").startsWith("bundleclass://" + symbolicName + "/")).toList();
        List<MCommand> commands = model.getCommands().stream().filter(command -> contributedBy(command, symbolicName)
                || handlers.stream().anyMatch(handler -> handler.getCommand() == command)).toList();
        model.getHandlers().removeAll(handlers);
        model.getCommands().removeAll(commands);
    }

    /** Whether the model says {@code element} came from the bundle {@code symbolicName}'s fragment ("platform:/plugin/NAME"). */
    private static boolean contributedBy(MApplicationElement element, String symbolicName) {
        String contributor = element.getContributorURI();
        return contributor != null && (contributor.equals(symbolicName) || contributor.endsWith("/" + symbolicName));
    }
}
