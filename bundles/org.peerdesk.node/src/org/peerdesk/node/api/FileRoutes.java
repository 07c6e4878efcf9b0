package org.peerdesk.node.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.RemoteFiles;
import org.peerdesk.files.RemoteListing;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.files.Share;
import org.peerdesk.files.ShareService;
import org.peerdesk.files.Transfer;
import org.peerdesk.files.Transfers;
import org.peerdesk.permissions.Grant;
import org.peerdesk.permissions.PermissionException;
import org.peerdesk.permissions.PermissionService;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.PeerDirectory;

/** The admin API of file sharing: shares, browsing peers' shares, downloads and uploads (docs/admin-api.md). */
final class FileRoutes {

    /** How many matches a search answers with unless asked for another number. */
    private static final int DEFAULT_FOUND = 100;

    private final ShareService shares;
    private final RemoteFiles remote;
    private final Transfers transfers;
    private final PeerDirectory directory;
    private final PermissionService permissions;

    FileRoutes(ShareService shares, RemoteFiles remote, Transfers transfers, PeerDirectory directory, PermissionService permissions) {
        this.shares = shares;
        this.remote = remote;
        this.transfers = transfers;
        this.directory = directory;
        this.permissions = permissions;
    }

    void register(ApiServer server) {
        server.route("GET", "/api/v1/shares", body -> {
            List<Grant> grants = permissions.grants();
            return Map.of("shares", files(() -> shares.shares()).stream().map(share -> describe(share, grants)).toList());
        });
        server.route("POST", "/api/v1/shares", body -> {
            String name = Bodies.text(body, "name");
            Path folder = Path.of(Bodies.text(body, "folder"));
            return Map.of("share", describe(files(() -> shares.add(name, folder))));
        });
        server.route("POST", "/api/v1/shares/rename", body -> {
            String name = Bodies.text(body, "name");
            String newName = Bodies.text(body, "newName");
            return Map.of("share", describe(files(() -> shares.rename(name, newName))));
        });
        server.route("POST", "/api/v1/shares/remove", body -> {
            String name = Bodies.text(body, "name");
            files(() -> {
                shares.remove(name);
                return null;
            });
            return Map.of("removed", name);
        });
        server.route("POST", "/api/v1/shares/rescan", body -> {
            String name = Bodies.text(body, "name");
            return Map.of("share", describe(files(() -> shares.rescan(name))));
        });
        server.route("POST", "/api/v1/shares/ignore", body -> {
            String name = Bodies.text(body, "name");
            return Map.of("name", name, "rules", files(() -> shares.ignoreRules(name)));
        });
        server.route("POST", "/api/v1/shares/ignore/set", body -> {
            String name = Bodies.text(body, "name");
            if (!(body.get("rules") instanceof String rules)) {
                throw ApiError.badRequest("The request needs \"rules\": the patterns, one a line (\"\" for none).");
            }
            Share share = files(() -> shares.setIgnoreRules(name, rules));
            return Map.of("share", describe(share), "rules", files(() -> shares.ignoreRules(share.name())));
        });
        server.route("POST", "/api/v1/files/list", this::list);
        server.route("POST", "/api/v1/files/find", this::find);
        server.route("GET", "/api/v1/transfers", body -> Map.of("transfers",
                files(() -> transfers.transfers()).stream().map(this::describe).toList()));
        server.route("POST", "/api/v1/transfers", body -> {
            PeerId peer = Bodies.peer(body, directory);
            String path = Bodies.text(body, "remote");
            Optional<Path> destination = body.get("destination") instanceof String text && !text.isBlank()
                    ? Optional.of(Path.of(text)) : Optional.empty();
            return Map.of("transfer", describe(files(() -> transfers.download(peer, path, destination))));
        });
        server.route("POST", "/api/v1/uploads", body -> {
            PeerId peer = Bodies.peer(body, directory);
            Path local = Path.of(Bodies.text(body, "local"));
            String folder = Bodies.text(body, "remote");
            return Map.of("transfer", describe(files(() -> transfers.upload(local, peer, folder))));
        });
        server.route("POST", "/api/v1/transfers/cancel", body -> {
            long id = Bodies.id(body);
            return Map.of("transfer", describe(files(() -> transfers.cancel(id))));
        });
        server.route("POST", "/api/v1/transfers/retry", body -> {
            long id = Bodies.id(body);
            return Map.of("transfer", describe(files(() -> transfers.retry(id))));
        });
        server.route("POST", "/api/v1/transfers/remove", body -> {
            long id = Bodies.id(body);
            return Map.of("removed", describe(files(() -> transfers.remove(id))));
        });
        server.route("POST", "/api/v1/transfers/clear", body -> Map.of("cleared", files(transfers::clearFinished)));
    }

    /** A peer's shares (no folder given) or one page of a folder in one of them. */
    private Map<String, Object> list(Map<String, Object> body) throws Exception {
        PeerId peer = Bodies.peer(body, directory);
        Optional<String> given = Bodies.optionalText(body, "folder").filter(text -> !text.isBlank());
        if (given.isEmpty()) {
            return Map.of("peer", peer.toString(), "peerName", directory.nameOf(peer), "shares", files(() -> remote.shares(peer)));
        }
        String folder = given.get();
        String after = Bodies.optionalText(body, "after").orElse("");
        int limit = limit(body, RemoteFiles.MAX_PAGE);
        RemoteListing listing = files(() -> remote.list(peer, folder, after, limit));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", peer.toString());
        result.put("share", listing.share());
        result.put("path", listing.path());
        result.put("entries", listing.entries().stream().map(FileRoutes::describe).toList());
        result.put("next", listing.next().orElse(null));
        return result;
    }

    /** Files and folders in the peer's shares whose names hold every word of the text. */
    private Map<String, Object> find(Map<String, Object> body) throws Exception {
        PeerId peer = Bodies.peer(body, directory);
        if (!(body.get("text") instanceof String text)) {
            throw ApiError.badRequest("Say what to find: {\"peer\": ..., \"text\": \"budget 2026\"}.");
        }
        int limit = limit(body, DEFAULT_FOUND);
        RemoteMatches found = files(() -> remote.find(peer, text, limit));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peer", peer.toString());
        result.put("found", found.matches().stream().map(match -> {
            Map<String, Object> entry = describe(match.entry());
            entry.put("share", match.share());
            entry.put("location", match.location());
            return entry;
        }).toList());
        result.put("more", found.more());
        return result;
    }

    interface Action<T> {
        T run() throws FilesException;
    }

    /** A file-sharing problem is the caller's to fix (409), unless a peer failed us (502). */
    static <T> T files(Action<T> action) throws ApiError {
        try {
            return action.run();
        } catch (FilesException e) {
            throw new ApiError(e.getMessage() != null && e.getMessage().contains(" says: ") ? 502 : 409, e.getMessage());
        }
    }

    private Map<String, Object> describe(Share share) throws PermissionException {
        return describe(share, permissions.grants());
    }

    private Map<String, Object> describe(Share share, List<Grant> grants) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", share.id());
        result.put("name", share.name());
        result.put("folder", share.folder().toString());
        result.put("files", share.index().files());
        result.put("bytes", share.index().bytes());
        result.put("scanning", share.index().scanning());
        result.put("lastScan", share.index().lastScan().map(Object::toString).orElse(null));
        result.put("problem", share.index().problem().orElse(null));
        result.put("access", grants.stream().filter(grant -> grant.resource().kind() == Resource.Kind.SHARE
                && grant.resource().share().equals(share.name())).map(this::access).toList());
        return result;
    }

    /** A grant on the share or a folder in it: who, where ("" for the whole share), and what it may do there. */
    private Map<String, Object> access(Grant grant) {
        return Map.of("peer", grant.peer().toString(), "peerName", directory.nameOf(grant.peer()), "path", grant.resource().path(),
                "rights", Right.format(grant.rights()));
    }

    /** How many entries to answer with, {@code otherwise} where the body does not say (the files service keeps it to a page). */
    private static int limit(Map<String, Object> body, int otherwise) throws ApiError {
        return (int) Math.clamp(Bodies.optionalWhole(body, "limit", "Give \"limit\" as a whole number, or leave it out.").orElse(otherwise),
                1, Integer.MAX_VALUE);
    }

    private static Map<String, Object> describe(FileEntry entry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("name", entry.name());
        result.put("path", entry.path());
        result.put("folder", entry.directory());
        result.put("size", entry.size());
        result.put("modified", entry.modified().toString());
        result.put("mode", String.format("%04o", entry.mode()));
        return result;
    }

    private Map<String, Object> describe(Transfer transfer) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", transfer.id());
        result.put("direction", transfer.direction().word());
        result.put("peer", transfer.peer().toString());
        result.put("peerName", directory.nameOf(transfer.peer()));
        result.put("remote", transfer.remote());
        result.put("local", transfer.local().toString());
        result.put("path", transfer.brought().toString());
        result.put("state", transfer.state().word());
        result.put("bytesDone", transfer.progress().bytesDone());
        result.put("bytesTotal", transfer.progress().bytesTotal());
        result.put("filesDone", transfer.progress().filesDone());
        result.put("filesTotal", transfer.progress().filesTotal());
        result.put("bytesPerSecond", transfer.progress().bytesPerSecond());
        result.put("secondsLeft", transfer.progress().timeLeft().map(left -> left.toSeconds()).orElse(null));
        result.put("problem", transfer.problem().orElse(null));
        result.put("created", transfer.created().toString());
        return result;
    }
}
