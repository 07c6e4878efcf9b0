package org.peerdesk.app.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.testing.ui.UiRobot;

/**
 * Runs the real desktop application (its model, lifecycle, node and window) on a UI thread of its
 * own, as the launcher does, hands the running workbench to a test body on the test's thread, then
 * closes it the way Quit does and waits until it has shut down.
 */
final class DesktopSession {

    interface Body {
        void run(E4Workbench workbench, UiRobot robot) throws Exception;
    }

    /** What a user does before the window opens (answering the lifecycle's questions). */
    interface BeforeWindow {
        void run(UiRobot robot) throws Exception;
    }

    private record Running(E4Workbench workbench, Display display) {
    }

    private static final Duration START = Duration.ofSeconds(60);
    private static final String MODEL_ASSEMBLER = "org.eclipse.e4.ui.internal.workbench.ModelAssembler";
    private static final Duration STOP = Duration.ofSeconds(30);

    private DesktopSession() {
    }

    /** A service of the running node, as the views get it. */
    static <S> S service(Class<S> type) {
        BundleContext context = FrameworkUtil.getBundle(DesktopSession.class).getBundleContext();
        return context.getService(context.getServiceReference(type));
    }

    /** Brings a view to the front of the window, as clicking its tab does. */
    static void show(MWindow window, UiRobot robot, String partId) {
        robot.onUiThread(() -> window.getContext().get(EPartService.class).showPart(partId, PartState.ACTIVATE));
    }

    /** Polls {@code condition} off the UI thread (it asks a node) until it holds; fails after 30 s. */
    static void awaitOffUi(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited in vain for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Selects a row of {@code table} as a click on it would, telling the table's listeners. */
    static void selectRow(UiRobot robot, Table table, int row) {
        selectRow(robot, table, () -> row);
    }

    /** Selects the row that {@code row} finds, found on the UI thread at that moment, so that no refresh in between moves it. */
    static void selectRow(UiRobot robot, Table table, IntSupplier row) {
        robot.onUiThread(() -> {
            int index = row.getAsInt();
            table.select(index);
            Event selected = new Event();
            selected.item = table.getItem(index);
            table.notifyListeners(SWT.Selection, selected);
        });
    }

    /** The button of a dialog ({@code shell}) that reads {@code label}, mnemonic and all: "&Next >". */
    static Button dialogButton(UiRobot robot, Shell shell, String label) {
        return robot.read(() -> robot.all(shell, Button.class).stream().filter(button -> button.getText().equals(label)).findFirst()
                .orElseThrow());
    }

    static void run(Path dataDirectory, Body body) throws Throwable {
        run(dataDirectory, robot -> {
        }, body);
    }

    static void run(Path dataDirectory, BeforeWindow beforeWindow, Body body) throws Throwable {
        System.setProperty(NodeStartup.DATA_PROPERTY, dataDirectory.toString());
        restartModelAssembler();
        CompletableFuture<Display> shown = new CompletableFuture<>();
        CompletableFuture<Running> started = new CompletableFuture<>();
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread ui = new Thread(() -> runWorkbench(shown, started, stopped), "peerdesk-ui");
        ui.start();
        Display display = unwrap(() -> shown.get(START.toSeconds(), TimeUnit.SECONDS));
        beforeWindow.run(new UiRobot(display, Duration.ofSeconds(20)));
        Running running = unwrap(() -> started.get(START.toSeconds(), TimeUnit.SECONDS));
        Throwable failure = null;
        try {
            body.run(running.workbench(), new UiRobot(running.display(), Duration.ofSeconds(20)));
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                running.display().asyncExec(running.workbench()::close);
            } catch (SWTException e) {
                if (!running.display().isDisposed()) {
                    throw e;
                } // else the body quit the app (or is quitting it): nothing is left to close
            }
        }
        try {
            unwrap(() -> stopped.get(STOP.toSeconds(), TimeUnit.SECONDS));
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            } else {
                failure.addSuppressed(t);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The workbench's model assembler is a singleton that merges each bundle's model fragment once
     * per process; a new process would start with a fresh one, so each session here gets one too.
     */
    private static void restartModelAssembler() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DesktopSession.class).getBundleContext();
        ServiceReference<ServiceComponentRuntime> reference = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime components = context.getService(reference);
        try {
            for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
                if (MODEL_ASSEMBLER.equals(description.name)) {
                    components.disableComponent(description).getValue();
                    components.enableComponent(description).getValue();
                }
            }
        } finally {
            context.ungetService(reference);
        }
    }

    private static void runWorkbench(CompletableFuture<Display> shown, CompletableFuture<Running> started, CompletableFuture<Void> stopped) {
        Display display = new Display();
        shown.complete(display);
        try {
            E4Workbench workbench = new E4Application().createE4Workbench(new ProductContext(), display);
            if (workbench == null) {
                throw new AssertionError("The workbench did not start: the lifecycle refused (see the log)");
            }
            display.asyncExec(() -> started.complete(new Running(workbench, display)));
            workbench.createAndRunUI(workbench.getApplication());
            started.completeExceptionally(new AssertionError("The desktop ended before its window opened: the lifecycle refused (see the log)"));
            stopped.complete(null);
        } catch (Throwable t) {
            started.completeExceptionally(t);
            stopped.completeExceptionally(t);
        } finally {
            display.dispose();
        }
    }

    private interface Wait<T> {
        T get() throws Exception;
    }

    private static <T> T unwrap(Wait<T> wait) throws Throwable {
        try {
            return wait.get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
