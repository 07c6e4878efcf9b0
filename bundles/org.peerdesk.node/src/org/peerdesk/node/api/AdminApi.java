package org.peerdesk.node.api;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.plugins.InstalledPlugin;
import org.peerdesk.plugins.PluginLoader;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.Invite;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.SpeedTest;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/**
 * The node's local admin API (see docs/admin-api.md): HTTP/JSON on 127.0.0.1, port 22071 or the
 * next free one (the framework property {@value #PORT} overrides), guarded by the API key in the
 * data directory. The CLI, scripts and tests drive the node through it.
 */
@Component(immediate = true, service = AdminApi.class)
public final class AdminApi {

    public static final String PORT = "peerdesk.api.port";
    private static final int DEFAULT_PORT = 22071;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long DEFAULT_SPEED_TEST_MIB = 100;
    private static final Logger LOG = System.getLogger(AdminApi.class.getName());

    private final NodeIdentity identity;
    private final TransportService transport;
    private final PeerDirectory directory;
    private final Introductions introductions;
    private final PluginLoader plugins;
    private final SpeedTest speedTest;
    private final PermissionService permissions;
    private final DataDirectory data;
    private final ApiServer server;

    @Activate
    public AdminApi(@Reference DataDirectory data, @Reference NodeIdentity identity, @Reference TransportService transport,
            @Reference PeerDirectory directory, @Reference Introductions introductions, @Reference PluginLoader plugins,
            @Reference SpeedTest speedTest, @Reference PermissionService permissions, @Reference AccessRequests requests,
            BundleContext context) throws IOException {
        this.data = data;
        this.identity = identity;
        this.transport = transport;
        this.directory = directory;
        this.introductions = introductions;
        this.plugins = plugins;
        this.speedTest = speedTest;
        this.permissions = permissions;
        String configured = context.getProperty(PORT);
        int port = configured == null ? DEFAULT_PORT : Integer.parseInt(configured.strip());
        String key = ApiCredentials.keyIn(data.path());
        this.server = new ApiServer(port, configured == null ? 20 : 1, key);
        server.route("GET", "/api/v1/identity", body -> identity());
        server.route("POST", "/api/v1/identity/name", this::rename);
        server.route("POST", "/api/v1/identity/passphrase", this::protect);
        server.route("GET", "/api/v1/peers", body -> peers());
        server.route("POST", "/api/v1/peers", this::addPeer);
        server.route("POST", "/api/v1/invites", body -> invite());
        server.route("GET", "/api/v1/plugins", body -> plugins());
        server.route("POST", "/api/v1/speedtest", this::speedTest);
        new AccessRoutes(permissions, requests, directory).register(server);
        ApiCredentials.publish(data.path(), server.port(), key);
        LOG.log(Level.INFO, "Admin API on http://127.0.0.1:{0}", String.valueOf(server.port()));
    }

    /** Where the API answers, for the node's start-up banner. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Deactivate
    void stop() {
        server.close();
        try {
            ApiCredentials.withdraw(data.path());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove {0}: {1}", ApiCredentials.FILE, e.getMessage());
        }
    }

    private Map<String, Object> identity() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peerId", identity.peerId().toString());
        result.put("name", identity.displayName());
        result.put("listen", transport.listenAddresses().stream().map(Object::toString).toList());
        return result;
    }

    private Map<String, Object> rename(Map<String, Object> body) throws Exception {
        if (!(body.get("name") instanceof String name)) {
            throw ApiError.badRequest("Give the new name: {\"name\": \"Ana's laptop\"}.");
        }
        try {
            identity.rename(name);
        } catch (IdentityException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return identity();
    }

    private Map<String, Object> protect(Map<String, Object> body) throws Exception {
        if (!(body.get("passphrase") instanceof String passphrase)) {
            throw ApiError.badRequest("Give the passphrase: {\"passphrase\": \"...\"}, or \"\" to remove it.");
        }
        identity.protect(passphrase.toCharArray());
        return Map.of("protected", !passphrase.isEmpty());
    }

    private Map<String, Object> peers() throws Exception {
        List<Map<String, Object>> peers = directory.peers().stream().map(this::describe).toList();
        return Map.of("peers", peers);
    }

    private Map<String, Object> describe(KnownPeer peer) {
        Optional<ConnectedPeer> connection = transport.connection(peer.id());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peerId", peer.id().toString());
        result.put("name", peer.name());
        result.put("online", connection.isPresent());
        result.put("trust", permissions.trust(peer.id()).map(TrustState::word).orElse("stranger"));
        result.put("address", connection.map(ConnectedPeer::address).or(peer::address).map(Object::toString).orElse(null));
        result.put("lastSeen", connection.isPresent() ? "now" : peer.lastSeen().map(Object::toString).orElse(null));
        return result;
    }

    private Map<String, Object> addPeer(Map<String, Object> body) throws Exception {
        Object target = body.get("target");
        if (!(target instanceof String text) || text.isBlank()) {
            throw ApiError.badRequest("Say whom to connect to: {\"target\": \"INVITE-CODE\"} or {\"target\": \"PEER-ID@HOST:PORT\"}.");
        }
        CompletionStage<KnownPeer> added = text.strip().toUpperCase().startsWith("PD1")
                ? introductions.accept(text)
                : byAddress(text);
        try {
            return Map.of("peer", describe(added.toCompletableFuture().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)));
        } catch (ExecutionException e) {
            throw new ApiError(502, e.getCause().getMessage());
        }
    }

    private CompletionStage<KnownPeer> byAddress(String target) throws ApiError {
        int at = target.lastIndexOf('@');
        if (at <= 0) {
            throw ApiError.badRequest("'" + target + "' is neither an invite code nor PEER-ID@HOST:PORT.");
        }
        try {
            return introductions.add(PeerId.parse(target.substring(0, at)), PeerAddress.parse(target.substring(at + 1)));
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private Map<String, Object> speedTest(Map<String, Object> body) throws Exception {
        if (!(body.get("peer") instanceof String peerText)) {
            throw ApiError.badRequest("Say which peer to test with: {\"peer\": \"PEER-ID\", \"mebibytes\": 100}.");
        }
        long mebibytes = body.get("mebibytes") instanceof Number number ? number.longValue() : DEFAULT_SPEED_TEST_MIB;
        PeerId peer;
        try {
            peer = PeerId.parse(peerText);
        } catch (InvalidInputException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (transport.connection(peer).isEmpty()) {
            throw new ApiError(409, peer.shortForm() + " is not connected; a speed test needs a connected peer.");
        }
        SpeedTest.Result result;
        try {
            result = speedTest.run(peer, mebibytes << 20);
        } catch (TransportException e) {
            throw new ApiError(502, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("peer", peer.toString());
        answer.put("bytes", result.bytes());
        answer.put("seconds", result.elapsed().toNanos() / 1e9);
        answer.put("mebibytesPerSecond", result.mebibytesPerSecond());
        answer.put("roundTrips", result.roundTripsMillis().length);
        answer.put("roundTripP50Millis", result.roundTripPercentile(0.5));
        answer.put("roundTripP99Millis", result.roundTripPercentile(0.99));
        return answer;
    }

    private Map<String, Object> plugins() {
        return Map.of("folder", data.resolve(DataDirectory.PLUGINS).toString(),
                "plugins", plugins.plugins().stream().map(AdminApi::describe).toList());
    }

    private static Map<String, Object> describe(InstalledPlugin plugin) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", plugin.file());
        result.put("bundle", plugin.symbolicName());
        result.put("version", plugin.version());
        result.put("running", plugin.running());
        result.put("problem", plugin.problem());
        return result;
    }

    private Map<String, Object> invite() throws Exception {
        Invite invite = introductions.invite();
        return Map.of("code", invite.code(), "expires", invite.expires().toString());
    }
}
