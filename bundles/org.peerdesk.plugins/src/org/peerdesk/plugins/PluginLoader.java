package org.peerdesk.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.peerdesk.core.Threads;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * Runs the third-party bundles in the data directory's {@code plugins} folder: when the node
 * starts, and again a moment after each change to the folder, installs the new ones, replaces the
 * changed ones, removes those whose file is gone, and starts them all. A plugin that cannot run is
 * reported, and never stops the node.
 */
@Component(service = PluginLoader.class, immediate = true)
public final class PluginLoader {

    private static final Logger LOG = System.getLogger(PluginLoader.class.getName());
    /** How long the folder must stay unchanged before it is read again, so that a file still being copied is read whole. */
    private static final long SETTLE_MILLIS = 1_000;
    private static final long REFRESH_WITHIN_SECONDS = 30;

    private final BundleContext context;
    private final ServiceComponentRuntime components;
    private final Path folder;
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** Why the folder could not be read when last tried; "" when it could. */
    private volatile String folderProblem = "";
    private final Optional<WatchService> watcher;

    @Activate
    public PluginLoader(BundleContext context, @Reference DataDirectory data, @Reference ServiceComponentRuntime components) {
        this.context = context;
        this.components = components;
        this.folder = data.resolve(DataDirectory.PLUGINS);
        this.watcher = watch();
        load();
    }

    @Deactivate
    void stop() throws IOException {
        if (watcher.isPresent()) {
            watcher.get().close();
        }
    }

    private Optional<WatchService> watch() {
        try {
            Files.createDirectories(folder);
            WatchService service = folder.getFileSystem().newWatchService();
            register(service);
            Threads.daemon("peerdesk-plugin-folder").newThread(() -> loadOnChanges(service)).start();
            return Optional.of(service);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot watch the plugin folder {0}, so plugins put there run once the node restarts: {1}",
                    folder, e.getMessage());
            return Optional.empty();
        }
    }

    private void register(WatchService service) throws IOException {
        folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void loadOnChanges(WatchService service) {
        try {
            while (true) {
                boolean watching = settle(service.take());
                for (WatchKey more; (more = service.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null;) {
                    watching &= settle(more);
                }
                load();
                if (!watching) { // the folder itself went, and load() made it again: watch the new one
                    register(service);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // the node stops
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Stopped watching the plugin folder {0}, so plugins put there run once the node restarts: {1}",
                    folder, e.getMessage());
        }
    }

    /** Takes the key's events and makes it ready for more; false when it no longer watches (its folder is gone). */
    private static boolean settle(WatchKey key) {
        key.pollEvents();
        return key.reset();
    }

    private synchronized void load() {
        List<PluginFile> files;
        try {
            Files.createDirectories(folder);
            files = scan();
        } catch (IOException e) {
            folderProblem = "the plugin folder " + folder + " cannot be read (" + whyUnreadable(e)
                    + "), so no plugin runs; restart the node once it can be";
            LOG.log(Level.WARNING, folderProblem);
            return;
        }
        folderProblem = "";
        problems.clear();
        Map<String, Bundle> installed = Arrays.stream(context.getBundles())
                .filter(bundle -> PluginFile.isPluginLocation(bundle.getLocation()))
                .collect(Collectors.toMap(Bundle::getLocation, Function.identity()));
        PluginPlan plan = PluginPlan.between(files, installed.keySet());
        List<Bundle> removed = new ArrayList<>();
        for (String location : plan.locationsToRemove()) {
            Bundle bundle = installed.remove(location);
            try {
                bundle.uninstall();
                removed.add(bundle);
                LOG.log(Level.INFO, "Removed plugin {0}, whose file is gone or was replaced", bundle.getSymbolicName());
            } catch (BundleException e) {
                LOG.log(Level.WARNING, "Cannot remove plugin {0}: {1}", bundle.getSymbolicName(), e.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            refresh(removed);
        }
        for (PluginFile file : plan.filesToInstall()) {
            install(file).ifPresent(bundle -> installed.put(file.location(), bundle));
        }
        installed.values().forEach(this::start);
    }

    /** Lets go of what removed plugins left wired, before a new version of one is installed. */
    private void refresh(List<Bundle> removed) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(removed, event -> done.countDown());
        try {
            if (!done.await(REFRESH_WITHIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Removed plugins were not let go of within {0} s", REFRESH_WITHIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<PluginFile> scan() throws IOException {
        List<PluginFile> files = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : jars) {
                if (Files.isRegularFile(jar)) {
                    files.add(PluginFile.read(jar));
                }
            }
        }
        files.sort(Comparator.comparing(PluginFile::name));
        return files;
    }

    private Optional<Bundle> install(PluginFile file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            Bundle bundle = context.installBundle(file.location(), in);
            LOG.log(Level.INFO, "Installed plugin {0} {1} from {2}", bundle.getSymbolicName(), bundle.getVersion(),
                    file.name());
            return Optional.of(bundle);
        } catch (BundleException | IOException e) {
            problems.put(file.name(), "not installed: " + e.getMessage());
            LOG.log(Level.WARNING, "Plugin file {0} cannot be installed: {1}", file.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private void start(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE) {
            return;
        }
        try {
            bundle.start();
            LOG.log(Level.INFO, "Started plugin {0} {1}", bundle.getSymbolicName(), bundle.getVersion());
        } catch (BundleException | IllegalStateException e) {
            problems.put(fileName(bundle.getLocation()), "not started: " + e.getMessage());
            LOG.log(Level.WARNING, "Plugin {0} cannot start: {1}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    private String whyUnreadable(IOException failure) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return "it is a file, not a folder";
        }
        return failure instanceof AccessDeniedException ? "access is denied"
                : failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** Why the plugins folder cannot be read, so that no plugin in it runs; empty when it can. */
    public Optional<String> folderProblem() {
        return folderProblem.isEmpty() ? Optional.empty() : Optional.of(folderProblem);
    }

    /** The plugins in the folder and how each one fares, by file name. */
    public List<InstalledPlugin> plugins() {
        List<InstalledPlugin> plugins = new ArrayList<>();
        List<String> bundleFiles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (PluginFile.isPluginLocation(bundle.getLocation())) {
                String file = fileName(bundle.getLocation());
                bundleFiles.add(file);
                boolean running = (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
                List<ServiceReference<?>> services = registeredBy(bundle);
                plugins.add(new InstalledPlugin(file, bundle.getSymbolicName(), bundle.getVersion().toString(), running,
                        running ? ComponentTrouble.of(components, bundle) : problems.getOrDefault(file, "not started"), protocols(services),
                        contentTypes(services)));
            }
        }
        problems.forEach((file, problem) -> {
            if (!bundleFiles.contains(file)) {
                plugins.add(new InstalledPlugin(file, "", "", false, problem, List.of(), List.of()));
            }
        });
        plugins.sort(Comparator.comparing(InstalledPlugin::file));
        return plugins;
    }

    private static List<ServiceReference<?>> registeredBy(Bundle bundle) {
        try {
            ServiceReference<?>[] services = bundle.getRegisteredServices();
            return services == null ? List.of() : List.of(services);
        } catch (IllegalStateException uninstalled) {
            return List.of(); // its file went while it was listed
        }
    }

    /** The protocol handlers among the services, as the transport finds them (by their service properties). */
    private static List<InstalledPlugin.Protocol> protocols(List<ServiceReference<?>> services) {
        return services.stream()
                .filter(service -> service.getProperty(ProtocolHandler.PROTOCOL) instanceof String)
                .map(service -> new InstalledPlugin.Protocol((String) service.getProperty(ProtocolHandler.PROTOCOL),
                        Optional.ofNullable(service.getProperty(ProtocolHandler.ACCESS)).map(String::valueOf)))
                .sorted(Comparator.comparing(InstalledPlugin.Protocol::id)).toList();
    }

    /** The types of message content that the services know, as messaging finds them (by asking each). */
    private List<String> contentTypes(List<ServiceReference<?>> services) {
        List<String> types = new ArrayList<>();
        for (ServiceReference<?> service : services) {
            if (!Arrays.asList((String[]) service.getProperty(Constants.OBJECTCLASS)).contains(MessageContent.class.getName())) {
                continue;
            }
            try {
                if (context.getService(service) instanceof MessageContent content) {
                    types.add(content.type());
                }
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "A plugin's type of message content cannot be read: {0}", e.toString());
            } finally {
                context.ungetService(service);
            }
        }
        types.sort(Comparator.naturalOrder());
        return types;
    }

    private static String fileName(String location) {
        String rest = location.substring(PluginFile.LOCATION_PREFIX.length());
        int hash = rest.lastIndexOf('#');
        return hash < 0 ? rest : rest.substring(0, hash);
    }
}
