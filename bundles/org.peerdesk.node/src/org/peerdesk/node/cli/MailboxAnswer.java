package org.peerdesk.node.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Elapsed;

/** The mailbox answer of the admin API ({@code GET /api/v1/mailbox}) in words: whether the mailbox serves this node, and what waits here for others. */
final class MailboxAnswer {

    private MailboxAnswer() {
    }

    static void print(Map<String, Object> answer, PrintStream out) {
        Instant now = Instant.now();
        if (answer.get("peer") == null) {
            out.println("No mailbox: peers deliver only while this node is on.");
        } else {
            out.println("Mail for this node waits at " + answer.get("name") + " (" + answer.get("peer") + ") while it is off.");
            String state = Boolean.TRUE.equals(answer.get("online")) ? "online" : "offline (" + Cli.state(answer) + ")";
            out.println(answer.get("name") + ": " + state + "; " + checked(answer, now) + "; " + lastMail(answer, now) + ".");
            if (answer.get("problem") != null) {
                out.println("Problem: " + answer.get("problem") + ".");
            }
        }
        List<Map<String, Object>> held = Output.entries(answer, "held");
        if (!held.isEmpty()) {
            out.println();
            out.println("This node is the mailbox of " + Output.count(held.size(), "peer") + ":");
            Table table = new Table("PEER", "WAITING", "SIZE", "OLDEST");
            for (Map<String, Object> each : held) {
                boolean none = ((Number) each.get("pieces")).intValue() == 0;
                table.add(each.get("name"), none ? "nothing" : Output.count(each.get("pieces"), "piece"),
                        none ? "-" : ByteSizes.format(((Number) each.get("bytes")).longValue()),
                        each.get("oldest") instanceof String oldest ? Elapsed.since(Instant.parse(oldest), now) : "-");
            }
            table.print(out);
        }
    }

    private static String checked(Map<String, Object> answer, Instant now) {
        return answer.get("checked") instanceof String checked ? "asked for mail " + Elapsed.since(Instant.parse(checked), now)
                : "not asked for mail yet";
    }

    private static String lastMail(Map<String, Object> answer, Instant now) {
        return answer.get("lastMail") instanceof String last
                ? "mail last came through it " + Elapsed.since(Instant.parse(last), now) + " (" + Output.count(answer.get("lastMailCount"), "piece") + " of mail)"
                : "no mail has come through it yet";
    }
}
