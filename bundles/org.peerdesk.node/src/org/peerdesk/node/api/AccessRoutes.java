package org.peerdesk.node.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.AccessRequests;
import org.peerdesk.permissions.Approval;
import org.peerdesk.permissions.AuditEntry;
import org.peerdesk.permissions.AuditReport;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.NoSuchEntryException;
import org.peerdesk.permissions.PasswordGrant;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.permissions.TrustState;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.PeerNames;

/** The admin API of the permissions area: requests, grants, passwords, trust and the audit log (docs/admin-api.md). */
final class AccessRoutes {

    private static final int AUDIT_PAGE = 200;

    private final PermissionService permissions;
    private final AccessRequests requests;
    private final PeerDirectory directory;

    AccessRoutes(PermissionService permissions, AccessRequests requests, PeerDirectory directory) {
        this.permissions = permissions;
        this.requests = requests;
        this.directory = directory;
    }

    void register(ApiServer server) {
        server.route("GET", "/api/v1/access/requests", body -> Map.of("requests", requests.requests().stream().map(this::describe).toList()));
        server.route("POST", "/api/v1/access/requests", this::request);
        server.route("POST", "/api/v1/access/requests/approve", this::approve);
        server.route("POST", "/api/v1/access/requests/deny", body -> {
            long id = waitingRequest(body);
            return Map.of("request", describe(permission(() -> requests.deny(id))));
        });
        server.route("GET", "/api/v1/access/grants", body -> Map.of("grants", permissions.grants().stream().map(this::describe).toList()));
        server.route("POST", "/api/v1/access/grants", this::grant);
        server.route("GET", "/api/v1/access/given", body -> Map.of("given", requests.given().stream().map(this::describe).toList()));
        server.route("POST", "/api/v1/access/grants/revoke", body -> {
            long id = grantToRevoke(body);
            permission(() -> {
                permissions.revoke(id);
                return null;
            });
            return Map.of("revoked", id);
        });
        server.route("GET", "/api/v1/access/passwords",
                body -> Map.of("passwords", permissions.passwords().stream().map(AccessRoutes::describe).toList()));
        server.route("POST", "/api/v1/access/passwords", this::setPassword);
        server.route("POST", "/api/v1/access/unlock", this::unlock);
        server.route("POST", "/api/v1/access/trust", this::trust);
        server.route("GET", "/api/v1/access/audit", body -> describe(permissions.audit(AUDIT_PAGE)));
        server.route("GET", "/api/v1/access/settings", body -> Map.of("invitesGrantMessages", permissions.invitesGrantMessages()));
        server.route("POST", "/api/v1/access/settings", body -> {
            if (!(body.get("invitesGrantMessages") instanceof Boolean grant)) {
                throw ApiError.badRequest("Give the setting: {\"invitesGrantMessages\": false}.");
            }
            permission(() -> {
                permissions.setInvitesGrantMessages(grant);
                return null;
            });
            return Map.of("invitesGrantMessages", grant);
        });
    }

    private Map<String, Object> request(Map<String, Object> body) throws Exception {
        PeerId owner = peer(body);
        GrantTerms terms = terms(body);
        String note = Bodies.optionalText(body, "note").orElse("");
        return Map.of("request", describe(permission(() -> requests.request(owner, terms, note))));
    }

    private Map<String, Object> approve(Map<String, Object> body) throws Exception {
        long id = waitingRequest(body);
        Optional<String> named = Bodies.optionalText(body, "rights");
        Optional<Set<Right>> rights = named.isPresent() ? Optional.of(parse(() -> Right.parseAll(named.get()))) : Optional.empty();
        Optional<OptionalLong> quota = body.containsKey("quota") ? Optional.of(quota(body)) : Optional.empty(); // null: no limit
        Approval approval = new Approval(rights, expires(body), quota);
        return Map.of("request", describe(permission(() -> requests.approve(id, approval))));
    }

    private Map<String, Object> grant(Map<String, Object> body) throws Exception {
        PeerId peer = peer(body);
        GrantTerms terms = terms(body);
        return Map.of("grant", describe(permission(() -> permissions.grant(peer, terms, Grant.Origin.GRANTED))));
    }

    private Map<String, Object> setPassword(Map<String, Object> body) throws Exception {
        GrantTerms terms = terms(body);
        if (!(body.get("password") instanceof String password)) {
            throw ApiError.badRequest("Give the password: {\"resource\": \"docs\", \"rights\": \"read\", \"password\": \"...\"}.");
        }
        permission(() -> {
            permissions.setPassword(terms, password.toCharArray());
            return null;
        });
        return Map.of("resource", terms.resource().toString(), "rights", Right.format(terms.rights()));
    }

    private Map<String, Object> unlock(Map<String, Object> body) throws Exception {
        PeerId owner = peer(body);
        Resource resource = parse(() -> Resource.parse(Bodies.text(body, "resource")));
        if (!(body.get("password") instanceof String password)) {
            throw ApiError.badRequest("Give the password: {\"peer\": \"...\", \"resource\": \"docs\", \"password\": \"...\"}.");
        }
        Set<Right> granted = permission(() -> requests.unlock(owner, resource, password.toCharArray()));
        return Map.of("peer", owner.toString(), "resource", resource.toString(), "rights", Right.format(granted));
    }

    private Map<String, Object> trust(Map<String, Object> body) throws Exception {
        PeerId peer = peer(body);
        TrustState asked;
        try {
            asked = TrustState.valueOf(Bodies.text(body, "state").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("The state is one of: trusted, pending, blocked.");
        }
        TrustState state = permission(() -> {
            if (asked == TrustState.TRUSTED) {
                return permissions.unblock(peer); // a stranger is not made trusted by it
            }
            permissions.setTrust(peer, asked);
            return asked;
        });
        return Map.of("peer", peer.toString(), "peerName", directory.nameOf(peer), "trust", state.word());
    }

    // --- reading requests ----------------------------------------------------------------------

    /** The request to answer: by its number, or by the peer that asked when one request of theirs waits. */
    private long waitingRequest(Map<String, Object> body) throws Exception {
        if (!body.containsKey("peer")) {
            return Bodies.id(body);
        }
        PeerId asker = peer(body);
        List<Long> waiting = requests.requests().stream().filter(request -> request.awaitsDecision() && request.peer().equals(asker))
                .map(AccessRequest::id).toList();
        String name = directory.nameOf(asker);
        return theOne(waiting, name + " has no request waiting for an answer (peerdesk requests lists them).",
                name + " has " + waiting.size() + " requests waiting", "answer");
    }

    /** The grant to revoke: by its number, or by the peer and resource it gives, when one grant does. */
    private long grantToRevoke(Map<String, Object> body) throws Exception {
        if (!body.containsKey("peer")) {
            return Bodies.id(body);
        }
        PeerId grantee = peer(body);
        Resource resource = parse(() -> Resource.parse(Bodies.text(body, "resource")));
        List<Long> given = permissions.grants().stream().filter(grant -> grant.peer().equals(grantee) && grant.resource().equals(resource))
                .map(Grant::id).toList();
        String name = directory.nameOf(grantee);
        return theOne(given, name + " has no grant on " + resource + " (peerdesk grants lists them).",
                name + " has " + given.size() + " grants on " + resource, "revoke");
    }

    /** The one entry of {@code ids}: none is a 404 saying {@code none}; several a 409 that lists them and asks to {@code act} on one. */
    private static long theOne(List<Long> ids, String none, String several, String act) throws ApiError {
        return switch (ids.size()) {
            case 0 -> throw new ApiError(404, none);
            case 1 -> ids.get(0);
            default -> throw new ApiError(409, several + " (" + ids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + "); " + act + " one by its number.");
        };
    }

    /**
     * The peer a body names: a known peer, named as anywhere; or else a stranger this node deals with (one that asked it for
     * access, or holds a grant, as one that proved a password does), by the start of its ID as those lists show it (never
     * by the name it gave, which another peer could give too).
     */
    private PeerId peer(Map<String, Object> body) throws Exception {
        String named = Bodies.text(body, "peer");
        if (PeerNames.matching(named, directory.peers()).isEmpty()) {
            List<PeerId> strangers = permission(() -> Stream.concat(requests.requests().stream().map(AccessRequest::peer),
                    permissions.grants().stream().map(Grant::peer))
                    .filter(peer -> PeerNames.startsId(peer, named)).distinct().toList());
            if (strangers.size() == 1) {
                return strangers.get(0);
            }
        }
        return Bodies.peer(named, directory);
    }

    private static GrantTerms terms(Map<String, Object> body) throws ApiError {
        Resource resource = parse(() -> Resource.parse(Bodies.text(body, "resource")));
        Set<Right> rights = parse(() -> Right.parseAll(Bodies.text(body, "rights")));
        OptionalLong quota = quota(body);
        return parse(() -> new GrantTerms(resource, rights, expires(body), quota).checked());
    }

    /** A quota as JSON: its bytes, or null for none. */
    private static Long bytes(OptionalLong quota) {
        return quota.isPresent() ? quota.getAsLong() : null;
    }

    /** The storage a body gives, in bytes; none where it has no quota or gives null. */
    private static OptionalLong quota(Map<String, Object> body) throws ApiError {
        return Bodies.optionalWhole(body, "quota", "Give the quota in bytes, as a whole number ({\"quota\": 53687091200}), or null for no limit.");
    }

    private static Optional<Instant> expires(Map<String, Object> body) throws ApiError {
        if (!(body.get("expires") instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("'" + text + "' is not a time like 2026-12-31T18:00:00Z.");
        }
    }

    private interface Parse<T> {
        T get() throws Exception;
    }

    private static <T> T parse(Parse<T> parse) throws ApiError {
        try {
            return parse.get();
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private interface Action<T> {
        T run() throws PermissionException;
    }

    /** Maps the permissions' errors to statuses: unknown entries 404, the rest 409 (or 502 when a peer failed us). */
    private static <T> T permission(Action<T> action) throws ApiError {
        try {
            return action.run();
        } catch (NoSuchEntryException e) {
            throw new ApiError(404, e.getMessage());
        } catch (org.peerdesk.permissions.AccessDeniedException e) {
            throw new ApiError(403, e.getMessage());
        } catch (PermissionException e) {
            throw new ApiError(e.getCause() instanceof InvalidInputException ? 400 : 409, e.getMessage());
        }
    }

    // --- writing answers -----------------------------------------------------------------------

    private Map<String, Object> describe(AccessRequest request) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", request.id());
        result.put("direction", request.direction().word());
        result.put("peer", request.peer().toString());
        result.put("peerName", request.peerName(directory.knownName(request.peer())));
        result.put("resource", request.asked().resource().toString());
        result.put("rights", Right.format(request.asked().rights()));
        result.put("quota", bytes(request.asked().quotaBytes()));
        result.put("note", request.note());
        result.put("state", request.state().word());
        result.put("created", request.created().toString());
        result.put("decided", request.decided().map(Instant::toString).orElse(null));
        result.put("granted", request.granted().map(terms -> Right.format(terms.rights())).orElse(null));
        result.put("grantedQuota", request.granted().map(terms -> bytes(terms.quotaBytes())).orElse(null));
        result.put("expires", request.granted().flatMap(GrantTerms::expires).or(() -> request.asked().expires())
                .map(Instant::toString).orElse(null));
        return result;
    }

    private Map<String, Object> describe(Grant grant) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", grant.id());
        result.put("peer", grant.peer().toString());
        result.put("peerName", directory.nameOf(grant.peer()));
        result.put("peerBlocked", permissions.trust(grant.peer()).filter(TrustState.BLOCKED::equals).isPresent());
        result.put("resource", grant.resource().toString());
        result.put("rights", Right.format(grant.rights()));
        result.put("quota", bytes(grant.quotaBytes()));
        result.put("created", grant.created().toString());
        result.put("expires", grant.expires().map(Instant::toString).orElse(null));
        result.put("origin", grant.origin().word());
        return result;
    }

    private Map<String, Object> describe(Given given) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", given.owner().toString());
        result.put("peerName", directory.nameOf(given.owner()));
        result.put("resource", given.terms().resource().toString());
        result.put("rights", Right.format(given.terms().rights()));
        result.put("quota", bytes(given.terms().quotaBytes()));
        result.put("expires", given.terms().expires().map(Instant::toString).orElse(null));
        result.put("since", given.since().toString());
        return result;
    }

    private static Map<String, Object> describe(PasswordGrant password) {
        return Map.of("resource", password.terms().resource().toString(), "rights", Right.format(password.terms().rights()),
                "set", password.set().toString());
    }

    private Map<String, Object> describe(AuditReport report) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("intact", report.intact());
        result.put("problem", report.problem().orElse(null));
        result.put("total", report.total());
        result.put("entries", report.entries().stream().map(this::describe).toList());
        return result;
    }

    private Map<String, Object> describe(AuditEntry entry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seq", entry.sequence());
        result.put("at", entry.at().toString());
        result.put("event", entry.event().word());
        result.put("peer", entry.peer().map(PeerId::toString).orElse(null));
        result.put("peerName", entry.peer().map(directory::nameOf).orElse(null));
        result.put("resource", entry.resource());
        result.put("detail", entry.detail());
        return result;
    }
}
