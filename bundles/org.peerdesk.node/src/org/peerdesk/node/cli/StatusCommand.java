package org.peerdesk.node.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;

/**
 * {@code peerdesk status}: the node at a glance (peers, shares, sync, backups, mailbox, messages, transfers) and,
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
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("identity", api.get("/api/v1/identity"));
        status.put("addresses", api.get("/api/v1/addresses"));
        status.put("peers", Output.entries(api.get("/api/v1/peers"), "peers"));
        status.put("shares", Output.entries(api.get("/api/v1/shares"), "shares"));
        status.put("sync", Output.entries(api.get("/api/v1/sync"), "pairs"));
        status.put("backupSets", Output.entries(api.get("/api/v1/backup/sets"), "sets"));
        status.put("held", Output.entries(api.get("/api/v1/backup/held"), "owners"));
        status.put("mailbox", api.get("/api/v1/mailbox"));
        Map<String, Object> conversations = api.get("/api/v1/conversations");
        status.put("conversations", Output.entries(conversations, "conversations"));
        status.put("catchingUpFrom", Output.entries(conversations, "catchingUpFrom"));
        status.put("transfers", Output.entries(api.get("/api/v1/transfers"), "transfers"));
        status.put("attention", Output.entries(api.get("/api/v1/attention"), "attention"));
        return output.show(status, this::print);
    }

    /** After a take-over, who is still to give back what the lost machine exchanged after its last backup. */
    private static String catchingUp(List<Map<String, Object>> peers) {
        return peers.isEmpty() ? "" : "; what came after the last backup is still to come from " + joined(peers, peer -> (String) peer.get("name"))
                + " (each as it connects)";
    }

    private void print(Map<String, Object> status) {
        PrintStream out = output.out();
        Instant now = Instant.now();
        Map<String, Object> identity = Output.entry(status, "identity");
        out.println(identity.get("name") + " (" + identity.get("peerId") + ")");
        line(out, "Listening", String.join(", ", ((List<?>) identity.get("listen")).stream().map(String::valueOf).toList()));
        Map<String, Object> addresses = Output.entry(status, "addresses");
        List<?> publicOnes = (List<?>) addresses.get("public");
        if (!publicOnes.isEmpty()) {
            line(out, "Public", String.join(", ", publicOnes.stream().map(String::valueOf).toList()) + " (invites name these first)");
        }
        Map<String, Object> router = Output.entry(addresses, "router");
        if (!"not_needed".equals(router.get("state"))) {
            line(out, "Router", String.valueOf(router.get("said")));
        }
        if (!String.valueOf(addresses.get("reachedAt")).isEmpty()) {
            line(out, "Reached at", String.valueOf(addresses.get("reachedAt")));
        }
        List<Map<String, Object>> peers = list(status, "peers");
        long online = peers.stream().filter(peer -> Boolean.TRUE.equals(peer.get("online"))).count();
        line(out, "Peers", peers.isEmpty() ? "none yet: peerdesk invite" : peers.size() + " known, " + online + " online");
        line(out, "Shares", joined(list(status, "shares"), share -> share.get("name") + " (" + Output.count(share.get("files"), "file") + ", "
                + ByteSizes.format(number(share, "bytes")) + ")"));
        line(out, "Sync", joined(list(status, "sync"), pair -> pair.get("share") + " with " + pair.get("peerName") + ": " + pair.get("state")
                + (pair.get("lastSync") instanceof String last ? ", last round " + Elapsed.since(Instant.parse(last), now) : "")
                + (Boolean.TRUE.equals(pair.get("peerTakesChanges")) ? "" : ", your changes not read by it " + (pair.get("peerLastRead") == null
                        ? "yet" : "lately"))
                + (pair.get("problem") == null ? "" : " (with a problem, below)")));
        line(out, "Backups", joined(list(status, "backupSets"), set -> set.get("set") + ": " + (set.get("lastRun") instanceof String last
                ? "last run " + Elapsed.since(Instant.parse(last), now) + ", " + number(set, "fullyCopied") + " of "
                        + Output.count(set.get("chunks"), "chunk") + " with all copies"
                        + (set.get("lastCheck") instanceof String checked ? ", proven " + Elapsed.since(Instant.parse(checked), now) : "")
                : "not run yet")));
        line(out, "Holding", joined(list(status, "held"), owner -> "for " + owner.get("name") + " " + ByteSizes.format(number(owner, "bytes"))
                + (owner.get("quota") == null ? "" : " of " + ByteSizes.format(number(owner, "quota")))
                + (owner.get("removal") instanceof String removal ? " (grant ended; removed " + Output.localTime(removal) + ")" : "")));
        Map<String, Object> mailbox = Output.entry(status, "mailbox");
        line(out, "Mailbox", mailbox.get("peer") == null ? "none" : mailbox.get("name") + (Boolean.TRUE.equals(mailbox.get("online")) ? ", online" : ", offline"));
        List<Map<String, Object>> conversations = list(status, "conversations");
        List<Map<String, Object>> unread = conversations.stream().filter(conversation -> number(conversation, "unread") > 0).toList();
        line(out, "Messages", (conversations.isEmpty() ? "none" : Output.count(conversations.size(), "conversation") + (unread.isEmpty()
                ? ", none unread" : "; unread: " + joined(unread, conversation -> conversation.get("name") + " ("
                        + MessageCommands.unread(conversation).orElseThrow().replace(" unread", "")
                        + (Boolean.TRUE.equals(conversation.get("muted")) ? ", muted" : "") + ")")))
                + catchingUp(list(status, "catchingUpFrom")));
        long running = list(status, "transfers").stream().filter(transfer -> "running".equals(transfer.get("state"))).count();
        line(out, "Transfers", running == 0 ? "none running" : running + " running: peerdesk transfers");
        List<Map<String, Object>> attention = list(status, "attention");
        out.println();
        if (attention.isEmpty()) {
            out.println("Nothing needs you.");
            return;
        }
        out.println("Needs you:");
        attention.forEach(item -> out.println("  - " + item.get("what") + (item.get("command") instanceof String command && !command.isEmpty()
                ? " (" + command + ")" : "")));
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
