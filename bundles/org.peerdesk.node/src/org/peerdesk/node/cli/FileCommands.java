package org.peerdesk.node.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.IgnoreRules;

/** The CLI words of file sharing: shares, browsing a peer's shares, downloads, uploads and the transfer list. */
final class FileCommands {

    static final Set<String> WORDS = Set.of("share", "shares", "ls", "find", "get", "put", "transfers", "cancel", "retry");
    private static final long POLL_MILLIS = 500;

    private final Output output;

    FileCommands(Output output) {
        this.output = output;
    }

    int run(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String word = words.get(0);
        int arguments = words.size() - 1;
        return switch (word) {
            case "shares" -> output.show(api.get("/api/v1/shares"), this::printShares);
            case "share" -> share(words, api);
            case "ls" -> arguments < 1 || arguments > 2 ? output.usage("ls takes PEER [SHARE[/PATH]]")
                    : output.show(api.post("/api/v1/files/list", arguments == 1 ? Map.of("peer", words.get(1))
                            : Map.of("peer", words.get(1), "folder", words.get(2))), answer -> printListing(answer, words.get(1)));
            case "find" -> arguments < 2 ? output.usage("find takes PEER and the words of the names to look for")
                    : output.show(api.post("/api/v1/files/find", Map.of("peer", words.get(1),
                            "text", String.join(" ", words.subList(2, words.size())))), this::printFound);
            case "get" -> arguments < 2 || arguments > 3 ? output.usage("get takes PEER SHARE/PATH [DEST]")
                    : get(words, api);
            case "put" -> arguments != 3 ? output.usage("put takes PATH PEER SHARE[/FOLDER]")
                    : follow(api, Output.entry(api.post("/api/v1/uploads", Map.of("local",
                            Path.of(words.get(1)).toAbsolutePath().normalize().toString(), "peer", words.get(2), "remote", words.get(3))),
                            "transfer"));
            case "transfers" -> arguments == 0 ? transfers(api) : transfersAction(words, api);
            case "cancel", "retry" -> arguments != 1 || !words.get(1).matches("[0-9]{1,18}")
                    ? output.usage(word + " takes the transfer's number (see 'peerdesk transfers')")
                    : output.show(api.post("/api/v1/transfers/" + word, Map.of("id", Long.parseLong(words.get(1)))),
                            answer -> output.out().println(transferLine(Output.entry(answer, "transfer"))));
            default -> throw new IllegalArgumentException(word);
        };
    }

    private int share(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String action = words.size() > 1 ? words.get(1) : "";
        return switch (action) {
            case "list" -> output.show(api.get("/api/v1/shares"), this::printShares);
            case "add" -> words.size() != 4 ? output.usage("share add NAME FOLDER")
                    : output.show(api.post("/api/v1/shares", Map.of("name", words.get(2),
                            "folder", Path.of(words.get(3)).toAbsolutePath().normalize().toString())),
                            answer -> output.out().println("Sharing " + Output.entry(answer, "share").get("folder") + " as '"
                                    + Output.entry(answer, "share").get("name") + "'; indexing it now. Nobody sees it until you grant"
                                    + " access: peerdesk grant PEER " + Output.entry(answer, "share").get("name") + " read"));
            case "remove" -> words.size() != 3 ? output.usage("share remove NAME")
                    : output.show(api.post("/api/v1/shares/remove", Map.of("name", words.get(2))),
                            answer -> output.out().println("Stopped sharing '" + answer.get("removed") + "'; its files stay where they are."));
            case "rename" -> words.size() != 4 ? output.usage("share rename NAME NEW-NAME")
                    : output.show(api.post("/api/v1/shares/rename", Map.of("name", words.get(2), "newName", words.get(3))),
                            answer -> output.out().println("The share is now called '" + Output.entry(answer, "share").get("name") + "'."));
            case "rescan" -> words.size() != 3 ? output.usage("share rescan NAME")
                    : output.show(api.post("/api/v1/shares/rescan", Map.of("name", words.get(2))),
                            answer -> output.out().println(shareLine(Output.entry(answer, "share"))));
            case "ignore" -> words.size() < 3 ? output.usage("share ignore NAME [PATTERN... | -]") : ignore(words, api);
            default -> output.usage("share takes add NAME FOLDER | list | remove NAME | rename NAME NEW-NAME | rescan NAME"
                    + " | ignore NAME [PATTERN... | -]");
        };
    }

    /**
     * Shows a share's ignore rules, or replaces them with the patterns given, one a line, or with what standard input
     * holds for {@code -} (nothing there removes them).
     */
    private int ignore(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String name = words.get(2);
        List<String> patterns = words.subList(3, words.size());
        if (patterns.isEmpty()) {
            return output.show(api.post("/api/v1/shares/ignore", Map.of("name", name)), answer -> printRules(name, answer));
        }
        String rules = patterns.equals(List.of("-")) ? standardInput() : String.join("\n", patterns);
        return output.show(api.post("/api/v1/shares/ignore/set", Map.of("name", name, "rules", rules)), answer -> {
            printRules(name, answer);
            output.out().println(shareLine(Output.entry(answer, "share")));
        });
    }

    private void printRules(String name, Map<String, Object> answer) {
        String rules = String.valueOf(answer.get("rules"));
        if (rules.isBlank()) {
            output.out().println("'" + name + "' has no ignore rules: all of it is shared (Peerdesk's own files aside).");
            return;
        }
        output.out().println("'" + name + "' leaves out (" + IgnoreRules.FILE + "):");
        rules.lines().forEach(line -> output.out().println("  " + line));
    }

    private static String standardInput() throws Cli.ApiFailure {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Cli.ApiFailure("cannot read standard input: " + e.getMessage());
        }
    }

    /** Starts a download and follows it to the end. */
    private int get(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("peer", words.get(1));
        body.put("remote", words.get(2));
        if (words.size() == 4) {
            body.put("destination", Path.of(words.get(3)).toAbsolutePath().normalize().toString());
        }
        return follow(api, Output.entry(api.post("/api/v1/transfers", body), "transfer"));
    }

    /** Follows a transfer to its end, with progress on standard error. */
    private int follow(Cli.Api api, Map<String, Object> started) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> transfer = started;
        Object id = transfer.get("id");
        ProgressLine progress = new ProgressLine(output);
        boolean saidWaiting = false;
        while (!Set.of("done", "failed", "cancelled").contains(String.valueOf(transfer.get("state")))) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            transfer = find(api.get("/api/v1/transfers"), id);
            if (!saidWaiting && waitsForPeer(transfer)) { // said once, on a line of its own: a wait can be long, and scripts log it
                progress.clear();
                output.err().println(transfer.get("problem") + "\nThe " + transfer.get("direction") + " goes on when " + transfer.get("peerName")
                        + " is back, whether or not this command still runs (Ctrl-C leaves it queued: peerdesk transfers).");
                saidWaiting = true;
            }
            progress.show(progress(transfer));
        }
        progress.clear();
        Map<String, Object> last = transfer;
        int shown = output.show(Map.of("transfer", last), answer -> output.out().println(transferLine(last)));
        return "done".equals(last.get("state")) ? shown : Cli.FAILED;
    }

    private static boolean waitsForPeer(Map<String, Object> transfer) {
        return "queued".equals(transfer.get("state")) && transfer.get("problem") != null;
    }

    private static Map<String, Object> find(Map<String, Object> answer, Object id) throws Cli.ApiFailure {
        for (Map<String, Object> transfer : Output.entries(answer, "transfers")) {
            if (String.valueOf(transfer.get("id")).equals(String.valueOf(id))) {
                return transfer;
            }
        }
        throw new Cli.ApiFailure("transfer " + id + " is gone from the node's list");
    }

    private void printShares(Map<String, Object> answer) {
        List<Map<String, Object>> shares = Output.entries(answer, "shares");
        if (shares.isEmpty()) {
            output.out().println("No shares yet. Share a folder with: peerdesk share add NAME FOLDER");
            return;
        }
        Table table = new Table("SHARE", "FILES", "SIZE", "WHO HAS ACCESS", "FOLDER");
        for (Map<String, Object> share : shares) {
            table.add(share.get("name"), Output.count(share.get("files"), "file"), ByteSizes.format(((Number) share.get("bytes")).longValue()),
                    whoHasAccess(share), share.get("folder") + notes(share));
        }
        table.print(output.out());
    }

    private static String shareLine(Map<String, Object> share) {
        return String.format(Locale.ROOT, "%-20s %14s %10s  %s%s", share.get("name"), Output.count(share.get("files"), "file"),
                ByteSizes.format(((Number) share.get("bytes")).longValue()), share.get("folder"), notes(share));
    }

    private static String notes(Map<String, Object> share) {
        return (Boolean.TRUE.equals(share.get("scanning")) ? "  (indexing)" : "")
                + (share.get("problem") == null ? "" : "  problem: " + share.get("problem"));
    }

    /** Each peer granted something on the share, with what it may do where: "Ben (read, write), Cai (reports: read)". */
    private static String whoHasAccess(Map<String, Object> share) {
        List<Map<String, Object>> access = Output.entries(share, "access");
        return access.isEmpty() ? "nobody yet" : access.stream().map(grant -> grant.get("peerName") + " ("
                + (String.valueOf(grant.get("path")).isEmpty() ? "" : grant.get("path") + ": ")
                + String.valueOf(grant.get("rights")).replace(",", ", ") + ")").distinct().collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private void printListing(Map<String, Object> answer, String peer) {
        if (answer.containsKey("shares")) {
            List<String> shares = (List<String>) answer.get("shares");
            if (shares.isEmpty()) {
                output.out().println(answer.get("peerName") + " shares nothing with this node yet. Ask: peerdesk request "
                        + (peer.contains(" ") ? "\"" + peer + "\"" : peer) + " SHARE read");
            }
            shares.forEach(name -> output.out().println(name + "/"));
            return;
        }
        for (Map<String, Object> entry : Output.entries(answer, "entries")) {
            boolean folder = Boolean.TRUE.equals(entry.get("folder"));
            output.out().printf(Locale.ROOT, "%s  %10s  %s  %s%n", entry.get("mode"), folder ? "-" : ByteSizes.format(((Number) entry.get("size")).longValue()),
                    Output.localTime(entry.get("modified")), entry.get("name") + (folder ? "/" : ""));
        }
        if (answer.get("next") != null) {
            output.out().println("(more entries follow; the admin API pages them with \"after\": \"" + answer.get("next") + "\")");
        }
    }

    private void printFound(Map<String, Object> answer) {
        List<Map<String, Object>> found = Output.entries(answer, "found");
        if (found.isEmpty()) {
            output.out().println("No names hold all of those words in what that peer shares with this node.");
            return;
        }
        Table table = new Table("SIZE", "MODIFIED", "WHERE (for get)");
        for (Map<String, Object> entry : found) {
            boolean folder = Boolean.TRUE.equals(entry.get("folder"));
            table.add(folder ? "-" : ByteSizes.format(((Number) entry.get("size")).longValue()), Output.localTime(entry.get("modified")),
                    entry.get("location") + (folder ? "/" : ""));
        }
        table.print(output.out());
        if (Boolean.TRUE.equals(answer.get("more"))) {
            output.out().println("(more names match: add a word to narrow it down)");
        }
    }

    /** The transfers, and (for people) the rate limits that may hold them back. */
    /** {@code transfers clear} and {@code transfers remove ID}: taking transfers off the list. */
    private int transfersAction(List<String> words, Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        String action = words.get(1);
        if (action.equals("clear") && words.size() == 2) {
            return output.show(api.post("/api/v1/transfers/clear", Map.of()), answer -> output.out().println("Took "
                    + Output.count(answer.get("cleared"), "done or cancelled transfer") + " off the list; failed ones stay until you"
                    + " retry or remove them."));
        }
        if (action.equals("remove") && words.size() == 3 && words.get(2).matches("[0-9]{1,18}")) {
            return output.show(api.post("/api/v1/transfers/remove", Map.of("id", Long.parseLong(words.get(2)))), answer -> {
                Map<String, Object> removed = Output.entry(answer, "removed");
                long fetched = ((Number) removed.get("bytesDone")).longValue();
                boolean partial = "download".equals(removed.get("direction")) && !"done".equals(removed.get("state")) && fetched > 0;
                output.out().println("Took transfer " + removed.get("id") + " off the list"
                        + (partial ? " and deleted the " + ByteSizes.format(fetched) + " it had fetched." : "."));
            });
        }
        return output.usage("transfers takes nothing (the list), clear (takes done and cancelled ones off it) or remove ID");
    }

    private int transfers(Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        int shown = output.show(api.get("/api/v1/transfers"), this::printTransfers);
        if (!output.json()) {
            LimitsAnswer limits = LimitsAnswer.of(api.get("/api/v1/rate-limits"));
            if (limits.any()) {
                output.out().println("Transfers are limited to " + limits.rates() + limits.when().map(when -> " " + when).orElse("")
                        + " (see 'peerdesk limits').");
            }
        }
        return shown;
    }

    private void printTransfers(Map<String, Object> answer) {
        List<Map<String, Object>> transfers = Output.entries(answer, "transfers");
        if (transfers.isEmpty()) {
            output.out().println("No transfers yet. Download with: peerdesk get PEER SHARE/PATH; upload with: peerdesk put PATH PEER SHARE");
        }
        transfers.forEach(transfer -> output.out().println(transferLine(transfer)));
    }

    private static String transferLine(Map<String, Object> transfer) {
        boolean upload = "upload".equals(transfer.get("direction"));
        String route = upload ? transfer.get("local") + " -> " + transfer.get("remote") + " at " + transfer.get("peerName")
                : transfer.get("remote") + " from " + transfer.get("peerName") + " -> " + transfer.get("path");
        return String.format(Locale.ROOT, "%4s  %-9s %s  %s%s", transfer.get("id"), transfer.get("state"), route, progress(transfer),
                transfer.get("problem") == null ? "" : "  " + transfer.get("problem"));
    }

    private static String progress(Map<String, Object> transfer) {
        if (((Number) transfer.get("filesTotal")).intValue() == 0) { // not listed yet, or nothing in it
            return "done".equals(transfer.get("state")) ? "(an empty folder)" : "";
        }
        long done = ((Number) transfer.get("bytesDone")).longValue();
        long total = ((Number) transfer.get("bytesTotal")).longValue();
        long speed = ((Number) transfer.get("bytesPerSecond")).longValue();
        List<String> notes = new ArrayList<>();
        if (((Number) transfer.get("filesTotal")).intValue() > 1) {
            notes.add(transfer.get("filesDone") + "/" + transfer.get("filesTotal") + " files");
        }
        if (speed > 0) {
            notes.add(ByteSizes.format(speed) + "/s" + (transfer.get("secondsLeft") instanceof Number left
                    ? ", " + Elapsed.duration(Duration.ofSeconds(left.longValue())) + " left" : ""));
        }
        return ByteSizes.format(done) + " of " + ByteSizes.format(total) + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")");
    }

}
