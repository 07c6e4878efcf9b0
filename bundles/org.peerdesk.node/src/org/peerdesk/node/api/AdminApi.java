package org.peerdesk.node.api;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.backup.BackupService;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.core.NodeCommand;
import org.peerdesk.core.NodeCommands;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.Transfers;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.node.cli.Cli;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.plugins.PluginLoader;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PortMapping;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.SpeedTest;
import org.peerdesk.transport.TransportService;

/**
 * The node's local admin API (see docs/admin-api.md): HTTP/JSON on 127.0.0.1, port 22071 or the
 * next free one (the framework property {@value #PORT} overrides), guarded by the API key in the
 * data directory. The CLI, scripts and tests drive the node through it. Each area's endpoints are a
 * class of their own; this component only wires them to the server.
 */
@Component(immediate = true, service = AdminApi.class)
public final class AdminApi {

    public static final String PORT = "peerdesk.api.port";
    private static final int DEFAULT_PORT = 22071;
    private static final Logger LOG = System.getLogger(AdminApi.class.getName());

    private final DataDirectory data;
    private final ApiServer server;
    private final BackupJobs backupJobs = new BackupJobs();
    private final NodeCommands commands = new NodeCommands(Cli.BUILT_IN_WORDS);
    /** The registry offered to the desktop, which lists each plugin's commands. */
    private final ServiceRegistration<NodeCommands> offered;

    @Activate
    public AdminApi(@Reference DataDirectory data, @Reference NodeIdentity identity, @Reference TransportService transport,
            @Reference PeerDirectory directory, @Reference NearbyPeers nearby, @Reference Introductions introductions, @Reference PluginLoader plugins,
            @Reference SpeedTest speedTest, @Reference RateLimitSettings rateLimits, @Reference PublicAddresses publicAddresses,
            @Reference PortMapping portMapping, @Reference SeenAddresses seenAddresses, @Reference Relaying relaying, @Reference PermissionService permissions, @Reference AccessRequests requests,
            @Reference ShareService shares, @Reference RemoteFiles remote, @Reference Transfers transfers, @Reference SyncService sync,
            @Reference MessageService messages, @Reference BackupService backups, @Reference NeedsYou needsYou, @Reference EventAdmin events,
            BundleContext context)
            throws IOException {
        this.data = data;
        String configured = context.getProperty(PORT);
        int port = configured == null ? DEFAULT_PORT : Integer.parseInt(configured.strip());
        String key = ApiCredentials.keyIn(data.path());
        this.server = new ApiServer(port, configured == null ? 20 : 1, key);
        new IdentityRoutes(identity, transport).register(server);
        new StartOverRoutes(data, events).register(server);
        new PeerRoutes(transport, directory, nearby, introductions, speedTest, permissions).register(server);
        new RateLimitRoutes(rateLimits).register(server);
        new AddressRoutes(transport, publicAddresses, portMapping, seenAddresses).register(server);
        new RelayRoutes(relaying).register(server);
        CommandRoutes commandRoutes = new CommandRoutes(commands);
        commandRoutes.register(server);
        new PluginRoutes(data, plugins, commandRoutes).register(server);
        new AccessRoutes(permissions, requests, directory).register(server);
        new FileRoutes(shares, remote, transfers, directory, permissions).register(server);
        new SyncRoutes(sync, directory, identity.peerId()).register(server);
        new MessageRoutes(messages, directory, identity.peerId()).register(server);
        new BackupRoutes(backups, directory, identity, backupJobs).register(server);
        new AttentionRoutes(needsYou).register(server);
        ApiCredentials.publish(data.path(), server.port(), key);
        this.offered = context.registerService(NodeCommands.class, commands, null);
        LOG.log(Level.INFO, "Admin API on http://127.0.0.1:{0}", String.valueOf(server.port()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(NodeCommand command, ServiceReference<NodeCommand> reference) {
        commands.add(command, reference.getBundle().getSymbolicName());
    }

    void removeCommand(NodeCommand command) {
        commands.remove(command);
    }

    /** Where the API answers, for the node's start-up banner. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Deactivate
    void stop() {
        try {
            offered.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework took it back as the bundle stopped
        }
        server.close();
        backupJobs.close();
        commands.close();
        try {
            ApiCredentials.withdraw(data.path());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove {0}: {1}", ApiCredentials.FILE, e.getMessage());
        }
    }
}
