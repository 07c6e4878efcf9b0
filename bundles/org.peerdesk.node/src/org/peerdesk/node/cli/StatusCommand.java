package org.peerdesk.node.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;

/**
 * {@code peerdesk status}: the node at a glance (peers, shares, sync, backups, mailbox, transfers) and,
 * last, what waits for the user: requests to answer, conflicts to settle, problems. The first command to
 * run on a headless node that has been left alone for a while.
 */
final class StatusCommand {

    static final String WORD = "status";

    private final Output output;

    StatusCommand(Output output) {
        this.output = output;
    }

    int run(Cli.Api api) throws Cli.NoNode, Cli.ApiFailure {
        Map<String, Object> backup = api.get("/api/v1/backup/sets");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("identity", api.get("/api/v1/identity"));
        status.put("peers", Output.entries(api.get("/api/v1/peers"), "peers"));
        status.put("shares", Output.entries(api.get("/api/v1/shares"), "shares"));
        status.put("sync", Output.entries(api.get("/api/v1/sync"), "pairs"));
        status.put("backupSets", Output.entries(backup, "sets"));
        status.put("mailbox", api.get("/api/v1/mailbox"));
        status.put("transfers", Output.entries(api.get("/api/v1/transfers"), "transfers"));
        status.put("attention", attention(status, backup, Output.entries(api.get("/api/v1/access/requests"), "requests"),
                Output.entries(api.get("/api/v1/conflicts"), "conflicts")));
        return output.show(status, this::print);
    }

    /** What waits for the user, each with the command that deals with it. */
    private static List<String> attention(Map<String, Object> status, Map<String, Object> backup, List<Map<String, Object>> requests,
            List<Map<String, Object>> conflicts) {
        List<String> waiting = new ArrayList<>();
        long asked = requests.stream().filter(request -> "incoming".equals(request.get("direction")) && "pending".equals(request.get("state")))
                .count();
        if (asked > 0) {
            waiting.add(Output.count(asked, "access request waits", "access requests wait") + " for your answer: peerdesk requests");
        }
        if (!conflicts.isEmpty()) {
            waiting.add(Output.count(conflicts.size(), "file was", "files were") + " changed on both sides: peerdesk conflicts");
        }
        for (Map<String, Object> share : list(status, "shares")) {
            problem(waiting, "share " + share.get("name"), share.get("problem"));
        }
        for (Map<String, Object> pair : list(status, "sync")) {
            problem(waiting, "sync of " + pair.get("share") + " with " + pair.get("peerName"), pair.get("problem"));
        }
        for (Map<String, Object> set : list(status, "backupSets")) {
            problem(waiting, "backup " + set.get("set"), set.get("lastProblem"));
            long missing = number(set, "underCopied") + number(set, "lost");
            if (missing > 0) {
                waiting.add("backup " + set.get("set") + ": " + Output.count(missing, "chunk has", "chunks have")
                        + " fewer copies than asked: peerdesk backup verify " + set.get("set"));
            }
        }
        if (!list(status, "backupSets").isEmpty() && Boolean.FALSE.equals(backup.get("recoveryPhraseNoted"))) {
            waiting.add("the recovery phrase is not written down yet: peerdesk recovery phrase");
        }
        problem(waiting, "mailbox", Output.entry(status, "mailbox").get("problem"));
        if (Boolean.FALSE.equals(Output.entry(status, "identity").get("named"))) {
            waiting.add("peers see this node by a name made up for it: peerdesk name \"NEW NAME\"");
        }
        return waiting;
    }

    private static void problem(List<String> waiting, String what, Object problem) {
        if (problem != null) {
            waiting.add(what + ": " + problem);
        }
    }

    private void print(Map<String, Object> status) {
        PrintStream out = output.out();
        Instant now = Instant.now();
        Map<String, Object> identity = Output.entry(status, "identity");
        out.println(identity.get("name") + " (" + identity.get("peerId") + ")");
        line(out, "Listening", String.join(", ", ((List<?>) identity.get("listen")).stream().map(String::valueOf).toList()));
        List<Map<String, Object>> peers = list(status, "peers");
        long online = peers.stream().filter(peer -> Boolean.TRUE.equals(peer.get("online"))).count();
        line(out, "Peers", peers.isEmpty() ? "none yet: peerdesk invite" : peers.size() + " known, " + online + " online");
        line(out, "Shares", joined(list(status, "shares"), share -> share.get("name") + " (" + Output.count(share.get("files"), "file") + ", "
                + ByteSizes.format(number(share, "bytes")) + ")"));
        line(out, "Sync", joined(list(status, "sync"), pair -> pair.get("share") + " with " + pair.get("peerName") + ": " + pair.get("state")
                + (pair.get("lastSync") instanceof String last ? ", last round " + Elapsed.since(Instant.parse(last), now) : "")));
        line(out, "Backups", joined(list(status, "backupSets"), set -> set.get("set") + ": " + (set.get("lastRun") instanceof String last
                ? "last run " + Elapsed.since(Instant.parse(last), now) + ", " + number(set, "fullyCopied") + " of "
                        + Output.count(set.get("chunks"), "chunk") + " with all copies"
                : "not run yet")));
        Map<String, Object> mailbox = Output.entry(status, "mailbox");
        line(out, "Mailbox", mailbox.get("peer") == null ? "none" : mailbox.get("name") + (Boolean.TRUE.equals(mailbox.get("online")) ? ", online" : ", offline"));
        long running = list(status, "transfers").stream().filter(transfer -> "running".equals(transfer.get("state"))).count();
        line(out, "Transfers", running == 0 ? "none running" : running + " running: peerdesk transfers");
        List<?> attention = (List<?>) status.get("attention");
        out.println();
        if (attention.isEmpty()) {
            out.println("Nothing needs you.");
            return;
        }
        out.println("Needs you:");
        attention.forEach(item -> out.println("  - " + item));
    }

    private static void line(PrintStream out, String what, String state) {
        out.printf("%-11s%s%n", what, state);
    }

    private static String joined(List<Map<String, Object>> items, Function<Map<String, Object>, String> shown) {
        return items.isEmpty() ? "none" : String.join("; ", items.stream().map(shown).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> status, String key) {
        return (List<Map<String, Object>>) status.get(key);
    }

    private static long number(Map<String, Object> item, String key) {
        return ((Number) item.get(key)).longValue();
    }
}
