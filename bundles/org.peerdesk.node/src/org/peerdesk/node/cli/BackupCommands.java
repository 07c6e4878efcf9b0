package org.peerdesk.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.Intervals;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.Sentences;

/**
 * The CLI words of backup: sets, runs, snapshots, restores, verification, pruning, the recovery
 * phrase and recovery, and what this node holds for others. Long operations are jobs in the node:
 * the CLI starts one, shows its progress while it runs, and prints its result.
 */
final class BackupCommands {

    static final Set<String> WORDS = Set.of("backup", "snapshots", "restore", "recovery", "recover", "take-over");
    private static final String PHRASE_REMINDER = "Your recovery phrase is not written down yet: without it, a lost machine takes its"
            + " backups along. Show it: peerdesk recovery phrase";
    /** How long each request waits for a job to end: the progress line is redrawn after each. */
    private static final long WAIT_MILLIS = 250;

    private final Output output;
    private final Cli.SecretSource secrets;

    BackupCommands(Output output, Cli.SecretSource secrets) {
        this.output = output;
        this.secrets = secrets;
    }

    int run(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        int arguments = words.size() - 1;
        return switch (words.get(0)) {
            case "backup" -> backup(words, options, api);
            case "snapshots" -> arguments != 1 ? output.usage("snapshots NAME")
                    : output.show(api.post("/api/v1/backup/snapshots", Map.of("set", words.get(1))), this::printSnapshots);
            case "restore" -> arguments < 2 || arguments > 3 || !options.containsKey("to")
                    ? output.usage("restore NAME SNAPSHOT|latest [PATH] --to DIR")
                    : job(api, "/api/v1/backup/restore", Map.of("set", words.get(1), "snapshot", words.get(2),
                            "path", arguments == 3 ? words.get(3) : "", "target", Path.of(options.get("to")).toAbsolutePath().toString()));
            case "recovery" -> arguments == 1 && words.get(1).equals("phrase") ? recoveryPhrase(api)
                    : arguments == 2 && words.get(1).equals("file") ? recoveryFile(Path.of(words.get(2)), api)
                    : output.usage("recovery phrase | recovery file FILE");
            case "recover" -> arguments < 1
                    ? output.usage("recover WORD... [--file RECOVERY-FILE] (the 24 words of the recovery phrase)")
                    : recover(words.subList(1, words.size()), Optional.ofNullable(options.get("file")).map(Path::of), api);
            case "take-over" -> arguments != 0 ? output.usage("take-over") : takeOver(api);
            default -> throw new IllegalArgumentException(words.get(0));
        };
    }

    private int backup(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String action = words.size() > 1 ? words.get(1) : "";
        int arguments = words.size() - 2;
        return switch (action) {
            case "add" -> arguments < 2 || !options.containsKey("to")
                    ? output.usage("backup add NAME FOLDER... --to PEER... [--copies N] [--every 6h] [--with SOURCE...]")
                    : add(words, options, api);
            case "sources" -> arguments != 0 ? output.usage("backup sources") : output.show(api.get("/api/v1/backup/sources"), this::printSources);
            case "list" -> output.show(api.get("/api/v1/backup/sets"), this::printSets);
            case "holders" -> arguments != 1 ? output.usage("backup holders NAME")
                    : output.show(api.post("/api/v1/backup/holders", Map.of("set", words.get(2))), this::printHolders);
            case "remove" -> arguments != 1 ? output.usage("backup remove NAME")
                    : output.show(api.post("/api/v1/backup/sets/remove", Map.of("set", words.get(2))),
                            answer -> output.out().println("Removed the set " + answer.get("removed") + "; its snapshots stay with the holders."));
            case "run" -> arguments != 1 ? output.usage("backup run NAME") : job(api, "/api/v1/backup/run", Map.of("set", words.get(2)));
            case "verify" -> arguments != 1 ? output.usage("backup verify NAME")
                    : job(api, "/api/v1/backup/verify", Map.of("set", words.get(2)));
            case "ls" -> arguments < 2 || arguments > 3 ? output.usage("backup ls NAME SNAPSHOT|latest [PATH]")
                    : output.show(api.post("/api/v1/backup/browse", Map.of("set", words.get(2), "snapshot", words.get(3),
                            "path", arguments == 3 ? words.get(4) : "")), this::printEntries);
            case "diff" -> arguments != 3 ? output.usage("backup diff NAME SNAPSHOT SNAPSHOT")
                    : output.show(api.post("/api/v1/backup/diff", Map.of("set", words.get(2), "from", words.get(3), "to", words.get(4))),
                            this::printDiff);
            case "prune" -> arguments != 1 ? output.usage("backup prune NAME [--keep-last N] [--keep-daily N] [--keep-weekly N]")
                    : prune(words.get(2), options, api);
            case "undelete" -> arguments > 0 ? output.usage("backup undelete") : job(api, "/api/v1/backup/undelete", Map.of());
            case "held" -> arguments > 0 ? output.usage("backup held [--grace-days N] [--keep-deleted-days N]")
                    : output.show(options.containsKey("grace-days") || options.containsKey("keep-deleted-days")
                            ? api.post("/api/v1/backup/held", heldSettings(options)) : api.get("/api/v1/backup/held"), this::printHeld);
            default -> output.usage("backup add|list|holders|remove|run|verify|ls|diff|prune|undelete|held (see 'peerdesk help')");
        };
    }

    /** Writes the recovery file, which names the holders, sealed with the phrase. */
    private int recoveryFile(Path file, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> answer = api.get("/api/v1/backup/recovery-file");
        try {
            Files.writeString(file, String.valueOf(answer.get("file")));
        } catch (IOException e) {
            throw new Cli.ApiFailure("The recovery file cannot be written: " + IoMessages.of(e));
        }
        api.post("/api/v1/backup/recovery-file/kept", Map.of());
        return output.show(answer, written -> output.out().println("Wrote the recovery file " + file.toAbsolutePath() + ": it names the"
                + " peers that hold your backups and where they were, sealed so that only the recovery phrase opens it. Keep it with"
                + " the phrase, away from this machine; a new node on another network reaches the holders through it"
                + " ('peerdesk recover WORDS... --file FILE')."));
    }

    private int recover(List<String> words, Optional<Path> file, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("phrase", String.join(" ", words));
        if (file.isPresent()) {
            try {
                request.put("file", Files.readString(file.get()));
            } catch (IOException e) {
                throw new Cli.ApiFailure("The recovery file cannot be read: " + IoMessages.of(e));
            }
        }
        return job(api, "/api/v1/backup/recover", request);
    }

    /**
     * Takes the place of the node the backups kept (asking for its key's passphrase, where one protects it): the node then
     * has to start again.
     */
    private int takeOver(Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> kept = api.get("/api/v1/backup/kept-node");
        if (!Boolean.TRUE.equals(kept.get("found"))) {
            return output.show(kept, none -> output.out().println("No backup set keeps a node other than this one: there is no"
                    + " place to take. (After 'peerdesk recover', a set that took 'node' on the lost machine keeps it.)"));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, Object> node = Output.entry(kept, "node");
        if (Boolean.TRUE.equals(node.get("passphraseProtected"))) {
            request.put("passphrase", secrets.read("Passphrase of the key of " + node.get("name") + ": ", false));
        }
        return output.show(api.post("/api/v1/backup/take-over", request), answer -> {
            Map<String, Object> taken = Output.entry(answer, "node");
            output.out().println("This node becomes " + taken.get("name") + " (" + taken.get("id") + "), as '" + taken.get("set")
                    + "' kept it on " + Output.localTime(taken.get("kept")) + ", when it starts again: stop it and start it now."
                    + " It knows its " + Output.count(taken.get("peers"), "peer") + " again and gives the "
                    + Output.count(taken.get("grants"), "grant") + " it gave; what they kept for it reaches it then. Its own"
                    + " identity is kept aside in the data directory (identity-before-...).");
            if (taken.get("broughtBack") instanceof List<?> brought && !brought.isEmpty()) {
                output.out().println("Back already: " + brought.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ".");
            }
            output.out().println("Should the lost machine turn up again, the peers that met this one refuse it; run peerdesk"
                    + " start-over there to make it a node of its own.");
        });
    }

    /** Shows the phrase (asking first for the key's passphrase, where one protects it), and counts it as written down. */
    private int recoveryPhrase(Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(api.get("/api/v1/identity").get("passphraseProtected"))) {
            request.put("passphrase", secrets.read("Passphrase of this node's key: ", false));
        }
        int shown = output.show(api.post("/api/v1/backup/recovery-phrase", request), answer -> {
            output.out().println(answer.get("phrase"));
            output.out().println("Write these 24 words down and keep them away from this machine: with them,"
                    + " a new node restores every backup set ('peerdesk recover WORDS...'). For holders on other networks than"
                    + " that new node, keep a recovery file with them too: peerdesk recovery file FILE");
        });
        api.post("/api/v1/backup/recovery-phrase/noted", Map.of());
        return shown;
    }

    private int add(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("set", words.get(2));
        request.put("folders", words.subList(3, words.size()).stream().map(folder -> Path.of(folder).toAbsolutePath().toString()).toList());
        request.put("holders", Arrays.stream(options.get("to").split(",")).map(String::strip).filter(peer -> !peer.isEmpty()).toList());
        if (options.containsKey("copies")) {
            request.put("copies", number(options.get("copies")));
        }
        if (options.containsKey("every")) {
            request.put("everyMinutes", Times.duration(options.get("every")).toMinutes());
        }
        request.put("sources", Arrays.stream(options.getOrDefault("with", "").split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .toList());
        return output.show(api.post("/api/v1/backup/sets", request), answer -> {
            Map<String, Object> set = Output.entry(answer, "set");
            output.out().println("Backing up " + kept(set) + " as '" + set.get("set") + "' to "
                    + String.join(", ", Output.entries(set, "holders").stream().map(holder -> String.valueOf(holder.get("name"))).toList())
                    + ", " + Output.count(set.get("copies"), "copy", "copies") + " of each chunk. Run it: peerdesk backup run " + set.get("set"));
            printHolders(answer);
            if (Boolean.FALSE.equals(answer.get("recoveryPhraseNoted"))) {
                output.out().println(PHRASE_REMINDER);
            }
        });
    }

    /** "/home/ana/docs, this node itself and the conversations": a set's folders, and the data of the sources it takes. */
    private static String kept(Map<String, Object> set) {
        List<String> kept = new ArrayList<>(strings(set.get("folders")));
        strings(set.get("sources")).forEach(source -> kept.add(source.equals("node") ? "this node itself" : "the " + source));
        return Sentences.listed(kept);
    }

    private void printSources(Map<String, Object> answer) {
        List<Map<String, Object>> sources = Output.entries(answer, "sources");
        if (sources.isEmpty()) {
            output.out().println("Nothing installed here offers data of its own to back up.");
            return;
        }
        for (Map<String, Object> source : sources) {
            output.out().println(source.get("name") + "  " + source.get("label"));
        }
        output.out().println("A set keeps them beside its folders, under Peerdesk/ in its snapshots: peerdesk backup add NAME FOLDER... --to PEER..."
                + " --with " + sources.get(0).get("name"));
    }

    private void printHolders(Map<String, Object> answer) {
        for (Map<String, Object> holder : Output.entries(answer, "holders")) {
            output.out().println(holder.get("summary"));
        }
    }

    private int prune(String set, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("set", set);
        request.put("keepLast", number(options.getOrDefault("keep-last", "0")));
        request.put("keepDaily", number(options.getOrDefault("keep-daily", "0")));
        request.put("keepWeekly", number(options.getOrDefault("keep-weekly", "0")));
        return output.show(api.post("/api/v1/backup/prune", request), answer -> output.out().println("Removed "
                + ((List<?>) answer.get("removedSnapshots")).size() + " snapshots and " + answer.get("removedChunks")
                + " chunks no snapshot needed; the holders freed " + bytes(answer.get("freedBytes")) + ". Holders keep what is deleted"
                + " for a week, unless they chose a shorter time: until then, 'peerdesk backup undelete' brings it back."));
    }

    /** Starts a job, shows its progress on the terminal while it runs, and prints its result. */
    private int job(Cli.Api api, String path, Map<String, Object> request) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> job = Output.entry(api.post(path, request), "job");
        long id = ((Number) job.get("id")).longValue();
        ProgressLine progress = new ProgressLine(output);
        while ("running".equals(job.get("state"))) {
            progress.show(progressLine(job));
            job = Output.entry(api.post("/api/v1/backup/jobs/wait", Map.of("id", id, "millis", WAIT_MILLIS)), "job");
        }
        progress.clear();
        if (!"done".equals(job.get("state"))) {
            throw new Cli.ApiFailure(String.valueOf(job.get("error")));
        }
        String kind = String.valueOf(job.get("kind"));
        return output.show(job, finished -> printResult(kind, Output.entry(finished, "result")));
    }

    private static String progressLine(Map<String, Object> job) {
        long done = ((Number) job.get("done")).longValue();
        long total = ((Number) job.get("total")).longValue();
        return job.get("phase") + (total > 0 ? String.format(Locale.ROOT, " %3d%%", done * 100 / total) : "");
    }

    private void printResult(String kind, Map<String, Object> result) {
        switch (kind) {
            case "run" -> output.out().println("Snapshot " + result.get("id") + ": " + Output.count(result.get("files"), "file") + ", "
                    + bytes(result.get("bytes")) + "; uploaded " + bytes(result.get("uploadedBytes"))
                    + (((Number) result.get("underCopied")).intValue() > 0 ? "; " + Output.count(result.get("underCopied"), "chunk")
                            + " with fewer copies than asked (run 'backup verify' when the holders are back)" : "") + ".");
            case "restore" -> {
                output.out().println("Restored " + Output.count(result.get("files"), "file") + " (" + bytes(result.get("bytes")) + ") into " + result.get("target") + ".");
                strings(result.get("problems")).forEach(problem -> output.out().println("  not restored: " + problem));
            }
            case "verify" -> {
                output.out().println("Checked " + Output.count(result.get("copies"), "copy", "copies") + " of "
                        + Output.count(result.get("chunks"), "chunk") + ": "
                        + result.get("proven") + " proven, " + result.get("missing") + " missing, " + result.get("corrupt")
                        + " corrupt; " + Output.count(result.get("repaired"), "copy", "copies") + " made again."
                        + (Boolean.TRUE.equals(result.get("healthy")) ? " All is well." : ""));
                strings(result.get("problems")).forEach(problem -> output.out().println("  " + problem));
            }
            case "recover" -> printRecovered(result);
            case "undelete" -> printUndeleted(result);
            default -> output.out().println(result);
        }
    }

    private void printRecovered(Map<String, Object> result) {
        List<String> sets = strings(result.get("sets"));
        List<Map<String, Object>> holders = Output.entries(result, "holders");
        int broughtBack = ((Number) result.get("broughtBack")).intValue();
        output.out().println("Recovered " + Output.count(result.get("snapshots"), "snapshot") + " of " + String.join(", ", sets)
                + (broughtBack == 0 ? "" : " (" + broughtBack + " of them deleted from the lost machine, which its holders had kept)")
                + " from " + Sentences.listed(holders.stream().map(holder -> String.valueOf(holder.get("name"))).toList())
                + " (known peers of this node now). Restore with: peerdesk restore " + (sets.size() == 1 ? sets.get(0) : "NAME")
                + " latest --to DIR");
        List<Map<String, Object>> notStoring = holders.stream().filter(holder -> !"stores".equals(holder.get("answer"))).toList();
        Object keptNode = result.get("keptNode");
        if (keptNode instanceof Map<?, ?> node) {
            output.out().println("The backups keep the lost node itself (" + node.get("name") + ", " + node.get("id") + ")"
                    + (node.get("beside") instanceof List<?> beside && !beside.isEmpty()
                            ? ", with its " + Sentences.listed(beside.stream().map(String::valueOf).toList()) : "")
                    + ". Make this node it again, so that its peers and holders know it as before: peerdesk take-over");
        }
        if (!notStoring.isEmpty()) {
            output.out().println((keptNode != null ? "Otherwise, to" : "To") + " go on backing up from this node, the holders must store"
                    + " for it too (they knew the machine that was lost):");
            notStoring.forEach(holder -> output.out().println("  " + holder.get("summary")));
        }
    }

    private void printUndeleted(Map<String, Object> result) {
        output.out().println(result.get("summary"));
        List<Map<String, Object>> snapshots = Output.entries(result, "snapshots");
        for (Map<String, Object> snapshot : snapshots) {
            output.out().println("  " + snapshot.get("id") + "  " + snapshot.get("set") + "  " + Output.localTime(snapshot.get("time")));
        }
        if (!snapshots.isEmpty()) {
            Map<String, Object> newest = snapshots.get(snapshots.size() - 1);
            output.out().println("Restore one with: peerdesk restore " + newest.get("set") + " " + newest.get("id") + " --to DIR");
        }
    }

    private void printSets(Map<String, Object> answer) {
        List<Map<String, Object>> sets = Output.entries(answer, "sets");
        if (sets.isEmpty()) {
            output.out().println("No backup sets. Add one: peerdesk backup add NAME FOLDER --to PEER PEER");
            return;
        }
        for (Map<String, Object> set : sets) {
            output.out().println(set.get("set") + "  " + kept(set));
            output.out().println("  last run: " + (set.get("lastRun") == null ? "-" : Output.localTime(set.get("lastRun")))
                    + (set.get("lastProblem") == null ? ""
                    : " (" + set.get("lastProblem") + ")"));
            output.out().println("  next run: " + (set.get("nextRun") instanceof String next
                    ? Elapsed.until(Instant.parse(next), Instant.now()) + ", then "
                            + Intervals.every(Duration.ofMinutes(((Number) set.get("everyMinutes")).longValue())) + ", while a holder is online"
                    : "when asked (backup run " + set.get("set") + ")"));
            output.out().println("  copies checked: " + (set.get("lastCheck") instanceof String checked
                    ? Elapsed.since(Instant.parse(checked), Instant.now()) : "not yet (weekly, once no run is under way)")
                    + (set.get("checkProblem") == null ? "" : " (" + set.get("checkProblem") + ")"));
            output.out().println("  chunks: " + set.get("chunks") + ", " + set.get("fullyCopied") + " with all "
                    + Output.count(set.get("copies"), "copy", "copies") + ", " + set.get("underCopied") + " with fewer, "
                    + set.get("lost") + " with none");
            for (Map<String, Object> holder : Output.entries(set, "holders")) {
                output.out().println("  holder " + holder.get("name") + (Boolean.TRUE.equals(holder.get("online")) ? " (online)" : " (offline)")
                        + ": " + Output.count(holder.get("chunks"), "chunk") + held(holder));
            }
        }
        if (Boolean.FALSE.equals(answer.get("recoveryPhraseNoted"))) {
            output.out().println(PHRASE_REMINDER);
        }
    }

    private void printSnapshots(Map<String, Object> answer) {
        List<Map<String, Object>> snapshots = Output.entries(answer, "snapshots");
        if (snapshots.isEmpty()) {
            output.out().println("No snapshots yet.");
        }
        for (Map<String, Object> snapshot : snapshots) {
            output.out().printf(Locale.ROOT, "%s  %s  %6s files  %10s  (uploaded %s)%n", snapshot.get("id"), Output.localTime(snapshot.get("time")),
                    snapshot.get("files"), bytes(snapshot.get("bytes")), bytes(snapshot.get("uploadedBytes")));
        }
    }

    private void printEntries(Map<String, Object> answer) {
        for (Map<String, Object> entry : Output.entries(answer, "entries")) {
            boolean folder = Boolean.TRUE.equals(entry.get("folder"));
            output.out().printf(Locale.ROOT, "%s  %10s  %s  %s%s%n", entry.get("mode"), folder ? "-" : bytes(entry.get("size")),
                    Output.localTime(entry.get("modified")), entry.get("name"), folder ? "/" : "");
        }
    }

    private void printDiff(Map<String, Object> answer) {
        strings(answer.get("added")).forEach(path -> output.out().println("+ " + path));
        strings(answer.get("removed")).forEach(path -> output.out().println("- " + path));
        strings(answer.get("changed")).forEach(path -> output.out().println("M " + path));
    }

    private static Map<String, Object> heldSettings(Map<String, String> options) throws Cli.ApiFailure {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (options.containsKey("grace-days")) {
            settings.put("graceDays", number(options.get("grace-days")));
        }
        if (options.containsKey("keep-deleted-days")) {
            settings.put("keepDeletedDays", number(options.get("keep-deleted-days")));
        }
        return settings;
    }

    private void printHeld(Map<String, Object> answer) {
        List<Map<String, Object>> owners = Output.entries(answer, "owners");
        if (owners.isEmpty()) {
            output.out().println("This node holds no backups for other peers.");
        }
        for (Map<String, Object> owner : owners) {
            output.out().println(owner.get("name") + ": " + bytes(owner.get("bytes")) + " in " + owner.get("blobs") + " blobs"
                    + (owner.get("quota") == null ? "" : " of a quota of " + bytes(owner.get("quota")))
                    + (((Number) owner.get("keptDeleted")).longValue() == 0 ? "" : ", and " + bytes(owner.get("keptDeleted"))
                            + " it deleted, kept in case a recovery needs it")
                    + (owner.get("removal") == null ? "" : "; grant ended, removed at " + Output.localTime(owner.get("removal"))));
            Output.entries(owner, "claimants").forEach(claimant -> output.out().println("  " + claimant.get("summary")
                    + " (peerdesk requests)"));
            Output.entries(owner, "replaced").forEach(replaced -> output.out().println("  " + replaced.get("summary")
                    + " (peerdesk forget " + Output.idStart(replaced.get("peer")) + ")"));
        }
        output.out().println("Data of a peer whose grant ends stays " + days(answer.get("graceDays")) + ".");
        output.out().println("What a peer deletes of its backups stays " + days(answer.get("keepDeletedDays"))
                + ", out of its quota up to the quota's size: a recovery from its phrase in that time brings it back, should its"
                + " machine have been taken over.");
    }

    /** "30 days", "1 day", "0.50 days". */
    private static String days(Object value) {
        double days = ((Number) value).doubleValue();
        return days == 1 ? "1 day" : (days == Math.rint(days) ? String.valueOf((long) days) : String.format(Locale.ROOT, "%.2f", days)) + " days";
    }

    /** ", 2.9 MiB", or nothing where the sizes are not known: chunks a recovery found, before anything fetched them. */
    private static String held(Map<String, Object> holder) {
        return ((Number) holder.get("bytes")).longValue() == 0 && ((Number) holder.get("chunks")).longValue() > 0 ? ""
                : ", " + bytes(holder.get("bytes"));
    }

    private static String bytes(Object value) {
        return ByteSizes.format(((Number) value).longValue());
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static int number(String text) throws Cli.ApiFailure {
        if (!text.matches("[0-9]{1,6}")) {
            throw new Cli.ApiFailure("'" + text + "' is not a whole number");
        }
        return Integer.parseInt(text);
    }
}
