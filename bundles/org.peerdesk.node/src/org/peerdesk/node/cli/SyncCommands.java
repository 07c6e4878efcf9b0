package org.peerdesk.node.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;

/** The CLI words of two-way sync: starting and stopping pairs, conflicts, and the trash: what it keeps, putting back, keep time. */
final class SyncCommands {

    static final Set<String> WORDS = Set.of("sync", "conflicts", "compare", "resolve", "trash", "trash-days");

    private final Output output;

    SyncCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        int arguments = words.size() - 1;
        return switch (words.get(0)) {
            case "sync" -> sync(words, options, api);
            case "conflicts" -> output.show(api.get("/api/v1/conflicts"), this::printConflicts);
            case "compare" -> arguments != 1 || !words.get(1).matches("[0-9]{1,18}")
                    ? output.usage("compare takes the conflict's number (peerdesk conflicts lists them)")
                    : output.show(api.post("/api/v1/conflicts/compare", Map.of("id", Long.parseLong(words.get(1)))),
                            answer -> output.out().print(answer.get("diff").toString().isEmpty()
                                    ? "The two versions have the same lines.\n" : answer.get("diff")));
            case "resolve" -> arguments != 2 || !words.get(1).matches("[0-9]{1,18}")
                    ? output.usage("resolve takes the conflict's number and original, copy, both or merge")
                    : output.show(api.post("/api/v1/conflicts/resolve", Map.of("id", Long.parseLong(words.get(1)), "keep", words.get(2))),
                            answer -> output.out().println("Resolved conflict " + answer.get("resolved") + ": "
                                    + ("merge".equals(answer.get("kept")) ? "merged the two versions" : "kept " + answer.get("kept"))
                                    + "; whatever was set aside is in the share's .peerdesk/trash."));
            case "trash" -> trash(words, api);
            case "trash-days" -> arguments == 0 ? output.show(api.get("/api/v1/sync"),
                    answer -> output.out().println("The trash keeps files for " + answer.get("trashDays") + " days."))
                    : arguments != 1 || !words.get(1).matches("[0-9]{1,5}") ? output.usage("trash-days takes a number of days")
                    : output.show(api.post("/api/v1/sync/trash", Map.of("days", Long.parseLong(words.get(1)))),
                            answer -> output.out().println("The trash now keeps files for " + answer.get("trashDays") + " days."));
            default -> throw new IllegalArgumentException(words.get(0));
        };
    }

    /** {@code trash SHARE} lists what the share's trash keeps; {@code trash SHARE restore DAY/PATH} puts one back. */
    private int trash(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.size() == 2) {
            return output.show(api.post("/api/v1/trash", Map.of("share", words.get(1))), this::printTrash);
        }
        if (words.size() != 4 || !words.get(2).equals("restore") || words.get(3).indexOf('/') < 0) {
            return output.usage("trash takes a share, to list what its trash keeps, or a share, restore, and DAY/PATH as listed");
        }
        String kept = words.get(3);
        int slash = kept.indexOf('/');
        return output.show(api.post("/api/v1/trash/restore", Map.of("share", words.get(1), "day", kept.substring(0, slash),
                "kept", kept.substring(slash + 1))), answer -> output.out().println("Put back '" + answer.get("restored") + "' in "
                        + answer.get("share") + "; what was there is in the trash now, and peers that sync the share get it back."));
    }

    private void printTrash(Map<String, Object> answer) {
        List<Map<String, Object>> files = Output.entries(answer, "files");
        if (files.isEmpty()) {
            output.out().println("The trash of " + answer.get("share") + " is empty: nothing a peer deleted or replaced is kept there.");
            return;
        }
        Table table = new Table("KEPT AS", "SIZE", "CHANGED");
        for (Map<String, Object> file : files) {
            table.add(file.get("day") + "/" + file.get("kept"), ByteSizes.format(((Number) file.get("size")).longValue()),
                    Output.localTime(file.get("modified")));
        }
        table.print(output.out());
        output.out().println((Boolean.TRUE.equals(answer.get("more")) ? "These are the newest " + files.size() + "; older ones are left out. " : "")
                + "Put one back: peerdesk trash " + answer.get("share") + " restore DAY/PATH");
    }

    private int sync(List<String> words, Map<String, String> options, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        if (words.size() == 2 && words.get(1).equals("list")) {
            return output.show(api.get("/api/v1/sync"), this::printPairs);
        }
        if (words.size() == 4 && words.get(1).equals("stop")) {
            return output.show(api.post("/api/v1/sync/stop", Map.of("share", words.get(2), "peer", words.get(3))),
                    answer -> output.out().println("Stopped syncing '" + answer.get("stopped") + "'; the files stay as they are on both sides."));
        }
        if (words.size() == 4 && (words.get(1).equals("pause") || words.get(1).equals("resume"))) {
            boolean pause = words.get(1).equals("pause");
            return output.show(api.post("/api/v1/sync/" + words.get(1), Map.of("share", words.get(2), "peer", words.get(3))), answer -> {
                Map<String, Object> pair = Output.entry(answer, "pair");
                output.out().println(pause
                        ? "Paused syncing '" + pair.get("share") + "' with " + pair.get("peerName") + ": nothing comes in from it until you"
                                + " resume (peerdesk sync resume " + words.get(2) + " " + words.get(3) + ")."
                        : "Syncing '" + pair.get("share") + "' with " + pair.get("peerName") + " again; what changed meanwhile comes in now.");
            });
        }
        if (words.size() != 3 || "".equals(options.get("only"))) {
            return output.usage("sync takes NAME PEER [--only FOLDER...] | stop NAME PEER | pause NAME PEER | resume NAME PEER | list");
        }
        List<String> folders = options.containsKey("only") ? List.of(options.get("only").split(",")) : List.of();
        return output.show(api.post("/api/v1/sync", Map.of("share", words.get(1), "peer", words.get(2), "folders", folders)),
                answer -> output.out().println(answer.get("summary")));
    }

    /** "" for a whole share, or " (only reports, photos/2026)". */
    private static String only(Map<String, Object> pair) {
        List<?> folders = (List<?>) pair.get("folders");
        return folders.isEmpty() ? "" : " (only " + String.join(", ", folders.stream().map(String::valueOf).toList()) + ")";
    }

    private void printPairs(Map<String, Object> answer) {
        List<Map<String, Object>> pairs = Output.entries(answer, "pairs");
        if (pairs.isEmpty()) {
            output.out().println("No share is synced yet. Start with: peerdesk sync NAME PEER");
        }
        Table table = new Table("SHARE", "PEER", "STATE", "TAKES YOURS", "LAST ROUND");
        for (Map<String, Object> pair : pairs) {
            table.add(pair.get("share") + only(pair), pair.get("peerName"), state(pair),
                    takesYours(pair),
                    (pair.get("lastSync") == null ? "never" : Output.localTime(pair.get("lastSync"))) + ", " + pair.get("filesIn") + " came in, "
                            + pair.get("filesRemoved") + " removed" + (pair.get("problem") == null ? "" : "; problem: " + pair.get("problem")));
        }
        if (!pairs.isEmpty()) {
            table.print(output.out());
        }
        for (Map<String, Object> pair : pairs) {
            if (!Boolean.TRUE.equals(pair.get("peerTakesChanges"))) {
                output.out().println(notSyncingBack(pair));
            }
        }
        for (Map<String, Object> reader : Output.entries(answer, "fromHere")) {
            output.out().println(reader.get("summary") + " (peerdesk sync " + reader.get("share") + " " + Output.idStart(reader.get("peer")) + ").");
        }
        output.out().println("Deleted and replaced files stay in each share's .peerdesk/trash for " + answer.get("trashDays") + " days.");
    }

    /** When the peer last read this share's changes: a time, "not since" a time when it stopped, or "not yet". */
    private static String takesYours(Map<String, Object> pair) {
        if (pair.get("peerLastRead") == null) {
            return "not yet";
        }
        String read = Output.localTime(pair.get("peerLastRead"));
        return Boolean.TRUE.equals(pair.get("peerTakesChanges")) ? read : "not since " + read;
    }

    /** What a pair whose peer does not read this share's changes (yet, or any more) means for the user's own changes. */
    private static String notSyncingBack(Map<String, Object> pair) {
        return pair.get("peerName") + " has not read '" + pair.get("share") + "' here " + (pair.get("peerLastRead") == null ? "yet"
                : "since " + Output.localTime(pair.get("peerLastRead"))) + ": your changes there reach it once it syncs '" + pair.get("share")
                + "' with this node " + (pair.get("peerLastRead") == null ? "too." : "again.");
    }

    /** The pair's state, with how far its round is while one runs. */
    private static String state(Map<String, Object> pair) {
        if (!(pair.get("round") instanceof Map<?, ?> round)) {
            return String.valueOf(pair.get("state"));
        }
        return pair.get("state") + " (" + Counts.outOf(((Number) round.get("settled")).longValue(), ((Number) round.get("known")).longValue(), "path")
                + ")";
    }

    private void printConflicts(Map<String, Object> answer) {
        List<Map<String, Object>> conflicts = Output.entries(answer, "conflicts");
        if (conflicts.isEmpty()) {
            output.out().println("No conflicts.");
        }
        Table table = new Table("ID", "FILE", "KEPT BESIDE IT", "BY", "FOUND", "MERGE");
        for (Map<String, Object> conflict : conflicts) {
            table.add(conflict.get("id"), conflict.get("share") + "/" + conflict.get("path"), conflict.get("copy"), conflict.get("authorName"),
                    Output.localTime(conflict.get("found")), Output.orDash(conflict.get("merge")));
        }
        if (!conflicts.isEmpty()) {
            table.print(output.out());
            output.out().println("Choose with: peerdesk resolve ID original|copy|both|merge (compare ID shows how they differ)");
        }
    }
}
