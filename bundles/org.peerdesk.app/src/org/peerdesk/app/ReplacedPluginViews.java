package org.peerdesk.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Lets the window take a replaced plugin's views out before its new build's views are read. The workbench takes a
 * stopped plugin's views out, and forgets its model fragment, later, on the UI thread; a new build installed before
 * that had its fragment read from the one the workbench still remembered, whose views were on their way out, and its
 * own views never showed. Plugins are installed off the UI thread (by the plugin loader), so holding that thread
 * until the window has done what it was asked costs the window nothing.
 */
final class ReplacedPluginViews implements SynchronousBundleListener {

    private static final String MODEL_FRAGMENT = "Model-Fragment";
    private static final Duration AT_MOST = Duration.ofSeconds(5);

    private final Display display;

    ReplacedPluginViews(Display display) {
        this.display = display;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.INSTALLED || event.getBundle().getHeaders("").get(MODEL_FRAGMENT) == null
                || display.isDisposed() || display.getThread() == Thread.currentThread()) {
            return;
        }
        CountDownLatch caughtUp = new CountDownLatch(1);
        try {
            display.asyncExec(caughtUp::countDown);
            caughtUp.await(AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (SWTException closed) {
            // the window is gone, and its views with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
