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

    private final DataDirectory directory;
    private final LogFile log;
    private final ServiceRegistration<DataDirectory> registration;
    private final ServiceTracker<Storage, Storage> storage;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NodeStartup(DataDirectory directory, LogFile log, ServiceRegistration<DataDirectory> registration,
            ServiceTracker<Storage, Storage> storage) {
        this.directory = directory;
        this.log = log;
        this.registration = registration;
        this.storage = storage;
    }

    /** The data directory named by {@link #DATA_PROPERTY}, or {@code ~/.peerdesk}. */
    public static Path configuredDataPath(BundleContext context) {
        String configured = context.getProperty(DATA_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".peerdesk");
    }

    /**
     * Takes the data directory and waits until the database is open.
     *
     * @throws PeerdeskException with a message for the user if the directory or the database
     *         cannot be used; nothing has been changed then, and the directory is released
     */
    public static NodeStartup start(BundleContext context, Path dataPath, Duration timeout) throws PeerdeskException {
        DataDirectory directory = DataDirectory.open(dataPath);
        LogFile log = null;
        ServiceRegistration<DataDirectory> registration = null;
        ServiceTracker<Storage, Storage> tracker = null;
        try {
            log = LogFile.install(directory);
            LOG.log(Level.INFO, "Starting with data directory {0}", directory);
            registration = context.registerService(DataDirectory.class, directory, null);
            tracker = new ServiceTracker<>(context, Storage.class, null);
            tracker.open();
            if (tracker.waitForService(timeout.toMillis()) == null) {
                String cause = ComponentFailures.describe(context).orElse("the storage service did not start in "
                        + timeout.toSeconds() + " s");
                throw new StorageException("The database cannot be opened: " + cause);
            }
            return new NodeStartup(directory, log, registration, tracker);
        } catch (IOException e) {
            release(directory, log, registration, tracker);
            throw new DataDirectoryException("Cannot write the log in " + directory + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(directory, log, registration, tracker);
            throw new StorageException("Start-up was interrupted", e);
        } catch (PeerdeskException | RuntimeException e) {
            release(directory, log, registration, tracker);
            throw e;
        }
    }

    private static void release(DataDirectory directory, LogFile log, ServiceRegistration<?> registration,
            ServiceTracker<?, ?> tracker) {
        if (tracker != null) {
            tracker.close();
        }
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
     * Waits until the service {@code type} is there; if it does not come, says which component
     * failed and why.
     */
    public <T> T service(BundleContext context, Class<T> type, Duration timeout) throws PeerdeskException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(timeout.toMillis());
            if (service == null) {
                throw new PeerdeskException(ComponentFailures.describe(context)
                        .orElse(type.getSimpleName() + " did not start within " + timeout.toSeconds() + " s"));
            }
            return service;
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

    public Optional<Storage> storage() {
        return Optional.ofNullable(storage.getService());
    }

    /** Stops the services that use the data directory (closing the database), then releases it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a window close and a signal may both ask
        }
        LOG.log(Level.INFO, "Stopping");
        release(directory, log, registration, storage);
    }
}
