package org.peerdesk.storage;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.peerdesk.core.PeerdeskException;

/**
 * What the headless node and the desktop app both do first: take the data directory, start the
 * log file there, and hand the directory to the services, which then open the database.
 * Closing it stops the services that depend on the directory, then releases the directory.
 */
public final class NodeStartup implements AutoCloseable {

    private static final Logger LOG = System.getLogger(NodeStartup.class.getName());

    /** The framework property the launcher sets from {@code --data}. */
    public static final String DATA_PROPERTY = "peerdesk.data";
    private static final Duration POLL = Duration.ofMillis(100);

    private final DataDirectory directory;
    private final LogFile log;
    private final ServiceRegistration<DataDirectory> registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeStartup(DataDirectory directory, LogFile log, ServiceRegistration<DataDirectory> registration) {
        this.directory = directory;
        this.log = log;
        this.registration = registration;
    }

    /** The data directory named by {@link #DATA_PROPERTY}, or {@code ~/.peerdesk}. */
    public static Path configuredDataPath(BundleContext context) {
        String configured = context.getProperty(DATA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return DataDirectory.defaultPath();
    }

    /**
     * Takes the data directory and waits until the database is open.
     *
     * @throws PeerdeskException with a message for the user if the directory or the database
     *         cannot be used; nothing has been changed then, and the directory is released
     */
    public static NodeStartup start(BundleContext context, Path dataPath, Duration timeout) throws PeerdeskException {
        try {
            ReplacedRun.awaitEnd(context.getProperty(ReplacedRun.PROPERTY), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataDirectoryException("Interrupted while waiting for the run of Peerdesk this one restarts to end.", e);
        }
        DataDirectory directory = DataDirectory.open(dataPath);
        LogFile log = null;
        ServiceRegistration<DataDirectory> registration = null;
        try {
            log = LogFile.install(directory);
            LOG.log(Level.INFO, "Starting with data directory {0}", directory);
            directory.setAside().ifPresent(before -> LOG.log(Level.INFO, "Started over as a new node: the node that ran here"
                    + " before is in {0}, from which it runs again with --data", before));
            registration = context.registerService(DataDirectory.class, directory, null);
            try {
                service(context, Storage.class, timeout);
            } catch (PeerdeskException e) { // the storage's own failure already names the database and what to do
                throw new StorageException(e.getMessage(), e);
            }
            return new NodeStartup(directory, log, registration);
        } catch (IOException e) {
            release(directory, log, registration);
            throw new DataDirectoryException("Cannot write the log in " + directory + ": " + e.getMessage(), e);
        } catch (PeerdeskException | RuntimeException e) {
            release(directory, log, registration);
            throw e;
        }
    }

    private static void release(DataDirectory directory, LogFile log, ServiceRegistration<?> registration) {
        if (registration != null) {
            registration.unregister();
        }
        if (log != null) {
            log.close();
        }
        try {
            directory.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not release {0}: {1}", directory, e.getMessage());
        }
    }

    /**
     * Waits until the service {@code type} is there; as soon as a Peerdesk component fails to
     * start, or when the time is up, says which one failed and why.
     */
    public static <T> T service(BundleContext context, Class<T> type, Duration timeout) throws PeerdeskException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                T service = tracker.waitForService(POLL.toMillis());
                if (service != null) {
                    return service;
                }
                Optional<String> failure = ComponentFailures.describe(context);
                if (failure.isPresent()) {
                    throw new PeerdeskException(failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new PeerdeskException(type.getSimpleName() + " did not start within " + timeout.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerdeskException("Start-up was interrupted", e);
        } finally {
            tracker.close();
        }
    }

    public DataDirectory directory() {
        return directory;
    }

    public Path logFile() {
        return log.path();
    }

    /** Stops the services that use the data directory (closing the database), then releases it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a window close and a signal may both ask
        }
        LOG.log(Level.INFO, "Stopping");
        release(directory, log, registration);
    }
}
