package org.peerdesk.node.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.transport.ConnectedPeer;
import org.peerdesk.transport.DialProblem;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.Invite;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.NearbyPeers;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.SpeedTest;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/** The admin API of peers: the known ones, the strangers heard nearby, invites, introductions, connecting, the speed test. */
record PeerRoutes(TransportService transport, PeerDirectory directory, NearbyPeers heard, Introductions introductions,
        SpeedTest speedTest, PermissionService permissions) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final long DEFAULT_SPEED_TEST_MIB = 100;

    void register(ApiServer server) {
        server.route("GET", "/api/v1/peers", body -> peers());
        server.route("POST", "/api/v1/peers", this::addPeer);
        server.route("GET", "/api/v1/peers/nearby", body -> nearby());
        server.route("POST", "/api/v1/peers/forget", this::forget);
        server.route("POST", "/api/v1/peers/relay", this::relay);
        server.route("POST", "/api/v1/invites", body -> invite());
        server.route("GET", "/api/v1/introductions", body -> waitingIntroductions());
        server.route("POST", "/api/v1/introductions", this::introduce);
        server.route("POST", "/api/v1/introductions/accept", this::acceptIntroduction);
        server.route("POST", "/api/v1/introductions/decline", this::declineIntroduction);
        server.route("POST", "/api/v1/speedtest", this::speedTest);
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
        result.put("address", connection.filter(direct -> !direct.relayed()).map(ConnectedPeer::address).or(peer::address)
                .map(PeerAddress::shown).orElse(null));
        result.put("publicAddresses", peer.publicAddresses().stream().map(PeerAddress::shown).toList());
        result.put("via", connection.flatMap(ConnectedPeer::relay).map(directory::nameOf).orElse(null));
        result.put("lastSeen", connection.isPresent() ? "now" : peer.lastSeen().map(Object::toString).orElse(null));
        result.put("lastTry", connection.isPresent() ? null : transport.dialProblem(peer.id()).map(PeerRoutes::describe).orElse(null));
        return result;
    }

    private static Map<String, Object> describe(DialProblem problem) {
        return Map.of("problem", problem.reason(), "refused", problem.refused(), "at", problem.at().toString());
    }

    private Map<String, Object> nearby() {
        return Map.of("listening", heard.listening(), "nearby", heard.nearby().stream().map(peer -> Map.of("peerId", peer.id().toString(), "name", peer.name(),
                "addresses", peer.addresses().stream().map(PeerAddress::shown).toList(),
                "target", peer.id() + "@" + peer.addresses().get(0).shown(), "lastHeard", peer.lastHeard().toString())).toList());
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

    /** Connects to a known peer through another: {"peer": "cai", "via": "ana"}. */
    private Map<String, Object> relay(Map<String, Object> body) throws Exception {
        PeerId peer = Bodies.peer(body, directory);
        PeerId via = Bodies.peer(Bodies.text(body, "via"), directory);
        KnownPeer known = directory.find(peer).orElseThrow(() -> new ApiError(404, peer.shortForm() + " is not a known peer: add it first."));
        try {
            transport.connectVia(via, peer).toCompletableFuture().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ApiError(502, e.getCause().getMessage());
        }
        return Map.of("peer", describe(known));
    }

    private Map<String, Object> forget(Map<String, Object> body) throws Exception {
        PeerId peer = Bodies.peer(body, directory);
        Optional<KnownPeer> known = directory.find(peer);
        // a peer granted access by its ID alone is no known peer, but forgetting it ends its grants all the same
        if (known.isEmpty() && permissions.grants().stream().noneMatch(grant -> grant.peer().equals(peer))) {
            throw new ApiError(404, peer.shortForm() + " is not a known peer, and has no grant.");
        }
        int ended = permissions.forget(peer).size();
        return Map.of("forgotten", Map.of("peerId", peer.toString(), "name", known.map(KnownPeer::name).orElse(peer.shortForm())),
                "grantsEnded", ended);
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

    private Map<String, Object> invite() throws Exception {
        Invite invite = introductions.invite();
        return Map.of("code", invite.code(), "expires", invite.expires().toString(),
                "addresses", invite.addresses().stream().map(PeerAddress::shown).toList());
    }

    private Map<String, Object> waitingIntroductions() throws Exception {
        return Map.of("introductions", introductions.introductions().stream().map(this::describe).toList());
    }

    private Map<String, Object> describe(Introduction introduction) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", introduction.id());
        result.put("peerId", introduction.peer().toString());
        result.put("name", introduction.name());
        result.put("addresses", introduction.addresses().stream().map(PeerAddress::shown).toList());
        result.put("introducer", Map.of("peerId", introduction.introducer().toString(), "name", directory.nameOf(introduction.introducer())));
        result.put("received", introduction.received().toString());
        return result;
    }

    private Map<String, Object> introduce(Map<String, Object> body) throws Exception {
        List<String> named = Bodies.texts(body, "peers", "{\"peers\": [\"Ben\", \"Cai\"]}");
        List<PeerId> peers = new ArrayList<>();
        for (String peer : named) {
            peers.add(Bodies.peer(peer, directory));
        }
        try {
            introductions.introduce(peers);
        } catch (TransportException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        return Map.of("introduced", peers.stream().distinct().map(peer -> Map.of("peerId", peer.toString(), "name", directory.nameOf(peer)))
                .toList());
    }

    private Map<String, Object> acceptIntroduction(Map<String, Object> body) throws Exception {
        Introduction introduction = waitingIntroduction(Bodies.id(body));
        KnownPeer added = introductions.acceptIntroduction(introduction.id());
        return Map.of("peer", describe(added), "introducer", directory.nameOf(introduction.introducer()));
    }

    private Map<String, Object> declineIntroduction(Map<String, Object> body) throws Exception {
        Introduction introduction = waitingIntroduction(Bodies.id(body));
        introductions.declineIntroduction(introduction.id());
        return Map.of("declined", describe(introduction));
    }

    private Introduction waitingIntroduction(long id) throws Exception {
        return introductions.introductions().stream().filter(introduction -> introduction.id() == id).findFirst()
                .orElseThrow(() -> new ApiError(404, "No introduction " + id + " waits for an answer ('peerdesk introductions' lists those that do)."));
    }

    private Map<String, Object> speedTest(Map<String, Object> body) throws Exception {
        if (!(body.get("peer") instanceof String peerText)) {
            throw ApiError.badRequest("Say which peer to test with: {\"peer\": \"PEER-ID\", \"mebibytes\": 100}.");
        }
        long mebibytes = Bodies.optionalWhole(body, "mebibytes", "Give \"mebibytes\" as a whole number, or leave it out for "
                + DEFAULT_SPEED_TEST_MIB + ".").orElse(DEFAULT_SPEED_TEST_MIB);
        PeerId peer = Bodies.peer(peerText, directory);
        if (transport.connection(peer).isEmpty()) {
            throw new ApiError(409, directory.nameOf(peer) + " is not connected; a speed test needs a connected peer.");
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
}
