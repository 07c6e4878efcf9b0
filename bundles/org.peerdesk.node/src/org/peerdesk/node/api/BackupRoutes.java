package org.peerdesk.node.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.backup.Health;
import org.peerdesk.backup.HeldBackup;
import org.peerdesk.backup.PruneResult;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.backup.KeptNode;
import org.peerdesk.backup.Recovered;
import org.peerdesk.backup.RestoreResult;
import org.peerdesk.backup.Retention;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.SnapshotDiff;
import org.peerdesk.backup.Undeleted;
import org.peerdesk.backup.VerifyReport;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.transport.PeerDirectory;

/**
 * The admin API of backup (docs/admin-api.md): sets, snapshots, browsing, diff, prune, health, the
 * recovery phrase, what this node holds for others; runs, restores, verifications and recoveries
 * start jobs that are waited on or polled under {@code /api/v1/backup/jobs}.
 */
final class BackupRoutes {

    /** The longest a request waits for a job to end: each waiting request holds one of the API's few threads. */
    private static final long MAX_WAIT_MILLIS = 1000;

    private final BackupService backups;
    private final PeerDirectory directory;
    private final NodeIdentity identity;
    private final BackupJobs jobs;

    BackupRoutes(BackupService backups, PeerDirectory directory, NodeIdentity identity, BackupJobs jobs) {
        this.backups = backups;
        this.directory = directory;
        this.identity = identity;
        this.jobs = jobs;
    }

    /** The recovery phrase; where the node's key has a passphrase, only for whoever gives it too. */
    private Map<String, Object> recoveryPhrase(Map<String, Object> body) throws Exception {
        if (identity.passphraseProtected()) {
            if (!(body.get("passphrase") instanceof String passphrase)) {
                throw new ApiError(403, "This node's key has a passphrase: give it to see the recovery phrase"
                        + " (POST {\"passphrase\": \"...\"}).");
            }
            if (!identity.isPassphrase(passphrase.toCharArray())) {
                throw new ApiError(403, "That is not the passphrase of this node's key.");
            }
        }
        return Map.of("phrase", backup(backups::recoveryPhrase), "recoveryPhraseNoted", backup(backups::recoveryPhraseNoted));
    }

    void register(ApiServer server) {
        server.route("GET", "/api/v1/backup/sets", body -> {
            List<Map<String, Object>> sets = new ArrayList<>();
            for (BackupSet set : backup(backups::sets)) {
                sets.add(describe(set, backup(() -> backups.health(set.name()))));
            }
            return Map.of("sets", sets, "recoveryPhraseNoted", backup(backups::recoveryPhraseNoted));
        });
        server.route("POST", "/api/v1/backup/sets", this::addSet);
        server.route("GET", "/api/v1/backup/sources", body -> Map.of("sources", backups.sources().entrySet().stream()
                .map(source -> Map.of("name", source.getKey(), "label", source.getValue())).toList()));
        server.route("POST", "/api/v1/backup/holders", body -> Map.of("holders", askHolders(Bodies.text(body, "set"))));
        server.route("POST", "/api/v1/backup/sets/remove", body -> {
            String name = Bodies.text(body, "set");
            backup(() -> {
                backups.removeSet(name);
                return null;
            });
            return Map.of("removed", name);
        });
        server.route("POST", "/api/v1/backup/snapshots", body -> {
            String set = Bodies.text(body, "set");
            return Map.of("snapshots", backup(() -> backups.snapshots(set)).stream().map(BackupRoutes::describe).toList());
        });
        server.route("POST", "/api/v1/backup/browse", body -> {
            String set = Bodies.text(body, "set");
            String snapshot = snapshot(body);
            String path = Bodies.optionalText(body, "path").orElse("");
            return Map.of("entries", backup(() -> backups.list(set, snapshot, path)).stream().map(entry -> {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("path", entry.path());
                described.put("name", entry.name());
                described.put("folder", entry.folder());
                described.put("size", entry.size());
                described.put("mode", String.format("%04o", entry.mode()));
                described.put("modified", entry.modified().toString());
                return described;
            }).toList());
        });
        server.route("POST", "/api/v1/backup/diff", body -> {
            String set = Bodies.text(body, "set");
            String from = Bodies.text(body, "from");
            String to = Bodies.text(body, "to");
            SnapshotDiff diff = backup(() -> backups.diff(set, from, to));
            return Map.of("added", diff.added(), "removed", diff.removed(), "changed", diff.changed());
        });
        server.route("POST", "/api/v1/backup/prune", body -> {
            String set = Bodies.text(body, "set");
            Retention retention = new Retention(count(body, "keepLast"), count(body, "keepDaily"), count(body, "keepWeekly"));
            PruneResult pruned = backup(() -> backups.prune(set, retention));
            return Map.of("removedSnapshots", pruned.removedSnapshots(), "removedChunks", pruned.removedChunks(),
                    "freedBytes", pruned.freedBytes());
        });
        server.route("GET", "/api/v1/backup/recovery-phrase", this::recoveryPhrase);
        server.route("POST", "/api/v1/backup/recovery-phrase", this::recoveryPhrase);
        server.route("POST", "/api/v1/backup/recovery-phrase/noted", body -> {
            backup(() -> {
                backups.noteRecoveryPhrase();
                return null;
            });
            return Map.of("recoveryPhraseNoted", true);
        });
        server.route("GET", "/api/v1/backup/held", body -> held());
        server.route("POST", "/api/v1/backup/held", body -> {
            Optional<Duration> grace = days(body, "graceDays", "how many days data stays after its owner's grant ends");
            Optional<Duration> keep = days(body, "keepDeletedDays", "how many days what owners delete stays, in case a recovery needs it");
            if (grace.isEmpty() && keep.isEmpty()) {
                throw ApiError.badRequest("Give \"graceDays\" (how many days data stays after its owner's grant ends), \"keepDeletedDays\""
                        + " (how many days what owners delete stays, in case a recovery needs it), or both.");
            }
            backup(() -> {
                if (grace.isPresent()) {
                    backups.setRemovalGrace(grace.get());
                }
                if (keep.isPresent()) {
                    backups.setKeepDeleted(keep.get());
                }
                return null;
            });
            return held();
        });
        server.route("POST", "/api/v1/backup/run", body -> {
            String set = Bodies.text(body, "set");
            backup(() -> backups.set(set)).orElseThrow(() -> ApiError.badRequest("No backup set is called '" + set + "'."));
            return Map.of("job", jobs.start("run", set, progress -> describe(backups.run(set, progress))));
        });
        server.route("POST", "/api/v1/backup/restore", body -> {
            String set = Bodies.text(body, "set");
            String snapshot = snapshot(body);
            String path = Bodies.optionalText(body, "path").orElse("");
            Path target = Path.of(Bodies.text(body, "target")).toAbsolutePath().normalize();
            return Map.of("job", jobs.start("restore", set, progress -> describe(backups.restore(set, snapshot, path, target, progress))));
        });
        server.route("POST", "/api/v1/backup/verify", body -> {
            String set = Bodies.text(body, "set");
            return Map.of("job", jobs.start("verify", set, progress -> describe(backups.verify(set, progress))));
        });
        server.route("GET", "/api/v1/backup/recovery-file", body -> Map.of("file", backup(backups::recoveryFile)));
        server.route("POST", "/api/v1/backup/recovery-file/kept", body -> {
            backup(() -> {
                backups.recoveryFileKept();
                return null;
            });
            return Map.of("kept", true);
        });
        server.route("POST", "/api/v1/backup/undelete", body -> Map.of("job", jobs.start("undelete", "",
                progress -> describe(backups.undelete(progress)))));
        server.route("POST", "/api/v1/backup/recover", body -> {
            String phrase = Bodies.text(body, "phrase");
            Optional<String> file = Bodies.optionalText(body, "file");
            return Map.of("job", jobs.start("recover", "", progress -> describe(backups.recover(phrase, file, progress))));
        });
        server.route("GET", "/api/v1/backup/kept-node", body -> backup(backups::keptNode)
                .<Map<String, Object>>map(node -> Map.of("found", true, "node", describe(node))).orElse(Map.of("found", false)));
        server.route("POST", "/api/v1/backup/take-over", body -> {
            Optional<char[]> passphrase = Bodies.optionalText(body, "passphrase").map(String::toCharArray);
            return Map.of("node", describe(backup(() -> backups.takeOver(passphrase))), "startAgain", true);
        });
        server.route("GET", "/api/v1/backup/jobs", body -> Map.of("jobs", jobs.list()));
        server.route("POST", "/api/v1/backup/jobs/wait", body -> {
            long id = Bodies.id(body);
            long millis = Math.clamp(Bodies.optionalWhole(body, "millis", "Give \"millis\" as a whole number of milliseconds to wait.")
                    .orElse(MAX_WAIT_MILLIS), 0, MAX_WAIT_MILLIS);
            return Map.of("job", jobs.await(id, millis).orElseThrow(() -> noJob(id)));
        });
        server.route("POST", "/api/v1/backup/jobs/cancel", body -> {
            long id = Bodies.id(body);
            if (!jobs.cancel(id)) {
                throw noJob(id);
            }
            return Map.of("job", jobs.find(id).orElseThrow());
        });
    }

    private static ApiError noJob(long id) {
        return new ApiError(404, "No backup job " + id + " (a job is kept for an hour after it ends, and not when the node restarts).");
    }

    private Map<String, Object> addSet(Map<String, Object> body) throws Exception {
        String name = Bodies.text(body, "set");
        List<Path> folders = new ArrayList<>();
        for (Object folder : list(body, "folders", "the folders to back up")) {
            folders.add(Path.of(String.valueOf(folder)));
        }
        List<PeerId> holders = new ArrayList<>();
        for (Object holder : list(body, "holders", "the peers that hold the backup")) {
            holders.add(Bodies.peer(String.valueOf(holder), directory));
        }
        int copies = body.get("copies") == null ? BackupService.DEFAULT_COPIES : count(body, "copies");
        OptionalLong minutes = Bodies.optionalWhole(body, "everyMinutes", "Give \"everyMinutes\" as a whole number of minutes, or leave it out.");
        Optional<Duration> schedule = minutes.isPresent() ? Optional.of(Duration.ofMinutes(minutes.getAsLong())) : Optional.empty();
        Optional<List<String>> sources = sources(body);
        BackupSet set = sources.isEmpty() ? backup(() -> backups.addSet(name, folders, holders, copies, schedule))
                : backup(() -> backups.addSet(name, folders, sources.get(), holders, copies, schedule));
        return Map.of("set", describe(set, backup(() -> backups.health(set.name()))), "holders", askHolders(set.name()),
                "recoveryPhraseNoted", backup(backups::recoveryPhraseNoted));
    }

    private List<Map<String, Object>> askHolders(String set) throws ApiError {
        return backup(() -> backups.askHolders(set)).stream().map(BackupRoutes::describe).toList();
    }

    private static Map<String, Object> describe(HolderAnswer answer) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("peer", answer.peer().toString());
        described.put("name", answer.name());
        described.put("answer", answer.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        described.put("reason", answer.reason());
        described.put("quota", answer.quota().isPresent() ? answer.quota().getAsLong() : null);
        described.put("used", answer.used());
        described.put("share", answer.share().isPresent() ? answer.share().getAsLong() : null);
        described.put("shortOfRoom", answer.shortOfRoom());
        described.put("summary", answer.summary());
        return described;
    }

    /** The sources a set is to take, where the body names them (none is a list too); a set changed without keeps its own. */
    private static Optional<List<String>> sources(Map<String, Object> body) throws ApiError {
        Object sources = body.get("sources");
        if (sources == null) {
            return Optional.empty();
        }
        if (!(sources instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
            throw ApiError.badRequest("Give \"sources\" as a list of names (GET /api/v1/backup/sources lists them), or leave it out.");
        }
        return Optional.of(names.stream().map(String.class::cast).toList());
    }

    private static List<?> list(Map<String, Object> body, String field, String what) throws ApiError {
        if (!(body.get(field) instanceof List<?> values) || values.isEmpty()) {
            throw ApiError.badRequest("Give \"" + field + "\": " + what + ".");
        }
        return values;
    }

    private static int count(Map<String, Object> body, String field) throws ApiError {
        Object value = body.get(field);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number) || number.intValue() < 0) {
            throw ApiError.badRequest("\"" + field + "\" is a whole number, 0 or more.");
        }
        return number.intValue();
    }

    private static String snapshot(Map<String, Object> body) throws ApiError {
        return Bodies.optionalText(body, "snapshot").filter(text -> !text.isBlank()).map(String::strip).orElse(BackupService.LATEST);
    }

    /** A number of days, 0 or more (a fraction too), where the body has the field. */
    private static Optional<Duration> days(Map<String, Object> body, String field, String what) throws ApiError {
        Object given = body.get(field);
        if (given == null) {
            return Optional.empty();
        }
        if (!(given instanceof Number days) || days.doubleValue() < 0) {
            throw ApiError.badRequest("Give \"" + field + "\": " + what + " (0 or more).");
        }
        return Optional.of(Duration.ofMinutes(Math.round(days.doubleValue() * 24 * 60)));
    }

    private Map<String, Object> held() throws ApiError {
        List<Map<String, Object>> owners = new ArrayList<>();
        for (HeldBackup held : backup(backups::held)) {
            Map<String, Object> owner = new LinkedHashMap<>();
            owner.put("peer", held.owner().toString());
            owner.put("name", held.name());
            owner.put("bytes", held.bytes());
            owner.put("blobs", held.blobs());
            owner.put("keptDeleted", held.keptDeleted());
            owner.put("quota", held.quota().isPresent() ? held.quota().getAsLong() : null);
            owner.put("removal", held.removal().map(Object::toString).orElse(null));
            owner.put("claimants", held.claimants().stream().map(claimant -> Map.of("peer", claimant.peer().toString(),
                    "name", claimant.name(), "when", claimant.when().toString(), "summary", claimant.summary(held.name()))).toList());
            owner.put("replaced", held.replaced().stream().map(replaced -> Map.of("peer", replaced.peer().toString(),
                    "name", replaced.name(), "when", replaced.when().toString(), "summary", replaced.summary(held.name()))).toList());
            owners.add(owner);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("owners", owners);
        result.put("graceDays", backup(backups::removalGrace).toMinutes() / (24.0 * 60));
        result.put("keepDeletedDays", backup(backups::keepDeleted).toMinutes() / (24.0 * 60));
        return result;
    }

    private Map<String, Object> describe(BackupSet set, Health health) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("set", set.name());
        described.put("folders", set.folders().stream().map(Path::toString).toList());
        described.put("sources", set.sources());
        described.put("copies", set.copies());
        described.put("everyMinutes", set.every().map(Duration::toMinutes).orElse(null));
        described.put("lastRun", set.lastRun().map(Object::toString).orElse(null));
        described.put("nextRun", set.nextRun().map(Object::toString).orElse(null));
        described.put("lastProblem", set.lastProblem().orElse(null));
        described.put("lastCheck", set.lastCheck().map(Object::toString).orElse(null));
        described.put("checkProblem", set.checkProblem().orElse(null));
        described.put("chunks", health.chunks());
        described.put("fullyCopied", health.fullyCopied());
        described.put("underCopied", health.underCopied());
        described.put("lost", health.lost());
        described.put("holders", health.holders().stream().map(holder -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("peer", holder.peer().toString());
            state.put("name", holder.name());
            state.put("online", holder.online());
            state.put("chunks", holder.chunks());
            state.put("bytes", holder.bytes());
            return state;
        }).toList());
        return described;
    }

    private static Map<String, Object> describe(Snapshot snapshot) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", snapshot.id());
        described.put("set", snapshot.set());
        described.put("time", snapshot.time().toString());
        described.put("files", snapshot.files());
        described.put("bytes", snapshot.bytes());
        described.put("uploadedBytes", snapshot.uploadedBytes());
        described.put("underCopied", snapshot.underCopied());
        return described;
    }

    private static Map<String, Object> describe(RestoreResult restored) {
        return Map.of("target", restored.target().toString(), "files", restored.files(), "bytes", restored.bytes(),
                "problems", restored.problems());
    }

    private static Map<String, Object> describe(VerifyReport report) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("chunks", report.chunks());
        described.put("copies", report.copies());
        described.put("proven", report.proven());
        described.put("missing", report.missing());
        described.put("corrupt", report.corrupt());
        described.put("repaired", report.repaired());
        described.put("healthy", report.healthy());
        described.put("problems", report.problems());
        return described;
    }

    private static Map<String, Object> describe(Undeleted undeleted) {
        return Map.of("snapshots", undeleted.snapshots().stream().map(BackupRoutes::describe).toList(), "problems", undeleted.problems(),
                "holders", undeleted.holders(), "unreachable", undeleted.unreachable(),
                "summary", undeleted.summary(ZoneId.systemDefault()));
    }

    private static Map<String, Object> describe(Recovered recovered) {
        Map<String, Object> described = new LinkedHashMap<>(Map.of("sets", recovered.sets(), "snapshots", recovered.snapshots(),
                "broughtBack", recovered.broughtBack(), "holders", recovered.holders().stream().map(BackupRoutes::describe).toList()));
        recovered.keptNode().ifPresent(node -> described.put("keptNode", describe(node)));
        return described;
    }

    private static Map<String, Object> describe(KeptNode node) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", node.id().toString());
        described.put("name", node.shownName());
        described.put("named", node.name().isPresent());
        described.put("passphraseProtected", node.passphraseProtected());
        described.put("set", node.set());
        described.put("kept", node.kept().toString());
        described.put("peers", node.peers());
        described.put("grants", node.grants());
        described.put("beside", node.beside());
        described.put("broughtBack", node.broughtBack());
        return described;
    }

    private interface Action<T> {
        T run() throws BackupException;
    }

    private static <T> T backup(Action<T> action) throws ApiError {
        try {
            return action.run();
        } catch (BackupException e) {
            throw new ApiError(409, e.getMessage());
        }
    }
}
