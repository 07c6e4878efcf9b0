package org.peerdesk.node;

import java.io.Console;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.core.Counts;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.KeyLock;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.node.api.AdminApi;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.storage.TerminalLog;
import org.peerdesk.storage.TerminationSignals;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.TransportService;

/**
 * The headless node: an Equinox application that runs in the foreground until it is stopped by
 * Ctrl+C, SIGTERM or the framework, then closes its services and releases the data directory.
 */
public final class NodeApplication implements IApplication {

    /** Exit code when the node cannot start; the message on stderr says why. */
    static final int EXIT_CANNOT_START = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        PrintStream console = System.out;
        Path dataPath = NodeStartup.configuredDataPath(bundles);
        NodeStartup node;
        try {
            askForPassphrase(bundles, dataPath);
            node = NodeStartup.start(bundles, dataPath, START_TIMEOUT);
        } catch (PeerdeskException e) {
            return cannotStart(e);
        }
        try (node) {
            NodeIdentity identity;
            TransportService transport;
            AdminApi api;
            NeedsYou needsYou;
            try {
                identity = NodeStartup.service(bundles, NodeIdentity.class, START_TIMEOUT);
                transport = NodeStartup.service(bundles, TransportService.class, START_TIMEOUT);
                api = NodeStartup.service(bundles, AdminApi.class, START_TIMEOUT);
                needsYou = NodeStartup.service(bundles, NeedsYou.class, START_TIMEOUT);
            } catch (PeerdeskException e) {
                return cannotStart(e);
            }
            context.applicationRunning();
            TerminationSignals.onTerminate(stop::countDown);
            console.print(String.join(System.lineSeparator(),
                    "Peerdesk node is running.",
                    "  peer ID:        " + identity.peerId(),
                    "  name:           " + identity.displayName() + (identity.named() ? ""
                            : "  (a default; change it: peerdesk --data " + node.directory() + " name NEW-NAME)"),
                    "  listening on:   " + transport.listenAddresses().stream().map(PeerAddress::shown)
                            .collect(Collectors.joining(", ")),
                    "  admin API:      " + api.url() + " (key in " + node.directory().resolve("admin-api.key") + ")",
                    "  data directory: " + node.directory(),
                    "  log:            " + node.logFile(),
                    "  needs you:      " + waiting(needsYou.now().size(), node),
                    "Stop it with Ctrl+C.", ""));
            console.flush();
            stop.await();
        }
        return IApplication.EXIT_OK;
    }

    private static String waiting(int things, NodeStartup node) {
        return things == 0 ? "nothing" : Counts.of(things, "thing") + " (peerdesk --data " + node.directory() + " status)";
    }

    /** On a terminal, asks for the key's passphrase when it needs one that was not given. */
    private static void askForPassphrase(BundleContext bundles, Path dataPath) throws PeerdeskException {
        Console terminal = System.console();
        if (!Boolean.getBoolean(TerminalUnlock.ASK) || terminal == null) {
            return;
        }
        KeyLock lock = NodeStartup.service(bundles, KeyLock.class, START_TIMEOUT);
        if (lock.locked(dataPath)) {
            TerminalUnlock.unlock(lock, dataPath, TerminalUnlock.on(terminal));
        }
    }

    /** Tells the person at the terminal why the node cannot start, in one line on stderr. */
    private static Object cannotStart(PeerdeskException reason) {
        TerminalLog.logger().log(Level.ERROR, reason.getMessage());
        return EXIT_CANNOT_START;
    }

    @Override
    public void stop() {
        stop.countDown();
    }
}
