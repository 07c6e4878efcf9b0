package org.peerdesk.node.api;

import static org.peerdesk.node.api.FileRoutes.files;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peerdesk.core.PeerId;
import org.peerdesk.files.Conflict;
import org.peerdesk.files.SyncFromHere;
import org.peerdesk.files.SyncPair;
import org.peerdesk.files.SyncService;
import org.peerdesk.files.TrashedFile;
import org.peerdesk.transport.PeerDirectory;

/** The admin API of two-way sync: pairs, conflicts, and the trash: what it keeps, putting it back, how long (docs/admin-api.md). */
final class SyncRoutes {

    private final SyncService sync;
    private final PeerDirectory directory;
    private final PeerId self;

    SyncRoutes(SyncService sync, PeerDirectory directory, PeerId self) {
        this.sync = sync;
        this.directory = directory;
        this.self = self;
    }

    void register(ApiServer server) {
        server.route("GET", "/api/v1/sync", body -> Map.of("pairs", files(sync::pairs).stream().map(this::describe).toList(),
                "fromHere", files(sync::syncingFromHere).stream().map(this::describe).toList(), "trashDays", files(sync::trashKeep).toDays()));
        server.route("POST", "/api/v1/sync", body -> {
            String share = Bodies.text(body, "share");
            PeerId peer = Bodies.peer(body, directory);
            List<String> folders = Bodies.texts(body, "folders", "{\"folders\": [\"reports\", \"photos/2026\"]}");
            SyncPair pair = files(() -> sync.sync(share, peer, folders));
            return Map.of("pair", describe(pair), "summary", pair.startedSummary(directory.nameOf(peer)));
        });
        server.route("POST", "/api/v1/sync/stop", body -> {
            String share = Bodies.text(body, "share");
            PeerId peer = Bodies.peer(body, directory);
            files(() -> {
                sync.stop(share, peer);
                return null;
            });
            return Map.of("stopped", share, "peer", peer.toString());
        });
        server.route("POST", "/api/v1/sync/pause", body -> {
            String share = Bodies.text(body, "share");
            PeerId peer = Bodies.peer(body, directory);
            return Map.of("pair", describe(files(() -> sync.pause(share, peer))));
        });
        server.route("POST", "/api/v1/sync/resume", body -> {
            String share = Bodies.text(body, "share");
            PeerId peer = Bodies.peer(body, directory);
            return Map.of("pair", describe(files(() -> sync.resume(share, peer))));
        });
        server.route("POST", "/api/v1/sync/trash", body -> {
            if (!(body.get("days") instanceof Number days) || days.longValue() < 0) {
                throw ApiError.badRequest("Give the days the trash keeps files: {\"days\": 30}.");
            }
            files(() -> {
                sync.setTrashKeep(Duration.ofDays(days.longValue()));
                return null;
            });
            return Map.of("trashDays", days.longValue());
        });
        server.route("POST", "/api/v1/trash", body -> {
            String share = Bodies.text(body, "share");
            List<TrashedFile> kept = files(() -> sync.trash(share));
            return Map.of("share", share, "files", kept.stream().map(SyncRoutes::describe).toList(),
                    "more", kept.size() == SyncService.TRASH_LISTED);
        });
        server.route("POST", "/api/v1/trash/restore", body -> {
            String share = Bodies.text(body, "share");
            String kept = Bodies.text(body, "kept");
            LocalDate day;
            try {
                day = LocalDate.parse(Bodies.text(body, "day"));
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("Give the day as the trash lists it: {\"day\": \"2026-12-04\"}.");
            }
            return Map.of("share", share, "restored", files(() -> sync.restoreFromTrash(share, day, kept)));
        });
        server.route("GET", "/api/v1/conflicts", body -> Map.of("conflicts",
                files(sync::conflicts).stream().map(this::describe).toList()));
        server.route("POST", "/api/v1/conflicts/resolve", body -> {
            long id = Bodies.id(body);
            Conflict.Choice choice = choice(Bodies.text(body, "keep"));
            files(() -> {
                sync.resolve(id, choice);
                return null;
            });
            return Map.of("resolved", id, "kept", choice.word());
        });
        server.route("POST", "/api/v1/conflicts/compare", body -> {
            long id = Bodies.id(body);
            return Map.of("id", id, "diff", files(() -> sync.compare(id)));
        });
    }

    private static Conflict.Choice choice(String word) throws ApiError {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "original" -> Conflict.Choice.KEEP_ORIGINAL;
            case "copy" -> Conflict.Choice.KEEP_COPY;
            case "both" -> Conflict.Choice.KEEP_BOTH;
            case "merge" -> Conflict.Choice.MERGE;
            default -> throw ApiError.badRequest("Keep 'original', 'copy' or 'both', or 'merge' them, not '" + word + "'.");
        };
    }

    private static Map<String, Object> describe(TrashedFile file) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("day", file.day().toString());
        result.put("kept", file.kept());
        result.put("path", file.path());
        result.put("size", file.size());
        result.put("modified", file.modified().toString());
        return result;
    }

    private Map<String, Object> describe(SyncPair pair) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("share", pair.share());
        result.put("peer", pair.peer().toString());
        result.put("peerName", directory.nameOf(pair.peer()));
        result.put("folders", pair.folders());
        result.put("state", pair.state().word());
        pair.round().ifPresent(round -> result.put("round", Map.of("settled", round.settled(), "known", round.known())));
        result.put("lastSync", pair.lastSync().map(Object::toString).orElse(null));
        result.put("filesIn", pair.filesIn());
        result.put("filesRemoved", pair.filesRemoved());
        result.put("problem", pair.problem().orElse(null));
        result.put("peerLastRead", pair.peerLastRead().map(Object::toString).orElse(null));
        result.put("peerTakesChanges", pair.peerTakesChanges(Instant.now()));
        return result;
    }

    private Map<String, Object> describe(SyncFromHere reader) {
        String name = directory.nameOf(reader.peer());
        return Map.of("share", reader.share(), "peer", reader.peer().toString(), "peerName", name, "lastRead", reader.lastRead().toString(),
                "summary", reader.summary(name));
    }

    private Map<String, Object> describe(Conflict conflict) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", conflict.id());
        result.put("share", conflict.share());
        result.put("path", conflict.path());
        result.put("copy", conflict.copy());
        result.put("author", conflict.author().toString());
        result.put("authorName", conflict.author().equals(self) ? "me" : directory.nameOf(conflict.author()));
        result.put("found", conflict.found().toString());
        result.put("merge", conflict.merge().orElse(null));
        return result;
    }
}
